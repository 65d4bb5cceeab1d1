import type { Document, EntityType, Mention, Sentence } from '../document/index.js';
import { loadNerModel, recogniseDocument, wordInfo, type NerModel, type NerSpan, type WordInfo } from '../ner/index.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { titleCase } from './recognise.js';
import { FEATURE_ENDS, LOC_HEADS, ORG_HEADS, RELIGIOUS_GROUPS, SURNAME_SUFFIXES } from './rules/names.js';
import { ROLE_HEADS, ROLE_MODIFIERS } from './rules/roles.js';
import { docContext, recogniseSentence, type NameSpan } from './recognise.js';
import { splitNamePairs, type NameEvidence } from './split.js';

/** Options for the entities stage. */
export interface EntitiesOptions {
  readonly gazetteer?: Gazetteer;
  /** The trained recogniser; the shipped one by default, `false` for rules and gazetteers alone. */
  readonly model?: NerModel | false;
}

/** What the model's lexicon knows of a word (`wordInfo`), cached per article. */
type WordLookup = (word: string) => WordInfo;

const MODEL_TYPES: Readonly<Record<string, EntityType>> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };
/** Rule spans this weak give way to the model where they overlap. */
const WEAK = 1;

/**
 * Find the names in a document: rules and gazetteers per sentence, then one pass over
 * the whole document so that a name keeps one type (a short "Lavrov" after "Sergei
 * Lavrov" is a person too; the strongest evidence wins).
 */
export function recogniseEntities(doc: Document, options: Readonly<EntitiesOptions> = {}): Mention[] {
  const sentences = doc.layers.sentences ?? [];
  const g = options.gazetteer ?? loadGazetteer();
  const ctx = docContext(sentences);
  const model = options.model === false ? undefined : (options.model ?? loadNerModel());
  // The model tags the whole article, so that a name repeated across sentences keeps one type.
  const found = model ? recogniseDocument(model, sentences.map((s) => s.tokens.map((t) => t.text))) : [];
  // Last words of the model's multi-word person names: a title word among them is a surname ("Billie Jean King" ... "King").
  const surnames = new Set<string>();
  // Every word of them: a word of a known person's name is no common word here ("Ban" of "Ban Ki-moon").
  const nameWords = new Set<string>();
  // How many times the model reads each name (its words joined by spaces) as a person in this article.
  const personTimes = new Map<string, number>();
  found.forEach((list, k) => {
    const toks = sentences[k].tokens;
    for (const f of list) {
      if (f.type !== 'PER') continue;
      const name = f.end - f.start === 1 ? toks[f.start].text : toks.slice(f.start, f.end).map((t) => t.text).join(' ');
      personTimes.set(name, (personTimes.get(name) ?? 0) + 1);
      if (f.end - f.start < 2) continue;
      surnames.add(toks[f.end - 1].text);
      for (let i = f.start; i < f.end; i++) nameWords.add(toks[i].text);
    }
  });
  // The lexicon's look-ups, once per distinct word of the article.
  const seen = new Map<string, WordInfo>();
  const info: WordLookup = (w) => {
    let i = seen.get(w);
    if (!i) seen.set(w, (i = wordInfo(model as NerModel, w)));
    return i;
  };
  const spans: NameSpan[] = [];
  const evidence: NameEvidence = {
    g,
    nameWords,
    knownName: (w) => g.given.has(w) || g.surnames.has(w) || (model ? info(w).personName : false),
    commonWord: (w) => (model ? (info(w).capitalised ?? 2) <= 1 : false),
  };
  for (const s of sentences) {
    const rules = recogniseSentence(s, g, ctx);
    spans.push(...splitNamePairs(model ? withModel(s, rules, found[s.index], g, surnames, nameWords, personTimes, info) : rules, s.tokens, evidence));
  }
  return consolidate(doc.text, sentences, spans).map((sp, k) => ({
    id: `m${k + 1}`,
    start: sp.start,
    end: sp.end,
    label: sp.type,
    kind: 'name' as const,
    evidence: sp.evidence,
    rule: sp.rule,
    confidence: Math.round((sp.strength / 3) * 100) / 100,
  }));
}

