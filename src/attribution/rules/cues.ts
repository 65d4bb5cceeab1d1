/**
 * Hand-written attribution cue data: general English reporting and belief verbs with all
 * their inflections, noun cues, and the closed-class words that bound sources and cues.
 * Nothing here comes from a particular article; the learned list (learned-cues.ts, made by
 * scripts/build-cue-lexicon.mjs from PolNeAR train) adds the cue words of US political news.
 */

/** Irregular verbs: lemma -> [3rd person, past, past participle, -ing]. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  say: ['says', 'said', 'said', 'saying'],
  tell: ['tells', 'told', 'told', 'telling'],
  think: ['thinks', 'thought', 'thought', 'thinking'],
  write: ['writes', 'wrote', 'written', 'writing'],
  know: ['knows', 'knew', 'known', 'knowing'],
  feel: ['feels', 'felt', 'felt', 'feeling'],
  find: ['finds', 'found', 'found', 'finding'],
  see: ['sees', 'saw', 'seen', 'seeing'],
  speak: ['speaks', 'spoke', 'spoken', 'speaking'],
  hold: ['holds', 'held', 'held', 'holding'],
  teach: ['teaches', 'taught', 'taught', 'teaching'],
  foresee: ['foresees', 'foresaw', 'foreseen', 'foreseeing'],
  forecast: ['forecasts', 'forecast', 'forecast', 'forecasting'],
  read: ['reads', 'read', 'read', 'reading'],
  understand: ['understands', 'understood', 'understood', 'understanding'],
  swear: ['swears', 'swore', 'sworn', 'swearing'],
  mean: ['means', 'meant', 'meant', 'meaning'],
};

/** Regular English inflection of a verb lemma: lemma, -s, -ed, -ing. */
export function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [lemma, ...irregular];
  const forms = [lemma];
  if (/(?:s|sh|ch|x|z)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ies`);
  else forms.push(`${lemma}s`);
  if (lemma.endsWith('e')) forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  else if (/^(?:[^aeiou]*[aeiou][^aeiouwxy])$/.test(lemma) || /(?:mit|fer|pel)$/.test(lemma)) {
    const d = lemma + lemma[lemma.length - 1];
    forms.push(`${d}ed`, `${d}ing`);
  } else forms.push(`${lemma}ed`, `${lemma}ing`);
  return forms;
}

/** Verbs of saying: their content follows (often with "that") or precedes with inversion. */
export const SAY_VERBS: readonly string[] = [
  'say', 'state', 'stress', 'note', 'recall', 'confirm', 'reaffirm', 'add', 'explain', 'post', 'tweet', 'write', 'claim',
  'declare', 'announce', 'report', 'argue', 'insist', 'suggest', 'emphasize', 'emphasise', 'underline', 'point', 'assert',
  'admit', 'acknowledge', 'concede', 'deny', 'reply', 'respond', 'answer', 'comment', 'remark', 'observe', 'mention',
  'warn', 'caution', 'predict', 'promise', 'pledge', 'vow', 'announce', 'reveal', 'disclose', 'conclude', 'complain',
  'allege', 'contend', 'maintain', 'indicate', 'specify', 'clarify', 'reiterate', 'repeat', 'urge', 'demand', 'propose',
  'recommend', 'speculate', 'estimate', 'joke', 'quip', 'boast', 'lament', 'acknowledge', 'testify', 'recount', 'hint',
  'signal', 'imply', 'counter', 'retort', 'agree', 'disagree', 'ask', 'wonder', 'voice', 'express', 'declare', 'proclaim',
  'accuse', 'criticize', 'criticise', 'blame', 'praise', 'describe', 'call', 'brand', 'dub', 'label', 'characterize',
  'continue', 'assure', 'remind', 'inform', 'notify', 'advise', 'spell', 'summarize', 'summarise', 'shout', 'yell',
  'chant', 'whisper', 'cite', 'quote', 'echo', 'highlight', 'underscore',
];

/** Verbs whose first object is the hearer: "told reporters that ...", "informed the minister". */
export const TELL_VERBS: readonly string[] = ['tell', 'inform', 'assure', 'remind', 'notify', 'advise', 'warn', 'urge', 'ask', 'promise', 'brief'];

/**
 * The verbs of {@link TELL_VERBS} whose hearer stands outside what is said ("told reporters that
 * ..."); with the others the object is part of it ("urged supporters to monitor the polls",
 * "asked voters for patience"). PolNeAR train: the word after the cue lies in the content 13 times
 * in 399 after "told", 35 in 52 after "urged", 128 in 223 after "ask", 48 in 55 after "promise".
 */
export const HEARER_OUTSIDE: ReadonlySet<string> = new Set(['tell', 'inform', 'assure', 'remind', 'notify', 'brief']);

/** Verbs of belief, intention and feeling. */
export const BELIEF_VERBS: readonly string[] = [
  'believe', 'think', 'hope', 'want', 'fear', 'expect', 'doubt', 'suspect', 'feel', 'consider', 'assume', 'wish', 'worry',
  'intend', 'plan', 'know', 'guess', 'suppose', 'reckon', 'hold', 'trust', 'understand', 'foresee', 'anticipate', 'presume',
  'regret', 'prefer', 'seek', 'aim', 'realize', 'realise', 'recognize', 'recognise', 'imagine', 'forecast', 'insist',
];

/** Nouns that introduce an attributed content: "the claim that", "his view". */
export const NOUN_CUES: ReadonlySet<string> = new Set([
  'statement', 'statements', 'claim', 'claims', 'view', 'views', 'opinion', 'belief', 'beliefs', 'assertion', 'allegation',
  'allegations', 'argument', 'warning', 'promise', 'pledge', 'remarks', 'comments', 'words', 'suggestion', 'insistence',
  'contention', 'assessment', 'prediction', 'accusation', 'accusations', 'announcement', 'assurance', 'assurances', 'hope',
  'hopes', 'fear', 'fears', 'conviction', 'admission', 'denial', 'charge', 'message', 'declaration', 'position',
]);

/** Auxiliaries, negation and adverbs that belong to a verb cue ("has also said", "was reportedly told"). */
export const CUE_PREFIX: ReadonlySet<string> = new Set([
  "'s", "'ll", "'ve", "'d", "'re", "'m", // contracted auxiliaries ("he's claiming"), in the cue as in PolNeAR
  'has', 'have', 'had', 'having', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'shall', 'did', 'does',
  'do', 'is', 'was', 'were', 'are', 'am', 'be', 'been', 'being', 'not', 'never', 'also', 'repeatedly', 'publicly',
  'previously', 'later', 'recently', 'reportedly', 'again', 'once', 'often', 'already', 'always', 'still', 'now', 'further',
  'even', 'just', 'then', 'privately', 'openly', 'firmly', 'strongly', 'frequently', 'explicitly', 'clearly',
  'moreover', 'too', 'allegedly', 'apparently', 'initially', 'originally', 'subsequently', 'immediately', 'quickly',
  'specifically', 'consistently', 'formally', 'officially', 'widely', 'loudly', 'flatly',
]);

/** Words after a verb cue that belong to it when PolNeAR-style cues include them. */
export const CUE_SUFFIX_PHRASES: readonly (readonly string[])[] = [
  ['in', 'a', 'statement'], ['in', 'an', 'interview'], ['in', 'a', 'tweet'], ['in', 'an', 'email'], ['in', 'a', 'post'],
  ['on', 'twitter'], ['on', 'facebook'], ['in', 'a', 'speech'], ['in', 'a', 'letter'], ['in', 'a', 'memo'], ['out'], ['up'],
  ['the', 'following', 'statement'], ['the', 'following'], ['to', 'say'], ['to', 'be'], ['for'], ['on'], ['about'], ['of'], ['to'],
  ['against'], ['over'], ['with'], ['as'], ['at'], ['into'], ['from'],
];

/** Personal and relative pronouns that can be a source. */
export const PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'which', 'that']);

/** Determiners and quantifiers that open a noun phrase. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'some', 'many', 'most', 'several', 'other', 'another', 'few', 'all', 'both', 'his', 'her', 'their', 'its',
  'our', 'my', 'your', 'this', 'these', 'those', 'each', 'every', 'no', 'any', 'one', 'two', 'three', 'four', 'five',
  'six', 'seven', 'eight', 'nine', 'ten', 'numerous', 'various', 'certain', 'more', 'fewer', 'such',
]);

/** Words that end a left-going noun-phrase walk (not included). */
export const NP_STOP: ReadonlySet<string> = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'because', 'if', 'when', 'while', 'as', 'but', 'so', 'than', 'then', 'or', 'nor',
  'and', 'although', 'though', 'since', 'after', 'before', 'until', 'where', 'whether', 'why', 'how', 'what', 'not', 'also',
  'said', 'says', 'say', 'is', 'was', 'were', 'are', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'can',
  'may', 'might', 'should', 'must', 'did', 'does', 'do', 'to', 'by', 'with', 'without', 'from', 'on', 'in', 'at', 'into',
  'over', 'under', 'about', 'against', 'during', 'through', 'via', 'between', 'among', 'like', 'however', 'meanwhile',
  'moreover', 'thus', 'therefore', 'yet', 'still', 'even', 'just', 'only', 'there', 'here', 'it', 'this', 'these', 'those',
  'him', 'them', 'me', 'us', 'her', 'its', 'upon', 'toward', 'towards', 'despite', 'per', 'up', 'out', 'off', 'down',
]);

/** Prepositions that open a phrase between subject and verb ("X on his page posted"). */
export const PREPOSITIONS: ReadonlySet<string> = new Set([
  'on', 'in', 'at', 'during', 'from', 'via', 'through', 'after', 'before', 'with', 'for', 'to', 'into', 'over', 'under',
  'about', 'by', 'of', 'across', 'throughout', 'since', 'like',
]);

/** Closed-class words never taken as a cue head from the learned list. */
export const NOT_HEADS: ReadonlySet<string> = new Set([
  ...CUE_PREFIX, ...DETERMINERS, ...NP_STOP, ...PREPOSITIONS, 'according', 'following', 'known', 'named', 'read', 'seen',
  'show', 'shows', 'showed', 'shown', 'showing', 'found', 'support', 'supported', 'supporting', 'supports', 'made',
  'continued', 'released', 'cast', 'passed', 'issued', 'questions', 'question', 'criticism', 'statement', 'view',
  'interview', 'opposition', 'endorsement', 'concern', 'concerns', 'advice', 'confident', 'eager', 'willing', 'aware',
  'skeptical', 'quick', 'forward', 'laid', 'devoted', 'aimed', 'focused', 'looking', 'talking', 'pushed', 'pushing',
  'voted', 'signed', 'named', 'nominated', 'seemed', 'seems', 'seem', 'appeared', 'appears', 'appear', 'sounded', "don't",
  'declined', 'refused', 'sought', 'seeking', 'offered', 'offer', 'offering', 'titled', 'listed', 'identified', 'hoping',
]);

/** Adverbial openers of a parenthetical between subject and verb ("Aliyev, in turn, stressed"). */
export const PARENTHETICAL: ReadonlySet<string> = new Set([
  'however', 'meanwhile', 'moreover', 'too', 'also', 'though', 'furthermore', 'nevertheless', 'instead', 'meantime',
  'therefore', 'in', 'for', 'on', 'at', 'by', 'like', 'unlike', 'as', 'after', 'before', 'during', 'speaking', 'asked',
  'then', 'now', 'later', 'earlier', 'again', 'however', 'besides', 'incidentally', 'indeed', 'in', 'of',
]);
