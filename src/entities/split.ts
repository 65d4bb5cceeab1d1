import type { EntityType, Sentence } from '../document/index.js';
import type { Gazetteer } from './gazetteer.js';
import type { NameSpan } from './recognise.js';
import { LOC_HEADS, NOT_NAMES, ORG_HEADS, SURNAME_SUFFIXES } from './rules/names.js';
import { ROLE_HEADS, ROLE_MODIFIERS } from './rules/roles.js';

/**
 * An organisation or a place written straight before a person's name, with no comma between:
 * the genitive of a title as machine translation from Russian (and other languages) renders it,
 * "the director of the Carnegie Moscow Center Dmitri Trenin", "analyst of the Lowy Institute
 * Euan Graham", "Head of the Ministry of Foreign Affairs of Ukraine Dmytro Kuleba". Both the
 * rules (an organisation word draws the capitalised words after it in) and the model (trained on
 * English news, where this order does not occur) read one name there; it is two.
 *
 * `splitNamePairs` cuts such a span in two when all of these hold:
 * - a title and "of" / "at" come before the organisation's name ("researcher at the Higher School
 *   of Economics Vasily Kashin", also over a lower-case body: "head of the international committee
 *   of the Federation Council X"); without one, English writes "Chicago Alderman Jason Ervin",
 *   "Paris St Germain", "Nancy Davis Reagan", which stay whole;
 * - its last two or three words are capitalised name words, none an organisation, place or title
 *   word nor a word the lexicon mostly writes in lower case ("Black Caucus");
 * - the words before them end with an organisation word or a known place, or hold one;
 * - the name carries evidence of a person (a given name, a known surname, a surname's ending, a word
 *   of a person the model found in the article), or the words before end with an organisation word
 *   ("Professor of Fudan University Shen Dingli").
 * It cuts nothing in CoNLL-2003 dev or PolNeAR train.
 */

/** What the entities stage knows of a word, for the split. */
export interface NameEvidence {
  readonly g: Gazetteer;
  /** Whether the word is a given name or surname of the gazetteers or the model's lexicon. */
  readonly knownName: (word: string) => boolean;
  /** Words of the person names the model found in the article. */
  readonly nameWords: ReadonlySet<string>;
  /** Whether the lexicon's text mostly writes the word in lower case in the middle of a sentence ("Black", "Caucus"). */
  readonly commonWord: (word: string) => boolean;
}

const NAME_WORD = /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u;
const SURNAME_END = new RegExp(`\\p{Ll}(?:${SURNAME_SUFFIXES.join('|')})$`, 'u');
const ROLE_WORDS: ReadonlySet<string> = new Set([...ROLE_HEADS, ...ROLE_MODIFIERS]);
const isRoleWord = (w: string): boolean => ROLE_WORDS.has(w);

/** Whether the word can be part of a person's name here: capitalised, no title, organisation or place word. */
function personWord(word: string, g: Gazetteer): boolean {
  const low = word.toLowerCase();
  return NAME_WORD.test(word) && !NOT_NAMES.has(low) && !ORG_HEADS.has(low) && !LOC_HEADS.has(low) && !isRoleWord(low) && !g.misc.has(word) && (!g.loc.has(word) || g.given.has(word) || g.surnames.has(word));
}

/**
 * Whether a title and "of"/"at" (and "the") stand before token `i`: "director of the", "researcher at",
 * also over a lower-case body the title heads ("head of the international committee of the").
 */
function titleBefore(toks: Sentence['tokens'], i: number): boolean {
  let k = i - 1;
  for (let hops = 0; hops < 3; hops++) {
    if (toks[k]?.text.toLowerCase() === 'the') k--;
    if (!/^(?:of|at)$/i.test(toks[k]?.text ?? '')) return false;
    if (isRoleWord(toks[k - 1]?.text.toLowerCase() ?? '')) return true;
    // Over a few lower-case words of a body ("international committee") to the "of" before them.
    let j = k - 1;
    while (j >= 0 && k - j <= 4 && /^\p{Ll}+$/u.test(toks[j].text) && !/^(?:of|at|the)$/.test(toks[j].text) && !NOT_NAMES.has(toks[j].text)) j--;
    if (j === k - 1 || !/^(?:the|of)$/.test(toks[j]?.text ?? '')) return false;
    k = j;
  }
  return false;
}

/** A capitalised word that may be part of an organisation's name: no title ("Head of the ..."), no small word. */
function nameRunWord(word: string): boolean {
  const low = word.toLowerCase();
  return /^\p{Lu}/u.test(word) && !NOT_NAMES.has(low) && !isRoleWord(low);
}