const SURNAME_SHAPE = new RegExp(`^\\p{Lu}\\p{Ll}+(?:${SURNAME_SUFFIXES.join('|')})$`, 'u');
const QUOTE = /^["“”«»‘’']$/;
/** Lower-case words for a news outlet, after its name. */
const OUTLET_WORDS: ReadonlySet<string> = new Set(['agency', 'newspaper', 'daily', 'weekly', 'magazine', 'portal', 'website', 'channel', 'outlet', 'broadcaster', 'tabloid']);
/** Title and role words in lower case, one set. */
const ROLE_WORDS: ReadonlySet<string> = new Set([...ROLE_HEADS, ...ROLE_MODIFIERS]);
const isRoleWord = (w: string): boolean => ROLE_WORDS.has(w.toLowerCase());

const hasOrgWord = (toks: Sentence['tokens'], from: number, to: number): boolean => {
  for (let k = from; k < to; k++) if (ORG_HEADS.has(toks[k].text.toLowerCase())) return true;
  return false;
};

/**
 * Rules whose reading stands against the model's where they overlap: patterns the model cannot
 * see. (A title before a name used to be here; on CoNLL-2003 dev the model reads those better:
 * "St Louis", "Dean Jones", "President Bill Clinton" — see src/ner/readme.md.)
 */
const OVERRIDES: ReadonlySet<string> = new Set(['entities/place-with-region-word', 'entities/hyphen-part', 'entities/domain']);

/** Words for a region of a country, part of its name in dossier's reading: "Sverdlovsk region", "Adjara region". */
const ADMIN_REGION: ReadonlySet<string> = new Set([
  'region', 'oblast', 'krai', 'kray', 'province', 'district', 'county', 'republic', 'territory', 'governorate', 'prefecture', 'canton', 'municipality',
]);

/** The lower-case part of a compound adjective: "Ontario-based", "Dublin-born", "Moscow-backed". */
const COMPOUND_TAIL = /^\p{Ll}+(?:ed|born|bound|run|made|held|built|speaking|wide|style)$/u;

/**
 * Whether an overriding rule stands against the model: a place cut out of a hyphenated word
 * ("Moscow-Baku", a lost space in "Azerbaijan-at") gives way where the model reads the whole
 * word as one name and the word is a compound adjective ("Ontario-based", MISC).
 */
function overrides(r: NameSpan, toks: Sentence['tokens'], found: readonly NerSpan[]): boolean {
  if (!OVERRIDES.has(r.rule)) return false;
  // "Sverdlovsk region" stands, unless the model reads the first word as an adjective ("English county").
  if (r.rule === 'entities/place-with-region-word') {
    return ADMIN_REGION.has(toks[r.to - 1].text.toLowerCase()) && !found.some((f) => f.type === 'MISC' && f.start < r.to && r.from < f.end);
  }
  if (r.rule !== 'entities/hyphen-part') return true;
  const word = toks[r.from].text;
  const whole = found.some((f) => f.start === r.from && f.end === r.to);
  return !(whole && word.split('-').some((p) => COMPOUND_TAIL.test(p)));
}

/**
 * "Belgrade airport", "Pamir mountains", "Moscow street": a place word that names no region of a
 * country is no part of the place's name (CoNLL's convention too); the name before it stays a
 * rule's reading, for where the model finds nothing.
 */
function withoutRegionWord(r: NameSpan, toks: Sentence['tokens']): NameSpan {
  if (r.rule !== 'entities/place-with-region-word' || r.to - r.from < 2 || ADMIN_REGION.has(toks[r.to - 1].text.toLowerCase())) return r;
  return { ...r, to: r.to - 1, end: toks[r.to - 2].end };
}

const PLACE_PREPOSITION = /^(?:in|to|from|near|into|at|via|outside)$/;

/** A word that reads as an adjective of a people or a language, not a place: "English", "Kurdish", "South Korean", "Arab-Israeli". */
const ADJECTIVE_END = /(?:ish|ese|[eiy]an|can|ic)$/u;

/**
 * Merge the model's names with the rules' for one sentence. The trained model leads:
 * its spans stand, except where a rule that reads a pattern the model cannot see (a
 * title before a name, "X region", a web domain, a place glued to a word by a lost
 * space) overlaps them. Rule names the model missed altogether are added.
 */
function withModel(s: Sentence, ruleSpans: readonly NameSpan[], found: readonly NerSpan[], g: Gazetteer, surnames: ReadonlySet<string>, nameWords: ReadonlySet<string>, personTimes: ReadonlyMap<string, number>, info: WordLookup): NameSpan[] {
  const toks = s.tokens;
  if (!toks.length) return [...ruleSpans];
  /** A given name or surname of the gazetteers; `known`: or a word of a person's name the model found in the article. */
  const knownName = (w: string): boolean => g.given.has(w) || g.surnames.has(w) || info(w).personName;
  const known = (w: string): boolean => knownName(w) || nameWords.has(w);
  const rules = ruleSpans.map((r) => withoutRegionWord(r, toks));
  const out: NameSpan[] = rules.filter((r) => overrides(r, toks, found) || orgTheModelCut(r, found) || placeTheModelCut(r, found) || orgBeforeRole(r, found, rules));
  for (const model of found) {
    // Titles are no part of a name: "Energy Levan Davitashvili" -> "Levan Davitashvili".
    let from = model.start;
    while (model.type === 'PER' && from < model.end - 1 && isRoleWord(toks[from].text)) from++;
    // Nor is a sentence's first word that the lexicon's text mostly writes in lower case in the
    // middle of a sentence and that is no known name: "Neither Lavrov nor ..." -> "Lavrov".
    if (model.type === 'PER' && from < model.end - 1 && startsSentence(toks, from) && (info(toks[from].text).capitalised ?? 2) <= 1 && !knownName(toks[from].text)) from++;
    const f = { ...model, start: from };
    const start = toks[f.start].start;
    const end = toks[f.end - 1].end;
    if (out.some((r) => r.start < end && start < r.end)) continue;
    // Where the model and a rule read the same words, a country or region is no MISC and an
    // organisation word ("Kremlin", "Ministry") makes no place.
    // ("South Korean" stays MISC: its last word reads as a nationality.)
    const same = rules.find((r) => r.from === f.start && r.to === f.end && r.strength >= 2);
    const lastWord = toks[f.end - 1].text;
    if (
      same &&
      ((same.type === 'LOC' && f.type === 'MISC' && (f.end - f.start > 1 || lastWord === lastWord.toUpperCase()) && !g.misc.has(titleCase(lastWord)) && !(f.end - f.start > 1 && ADJECTIVE_END.test(lastWord.toLowerCase()))) ||
        (same.type === 'ORG' && f.type === 'LOC' && same.rule === 'entities/org-word'))
    ) {
      out.push(same);
      continue;
    }
    // A known place after a preposition of place is no person ("headed to Denver"); this reading
    // holds here only, and gives the rest of the document no vote ("Jordan 's film").
    if (same && same.type === 'LOC' && f.type === 'PER' && same.rule === 'entities/gazetteer-place' && PLACE_PREPOSITION.test(toks[f.start - 1]?.text ?? '')) {
      out.push({ ...same, strength: 2 });
      continue;
    }
    // Title and role words alone are no name ("the Foreign Minister of ..."); one department word
    // that starts no title is ("the Treasury", "Labour"), and so is a surname ("King").
    const words = toks.slice(f.start, f.end);
    const department =
      words.length === 1 &&
      ((!ROLE_HEADS.has(words[0].text.toLowerCase()) && !isRoleWord(toks[f.end]?.text ?? '')) || (f.type === 'PER' && surnames.has(words[0].text)));
    if (words.every((t) => isRoleWord(t.text)) && !department) continue;
    // One quoted word ("Duck", "Yes") is a term or a word quoted, not a person's name.
    if (f.type === 'PER' && f.end - f.start === 1 && QUOTE.test(toks[f.start - 1]?.text ?? '') && QUOTE.test(toks[f.end]?.text ?? '')) continue;
    const one = f.end - f.start === 1 ? toks[f.start].text : '';
    // A "person" of several words in quotation marks, none of them a known given name or surname,
    // is the title of a work or a show ("an episode of “Shark Tank.”"): MISC. (Not when the article
    // names it as a person more than once.)
    if (f.type === 'PER' && !one && isQuoted(toks, f.start, f.end) && (personTimes.get(toks.slice(f.start, f.end).map((t) => t.text).join(' ')) ?? 0) < 2 && toks.slice(f.start, f.end).every((t) => !knownName(t.text))) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'MISC', rule: 'ner/perceptron+quoted-title', strength: 2, evidence: [] });
      continue;
    }
    // A capitalised word that opens the sentence before a comma, that the language writes in lower
    // case (an English adverb, or a word the lexicon's unlabelled text mostly writes in lower case)
    // and that is no known given name or surname: a discourse word ("Furthermore, ..."), not a name.
    if (one && f.type === 'PER' && toks[f.end]?.text === ',' && startsSentence(toks, f.start) && (g.adverbs.has(one.toLowerCase()) || info(one).capitalised === 0) && !known(one)) continue;
    // A one-word "person" in the middle of a sentence, no known name, after no title, that the
    // lexicon's unlabelled text mostly writes in lower case ("Cleanliness, Godliness and Madness"),
    // is a common word in a title or a slogan; unless the article reads it alone as a person three
    // times or more, never after a capitalised word ("without Ban's persistence", "Ban said").
    const prev = toks[f.start - 1]?.text ?? '';
    if (
      one && f.type === 'PER' && prev !== '.' && !isRoleWord(prev) && !startsSentence(toks, f.start) && lowerWord(one, info) && !known(one) &&
      ((personTimes.get(one) ?? 0) < 3 || /^\p{Lu}/u.test(prev))
    ) {
      continue;
    }
    // A word in capitals that fills brackets opening a sentence is a stage direction of a
    // transcript ("(CROSSTALK.)", "(LAUGHTER)", "(BEGIN VIDEO CLIP)"), not a name.
    if (isStageDirection(toks, f.start, f.end, info)) continue;
    // A people or the followers of a religion, singular or plural ("Muslims", "Mexicans"): MISC, as a nationality is.
    if (one && f.type !== 'MISC' && isGroupWord(one, f.type, g, info)) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'MISC', rule: 'ner/perceptron+group-of-people', strength: 2, evidence: [] });
      continue;
    }
    // A "person" whose last word names a natural feature ("the Second Thomas Shoal"): a place.
    if (f.type === 'PER' && f.end - f.start > 1 && FEATURE_ENDS.has(lastWord) && !knownName(lastWord)) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'LOC', rule: 'ner/perceptron+natural-feature', strength: 2, evidence: [] });
      continue;
    }
    // A name before a lower-case word for a news outlet ("speaking to Turan agency", "the Kommersant
    // newspaper"): the outlet, an organisation.
    if (f.type === 'PER' && OUTLET_WORDS.has(toks[f.end]?.text ?? '')) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'ORG', rule: 'ner/perceptron+outlet-word', strength: 2, evidence: [{ start: toks[f.end].start, end: toks[f.end].end }] });
      continue;
    }
    // An abbreviated state or province after a place and a comma ("Bridgeport, Conn."): a place.
    if (one && f.type === 'PER' && isRegionAbbreviation(toks, f.start, found, rules, g)) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'LOC', rule: 'ner/perceptron+abbreviated-region', strength: 2, evidence: [] });
      continue;
    }
    // A name followed by ", who": a person, whatever the model reads ("invited Gennifer Flowers, who ...").
    // It is strong evidence: the same name elsewhere in the article takes this type.
    if (f.type === 'LOC' && toks[f.end]?.text === ',' && isPersonBeforeWho(toks, f.start, f.end, g, info)) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'PERSON', rule: 'ner/perceptron+who-after-name', strength: 3, evidence: [{ start: toks[f.end + 1].start, end: toks[f.end + 1].end }] });
      continue;
    }
    // "in X" where the model says MISC and X is a plain word that reads as no nationality: a place.
    const placeContext =
      f.type === 'MISC' &&
      f.end - f.start === 1 &&
      /^\p{Lu}[\p{L}-]+$/u.test(toks[f.start].text) &&
      !ADJECTIVE_END.test(toks[f.start].text) &&
      rules.some((r) => r.rule === 'entities/after-place-preposition' && r.from === f.start && r.to === f.end);
    if (placeContext) {
      out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: 'LOC', rule: 'ner/perceptron+place-preposition', strength: 3, evidence: [] });
      continue;
    }
    // A one-word "person" with no name-like word, followed by a place in brackets, is an outlet
    // with its bureau ("Sputnik (Baku)"): people's names come with a first name or a surname.
    const word = toks[f.start].text;
    const bureau =
      f.type === 'PER' &&
      f.end - f.start === 1 &&
      toks[f.end]?.text === '(' &&
      toks[f.end + 2]?.text === ')' &&
      g.loc.has(toks[f.end + 1].text) &&
      !g.given.has(word) &&
      !g.surnames.has(word) &&
      !surnames.has(word) &&
      !SURNAME_SHAPE.test(word);
    out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: bureau ? 'ORG' : MODEL_TYPES[f.type], rule: bureau ? 'ner/perceptron+outlet-bureau' : 'ner/perceptron', strength: 2, evidence: [] });
  }
  for (const r of rules) if (r.strength > WEAK && !out.some((o) => o.start < r.end && r.start < o.end) && !isStageDirection(toks, r.from, r.to, info)) out.push(r);
  out.sort((a, b) => a.start - b.start);
  // A nationality before a ministry or department is part of its name: "Azerbaijani Foreign Ministry",
  // so that it is not taken for another country's ministry.
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k];
    const b = out[k + 1];
    if (a.type === 'MISC' && b.type === 'ORG' && a.to === b.from && isRoleWord(toks[b.from].text) && hasOrgWord(toks, b.from, b.to)) {
      out.splice(k, 2, { ...b, from: a.from, start: a.start, rule: 'entities/nationality-and-office' });
    }
  }
  return out;
}

