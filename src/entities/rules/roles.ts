/**
 * Role and title words: the heads of the descriptions news gives people
 * ("Foreign Minister", "political analyst", "spokesman"). General English news
 * vocabulary, lower case; matched case-insensitively. Used to split a title from the
 * name it precedes, to read roles, and to resolve descriptions ("the minister").
 */
export const ROLE_HEADS: ReadonlySet<string> = new Set([
  // government and politics
  'president', 'vice-president', 'premier', 'minister', 'ministers', 'chancellor', 'secretary', 'secretary-general', 'senator', 'congressman',
  'congresswoman', 'representative', 'governor', 'mayor', 'ambassador', 'envoy', 'diplomat', 'consul', 'deputy', 'deputies', 'mp', 'mps', 'lawmaker',
  'legislator', 'parliamentarian', 'speaker', 'chairman', 'chairwoman', 'chair', 'chairperson', 'leader', 'head', 'chief', 'commissioner',
  'spokesman', 'spokeswoman', 'spokesperson', 'official', 'officials', 'adviser', 'advisor', 'aide', 'candidate', 'nominee', 'king', 'queen',
  'prince', 'princess', 'emperor', 'sheikh', 'emir', 'sultan', 'shah', 'monarch', 'prosecutor', 'judge', 'justice', 'attorney', 'lawyer',
  'counsel', 'ombudsman', 'councillor', 'councilman', 'councilwoman', 'delegate', 'politician', 'statesman', 'strategist', 'pollster',
  'campaigner', 'activist', 'dissident', 'negotiator', 'mediator', 'observer', 'inspector', 'auditor', 'regulator', 'administrator',
  'governor-general', 'premier', 'mufti', 'patriarch', 'metropolitan', 'bishop', 'archbishop', 'cardinal', 'pope', 'imam', 'rabbi', 'priest',
  // military and security
  'general', 'colonel', 'major', 'captain', 'lieutenant', 'sergeant', 'admiral', 'commander', 'marshal', 'officer', 'soldier', 'colonel-general',
  'lieutenant-general', 'major-general', 'brigadier', 'corporal', 'private',
  // business and institutions
  'director', 'director-general', 'executive', 'ceo', 'cfo', 'coo', 'founder', 'co-founder', 'owner', 'president-elect', 'manager', 'partner',
  'economist', 'banker', 'investor', 'entrepreneur', 'businessman', 'businesswoman', 'tycoon', 'oligarch', 'shareholder', 'trader', 'broker',
  // scholarship, media, expertise
  'professor', 'lecturer', 'researcher', 'scientist', 'scholar', 'academic', 'analyst', 'expert', 'specialist', 'historian', 'political scientist',
  'sociologist', 'orientalist', 'economist', 'fellow', 'dean', 'rector', 'journalist', 'correspondent', 'reporter', 'editor', 'editor-in-chief',
  'columnist', 'commentator', 'blogger', 'writer', 'author', 'publisher', 'presenter', 'host', 'anchor', 'broadcaster', 'producer', 'photographer',
  'doctor', 'physician', 'surgeon', 'nurse', 'engineer', 'teacher', 'student', 'coach', 'player', 'striker', 'goalkeeper', 'captain',
  'champion', 'athlete', 'artist', 'singer', 'actor', 'actress', 'director', 'poet', 'novelist', 'architect', 'researcher', 'consultant',
  'witness', 'victim', 'suspect', 'defendant', 'plaintiff', 'resident', 'citizen', 'member', 'members', 'employee', 'worker', 'volunteer',
  'counterpart', 'colleague', 'successor', 'predecessor', 'rival', 'ally',
]);

/**
 * Words that modify a role head and belong to the role: "Foreign Minister",
 * "Assistant Professor", "senior analyst", "former president".
 */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set([
  'foreign', 'prime', 'deputy', 'vice', 'assistant', 'associate', 'acting', 'interim', 'senior', 'junior', 'chief', 'former', 'ex', 'first',
  'second', 'general', 'executive', 'managing', 'political', 'military', 'defence', 'defense', 'interior', 'finance', 'economy', 'justice',
  'health', 'education', 'energy', 'trade', 'state', 'federal', 'regional', 'local', 'national', 'international', 'top', 'lead', 'leading',
  'well-known', 'famous', 'independent', 'permanent', 'special', 'presidential', 'parliamentary', 'opposition', 'government', 'party',
  'press', 'news', 'staff', 'white', 'house', 'defense', 'security', 'intelligence', 'military-political', 'public', 'economic', 'social',
  'visiting', 'honorary', 'emeritus', 'full', 'distinguished', 'principal', 'supreme', 'grand', 'high', 'lord', 'crown', 'head', 'team',
  'campaign', 'communications', 'policy', 'research', 'program', 'programme', 'project', 'board', 'art', 'creative', 'sports', 'legal',
  'agriculture', 'industry', 'transport', 'culture', 'labour', 'labor', 'environment', 'development', 'affairs', 'treasury', 'home',
  'attorney', 'solicitor', 'surgeon', 'majority', 'minority', 'house', 'senate', 'newly', 'elected', 'appointed', 'incumbent', 'outgoing',
  'retired', 'late', 'then', 'current', 'longtime', 'veteran', 'influential', 'prominent',
]);

/** Honorifics that stand before a name and are not roles in themselves. */
export const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lady', 'lord', 'madam', 'mister', 'st', 'saint', 'hon', 'rev']);

/** Abbreviated titles ("Gen.", "Sen.", "Rep.") and what they stand for. */
export const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gen: 'General', sen: 'Senator', rep: 'Representative', gov: 'Governor', pres: 'President', col: 'Colonel', lt: 'Lieutenant',
  maj: 'Major', capt: 'Captain', cpt: 'Captain', sgt: 'Sergeant', adm: 'Admiral', cmdr: 'Commander', prof: 'Professor', amb: 'Ambassador',
  supt: 'Superintendent', insp: 'Inspector', det: 'Detective', atty: 'Attorney', fr: 'Father',
};
