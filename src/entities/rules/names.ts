/**
 * Words that make a capitalised phrase an organisation ("Ministry of Foreign Affairs",
 * "OSCE Minsk Group", "Bank of England"). Lower case.
 */
export const ORG_HEADS: ReadonlySet<string> = new Set([
  'ministry', 'department', 'office', 'agency', 'administration', 'government', 'cabinet', 'parliament', 'assembly', 'congress', 'senate',
  'duma', 'council', 'committee', 'commission', 'board', 'bureau', 'authority', 'service', 'services', 'directorate', 'inspectorate',
  'court', 'tribunal', 'party', 'movement', 'front', 'alliance', 'coalition', 'union', 'federation', 'league', 'association', 'society',
  'organization', 'organisation', 'group', 'foundation', 'fund', 'institute', 'institution', 'university', 'college', 'academy', 'school',
  'center', 'centre', 'bank', 'company', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'plc', 'holding', 'holdings', 'industries', 'airlines',
  'airways', 'railways', 'exchange', 'network', 'news', 'agency', 'times', 'post', 'herald', 'tribune', 'journal', 'gazette', 'press',
  'television', 'radio', 'channel', 'broadcasting', 'media', 'magazine', 'daily', 'weekly', 'review', 'army', 'navy', 'forces', 'force',
  'guard', 'police', 'militia', 'brigade', 'battalion', 'regiment', 'division', 'command', 'church', 'club', 'team', 'conference', 'forum',
  'summit', 'program', 'programme', 'project', 'initiative', 'secretariat', 'presidium', 'politburo', 'kremlin', 'pentagon',
  'newspaper', 'publication', 'portal', 'website', 'outlet', 'firm', 'operator', 'carrier',
]);

/** Words that make a capitalised phrase a place ("Sverdlovsk region", "Gulf of Mexico"). Lower case. */
export const LOC_HEADS: ReadonlySet<string> = new Set([
  'region', 'oblast', 'krai', 'kray', 'province', 'district', 'county', 'state', 'republic', 'territory', 'governorate', 'prefecture',
  'canton', 'municipality', 'city', 'town', 'village', 'valley', 'river', 'lake', 'sea', 'ocean', 'gulf', 'bay', 'strait', 'mountains',
  'mountain', 'mount', 'peninsula', 'island', 'islands', 'coast', 'desert', 'basin', 'plateau', 'highlands', 'corridor', 'square', 'street',
  'avenue', 'airport', 'port', 'border',
]);

/** Capitalised words that end the names of natural features ("Second Thomas Shoal", "Scarborough Reef"): no person's name ends so. */
export const FEATURE_ENDS: ReadonlySet<string> = new Set([
  'Shoal', 'Shoals', 'Reef', 'Reefs', 'Atoll', 'Island', 'Islands', 'Strait', 'Straits', 'Sea', 'Lake', 'Mountain', 'Mountains', 'Valley',
  'Peninsula', 'Cape', 'Canyon', 'Desert', 'Gulf', 'Heights', 'Glacier', 'Lagoon', 'Plateau', 'Basin', 'Coast', 'Harbor', 'Harbour', 'Creek',
]);

/**
 * Surname endings frequent in names from the former USSR, the Caucasus, Central Asia
 * and the Balkans: a capitalised word with one of these endings that is not a known
 * place is a likely surname.
 */
export const SURNAME_SUFFIXES: readonly string[] = [
  'ov', 'ova', 'ev', 'eva', 'yev', 'yeva', 'iev', 'ieva', 'in', 'ina', 'yn', 'sky', 'skiy', 'skii', 'ski', 'skaya', 'enko', 'chenko', 'uk', 'yuk',
  'chuk', 'ich', 'vich', 'vych', 'yan', 'ian', 'shvili', 'dze', 'ogly', 'oglu', 'zade', 'zadeh', 'bekov', 'bayev', 'aev', 'aeva', 'off',
];

/** Words that are never names even when capitalised (sentence-initial or in headlines). Lower case. */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'his', 'her', 'they', 'their', 'we', 'our', 'you', 'your', 'i',
  'my', 'me', 'us', 'them', 'him', 'who', 'whom', 'whose', 'which', 'what', 'when', 'where', 'why', 'how', 'but', 'and', 'or', 'nor', 'so',
  'yet', 'for', 'if', 'then', 'than', 'as', 'at', 'by', 'in', 'on', 'of', 'to', 'from', 'with', 'without', 'after', 'before', 'since',
  'while', 'although', 'though', 'because', 'however', 'meanwhile', 'moreover', 'therefore', 'thus', 'also', 'still', 'even', 'only',
  'all', 'some', 'many', 'most', 'more', 'much', 'few', 'several', 'both', 'each', 'every', 'any', 'no', 'not', 'there', 'here', 'now',
  'today', 'yesterday', 'tomorrow', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'mr', 'mrs', 'ms', 'dr', 'according',
  'another', 'other', 'such', 'one', 'two', 'three', 'first', 'second', 'last', 'next', 'new', 'including', 'specifically', 'true',
  'given', 'in', 'into', 'about', 'against', 'between', 'during', 'under', 'over', 'through', 'until', 'upon', 'within', 'among',
  'yes', 'well', 'just', 'perhaps', 'indeed', 'instead', 'otherwise', 'besides', 'furthermore', 'additionally', 'finally', 'again',
  'please', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should',
  'must', 'might', 'shall', 'let', 'said', 'says', 'say', 'read', 'see', 'photo', 'video', 'update', 'updated', 'editor', 'note',
  'here\'s', 'it\'s', 'that\'s', 'there\'s', 'what\'s', 'don\'t', 'do', 'not', 'nothing', 'everything', 'something', 'anyone', 'everyone',
  'someone', 'nobody', 'somebody', 'everybody', 'whatever', 'whoever', 'presumably', 'apparently', 'clearly', 'obviously', 'of',
  'neither', 'either', 'nor', 'whether', 'unlike', 'like', 'despite', 'amid', 'following', 'regarding', 'concerning',
]);

/** Lower-case words that may join the parts of a capitalised name ("Ministry of Foreign Affairs", "Bank of England"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'and', 'de', 'del', 'der', 'la', 'le', 'du', 'van', 'von', 'al', 'bin', 'ibn', 'da', 'dos', 'on', 'the', '&']);

/**
 * Followers of the major religions and their branches, singular, lower case: like a
 * nationality, the word names a group of people, not one person ("Muslims", "a Catholic
 * school"); CoNLL-2003 types them MISC. Demonyms of countries come from the gazetteer.
 */
export const RELIGIOUS_GROUPS: ReadonlySet<string> = new Set([
  'muslim', 'moslem', 'christian', 'jew', 'hindu', 'buddhist', 'sikh', 'jain', 'catholic', 'protestant', 'mormon', 'shiite', 'shia', 'sunni',
  'evangelical', 'baptist', 'methodist', 'lutheran', 'presbyterian', 'anglican', 'episcopalian', 'pentecostal', 'quaker', 'amish',
  'zoroastrian', 'bahai', 'taoist', 'confucian', 'alawite', 'druze', 'salafist', 'salafi', 'wahhabi', 'sufi', 'copt', 'hasid', 'atheist',
]);