/** Opening quote marks and brackets that may come before the first word of a sentence. */
const OPENER = /^[“"«(\[‘'—–-]$/;

/** Whether token `i` is the first word of its sentence (after opening quotes or brackets). */
function startsSentence(toks: Sentence['tokens'], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) if (!OPENER.test(toks[k].text)) return false;
  return true;
}

/**
 * A place by the model's reading, of two capitalised words or more, before ", who": a person
 * ("Gennifer Flowers, who"), unless it reads as a place of the gazetteers (its last word a town
 * or a place word: "Upstate New York, who", "Long Island, who") or starts with a word the lexicon
 * mostly writes in lower case.
 */
function isPersonBeforeWho(toks: Sentence['tokens'], from: number, to: number, g: Gazetteer, info: WordLookup): boolean {
  if (to - from < 2 || !/^(?:who|whom)$/.test(toks[to + 1]?.text ?? '')) return false;
  for (let k = from; k < to; k++) if (!/^\p{Lu}\p{Ll}/u.test(toks[k].text)) return false;
  const last = toks[to - 1].text;
  if (g.loc.has(last) || g.town.has(last) || LOC_HEADS.has(last.toLowerCase()) || info(toks[from].text).capitalised === 0) return false;
  return !g.loc.has(toks.slice(from, to).map((t) => t.text).join(' '));
}