/** The first word of the capitalised run, joined by "of", "the", "for", "and", that reaches token `i`. */
function nameRunStart(toks: Sentence['tokens'], i: number): number {
  let k = i;
  for (;;) {
    let j = k - 1;
    while (j >= 0 && /^(?:of|the|for|and|on)$/.test(toks[j].text)) j--;
    if (j < 0 || j === k - 1 || !nameRunWord(toks[j].text)) return k;
    k = j;
    while (k > 0 && nameRunWord(toks[k - 1].text)) k--;
  }
}

/** The type of the words before the name: a place when the gazetteer knows them all as one, else an organisation. */
function headType(toks: Sentence['tokens'], from: number, to: number, g: Gazetteer): EntityType {
  const words = toks.slice(from, to).map((t) => t.text).join(' ');
  return g.loc.has(words) && !g.org.has(words) ? 'LOC' : 'ORG';
}

/** Cut the organisation-and-person spans of one sentence in two (see above). */
export function splitNamePairs(spans: readonly NameSpan[], toks: Sentence['tokens'], ev: NameEvidence): NameSpan[] {
  let out: NameSpan[] | undefined;
  for (let n = 0; n < spans.length; n++) {
    const s = spans[n];
    const cut = s.type === 'MISC' || s.to - s.from < 3 ? -1 : cutPoint(s, toks, ev);
    if (cut < 0) {
      out?.push(s);
      continue;
    }
    out ??= spans.slice(0, n);
    // The organisation's name begins where its capitalised run does, unless another name holds those words.
    let from = nameRunStart(toks, s.from);
    const prev = out[out.length - 1];
    if (prev && prev.sentence === s.sentence && prev.to > from) from = s.from;
    const head: NameSpan = {
      ...s,
      from,
      start: toks[from].start,
      to: cut,
      end: toks[cut - 1].end,
      type: s.type === 'PERSON' ? headType(toks, from, cut, ev.g) : s.type,
      rule: `${s.rule}+name-after-organisation`,
    };
    const name: NameSpan = {
      ...s,
      from: cut,
      start: toks[cut].start,
      type: 'PERSON',
      rule: 'entities/name-after-organisation',
      evidence: [{ start: head.start, end: head.end }],
    };
    out.push(head, name);
  }
  return out ?? (spans as NameSpan[]);
}

/** Where the span's person name starts, or -1. */
function cutPoint(s: NameSpan, toks: Sentence['tokens'], ev: NameEvidence): number {
    // The person's name: the last two or three words (a middle name or patronymic).
    for (const size of [2, 3]) {
      const k = s.to - size;
      if (k <= s.from) return -1;
      let ok = true;
      for (let i = k; i < s.to && ok; i++) ok = personWord(toks[i].text, ev.g) && !ev.commonWord(toks[i].text);
      if (!ok) continue;
      const before = toks[k - 1].text;
      const lowBefore = before.toLowerCase();
      // The words before it must end as a name does (no "of", "and"), and read as an organisation or a place.
      if (!/^\p{Lu}/u.test(before) || NOT_NAMES.has(lowBefore)) continue;
      const orgEnd = ORG_HEADS.has(lowBefore) || ev.g.loc.has(before);
      // The name the span ends may have begun before it, joined by small words ("Higher School of | Economics").
      // A title and "of" or "at" before it: the genitive construction. (Without one, English writes
      // "Chicago Alderman Jason Ervin", "Paris St Germain", "Nancy Davis Reagan": no cut.)
      const from = nameRunStart(toks, s.from);
      if (!titleBefore(toks, from)) continue;
      // An organisation word or a place among the words before, when they do not end with one.
      if (!orgEnd) {
        let org = false;
        for (let i = from; i < k && !org; i++) org = ORG_HEADS.has(toks[i].text.toLowerCase()) || ev.g.loc.has(toks[i].text) || ev.g.org.has(toks[i].text);
        if (!org) continue;
      }
      const first = toks[k].text;
      const last = toks[s.to - 1].text;
      // An organisation word ending the words before is evidence enough ("Professor of Fudan University Shen Dingli").
      const person = ORG_HEADS.has(lowBefore) || ev.g.given.has(first) || ev.knownName(last) || SURNAME_END.test(last) || ev.nameWords.has(first) || ev.nameWords.has(last);
      if (!person) continue;
      return k;
    }
  return -1;
}