/**
 * Whether tokens [from, to) are all that stands between an opening and a closing quotation mark
 * (a full stop or comma allowed before the closing one). Straight quotes are left out: they do
 * not tell an opening mark from a closing one ('"Low energy" Jeb Bush').
 */
function isQuoted(toks: Sentence['tokens'], from: number, to: number): boolean {
  if (!/^[“‘«]$/.test(toks[from - 1]?.text ?? '')) return false;
  const after = /^[.,!?]$/.test(toks[to]?.text ?? '') ? to + 1 : to;
  return /^[”’»]$/.test(toks[after]?.text ?? '');
}

/** An abstract noun by its ending ("godliness", "sanity", "populism"): no one's name. */
const ABSTRACT_NOUN = /\p{Ll}{3}(?:ness|ity|ism|hood)$/u;

/** A word written in lower case: the lexicon's text mostly does, or, unknown to it, an abstract noun. */
function lowerWord(word: string, info: WordLookup): boolean {
  const c = info(word).capitalised;
  return c === undefined ? ABSTRACT_NOUN.test(word) : c === 0;
}

/**
 * Words in capitals that fill a pair of brackets opening a sentence, a full stop allowed before
 * the closing bracket: "(CROSSTALK.)", "(APPLAUSE)", "(BEGIN VIDEO CLIP)"; tokens [from, to) are
 * some of them. An acronym in brackets after a name ("the Islamic State (ISIS)") opens no sentence.
 */
function isStageDirection(toks: Sentence['tokens'], from: number, to: number, info: WordLookup): boolean {
  let open = from - 1;
  while (open >= 0 && /^\p{Lu}{2,}$/u.test(toks[open].text)) open--;
  if (toks[open]?.text !== '(' && toks[open]?.text !== '[') return false;
  let close = to;
  while (close < toks.length && /^\p{Lu}{2,}$/u.test(toks[close].text)) close++;
  if (toks[close]?.text === '.') close++;
  if (toks[close]?.text !== ')' && toks[close]?.text !== ']') return false;
  while (open > 0 && /^[“"«‘']$/.test(toks[open - 1].text)) open--;
  if (open > 0) return false;
  // Words the lexicon mostly writes in lower case, or does not know: not an outlet's acronym ("(CNN) —").
  for (let k = from; k < to; k++) if (!/^\p{Lu}{2,}$/u.test(toks[k].text) || (info(toks[k].text).capitalised ?? 0) > 1) return false;
  return true;
}

/**
 * A word for a people or a religious group, singular or plural: a demonym of the gazetteers
 * ("Mexican", "Americans") or a follower of a religion ("Muslims", "Catholic").
 */
function isGroupWord(word: string, type: NerSpan['type'], g: Gazetteer, info: WordLookup): boolean {
  const singular = /[^s]s$/.test(word) ? word.slice(0, -1) : word;
  if (RELIGIOUS_GROUPS.has(singular.toLowerCase())) return true;
  // A plural the model reads as a person, only: a singular demonym may be a surname ("English"),
  // and a plural one a place ("Philippines") or a family ("the Clintons").
  return type === 'PER' && singular !== word && g.misc.has(singular) && !g.loc.has(word) && !g.surnames.has(word) && !g.given.has(singular) && !info(singular).personName;
}

/**
 * A capitalised abbreviation with its full stop ("Conn.", "Calif.", "Ont.") after a place and a
 * comma: the state or province of that place, as news datelines write it.
 */
function isRegionAbbreviation(toks: Sentence['tokens'], i: number, found: readonly NerSpan[], rules: readonly NameSpan[], g: Gazetteer): boolean {
  const w = toks[i].text;
  // The full stop is the abbreviation's, not the sentence's ("America, Chris."): a word follows.
  if (!/^\p{Lu}\p{Ll}{1,4}$/u.test(w) || toks[i + 1]?.text !== '.' || toks[i + 1].start !== toks[i].end || toks[i - 1]?.text !== ',' || i + 2 >= toks.length) return false;
  if (g.given.has(w)) return false;
  const placeEnd = i - 1;
  return found.some((f) => f.type === 'LOC' && f.end === placeEnd) || rules.some((r) => r.type === 'LOC' && r.to === placeEnd);
}

/**
 * An organisation name by rule that the model cut into pieces or cut short: it starts
 * where a model organisation starts and holds every model name it overlaps ("OSCE" +
 * "Minsk Group"; "Ministry of Foreign Affairs" + "of Russia").
 */
function orgTheModelCut(r: NameSpan, found: readonly NerSpan[]): boolean {
  if (r.type !== 'ORG' || r.strength < 2) return false;
  const inside = found.filter((f) => f.start < r.to && r.from < f.end);
  if (!inside.length || !inside.every((f) => f.start >= r.from && f.end <= r.to)) return false;
  const first = inside[0];
  return first.type === 'ORG' && first.start === r.from && (inside.length > 1 || first.end < r.to);
}

/**
 * A place name of several words from the gazetteer that the model cut into two names or more
 * exactly covering it ("RUSSIAN" + "FEDERATION").
 */
function placeTheModelCut(r: NameSpan, found: readonly NerSpan[]): boolean {
  if (r.type !== 'LOC' || r.rule !== 'entities/gazetteer-place' || r.to - r.from < 2) return false;
  const inside = found.filter((f) => f.start < r.to && r.from < f.end);
  return inside.length > 1 && inside[0].start === r.from && inside[inside.length - 1].end === r.to && inside.every((f) => f.start >= r.from && f.end <= r.to);
}

/**
 * A capitalised name before a role word and a person's name ("Milli Majlis mp Zahid
 * Oruj"): an organisation, though the model reads it as a person.
 */
function orgBeforeRole(r: NameSpan, found: readonly NerSpan[], rules: readonly NameSpan[]): boolean {
  if (r.rule !== 'entities/org-before-role') return false;
  const personAfter = rules.some((p) => p.type === 'PERSON' && p.from === r.to + 1) || found.some((f) => f.type === 'PER' && f.start === r.to + 1);
  return personAfter && found.some((f) => f.type === 'PER' && f.start === r.from && f.end === r.to);
}

/** Settle types across the document: surnames of known people, strongest type per string. */
function consolidate(text: string, sentences: readonly Sentence[], spans: NameSpan[]): NameSpan[] {
  const personParts = new Set<string>();
  const placeParts = new Set<string>();
  const best = new Map<string, { type: EntityType; strength: number }>();
  for (const sp of spans) {
    const name = text.slice(sp.start, sp.end);
    if (sp.type === 'PERSON' && sp.strength >= 2) for (const part of name.split(/\s+/)) if (part.length > 1) personParts.add(part);
    if (sp.type === 'LOC' && name.includes('-')) placeParts.add(name.slice(name.lastIndexOf('-') + 1));
    // A bare capitalised guess gives no vote.
    if (sp.rule === 'entities/capitalised') continue;
    const seen = best.get(name);
    if (!seen || sp.strength > seen.strength) best.set(name, { type: sp.type, strength: sp.strength });
  }
  const out: NameSpan[] = [];
  for (const sp of spans) {
    const name = text.slice(sp.start, sp.end);
    // (A people or a religious group stays one: "Muslims" is no part of a person's name.)
    if (sp.strength <= 2 && sp.type !== 'PERSON' && personParts.has(name) && !sp.rule.endsWith('+group-of-people')) {
      out.push({ ...sp, type: 'PERSON', rule: 'entities/part-of-known-person', strength: 2 });
      continue;
    }
    if (sp.rule === 'entities/capitalised' && !best.has(name) && placeParts.has(name)) {
      out.push({ ...sp, type: 'LOC', rule: 'entities/part-of-known-place', strength: 1 });
      continue;
    }
    if (sp.rule === 'entities/capitalised' && best.has(name)) {
      const top = best.get(name) as { type: EntityType; strength: number };
      out.push({ ...sp, type: top.type, rule: 'entities/capitalised+document-consistency', strength: Math.max(1, top.strength - 1) });
      continue;
    }
    const top = best.get(name);
    if (top && top.strength > sp.strength && top.type !== sp.type) {
      out.push({ ...sp, type: top.type, rule: `${sp.rule}+document-consistency`, strength: top.strength - 1 });
      continue;
    }
    out.push(sp);
  }
  void sentences;
  return out.sort((a, b) => a.start - b.start);
}
