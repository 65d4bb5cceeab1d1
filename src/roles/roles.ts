import { sentenceAt, tokenRange, type Document, type Mention, type Role, type Sentence, type Span, type Token } from '../document/index.js';
import { HONORIFICS, ROLE_HEADS, ROLE_MODIFIERS, NOT_NAMES } from '../entities/index.js';

/** Words that end a role phrase when met between a role word and the name. */
const STOPPERS: ReadonlySet<string> = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'is', 'are', 'was', 'were', 'be', 'been', 'will', 'would', 'could', 'should', 'can', 'may', 'might',
  'must', 'has', 'have', 'had', 'said', 'says', 'say', 'told', 'tells', 'by', 'with', 'when', 'while', 'after', 'before', 'because', 'if',
  'than', 'as', 'but', 'not', 'also', 'to', 'it', 'he', 'she', 'they', 'we', 'his', 'her', 'their', 'visit', 'visited', 'met', 'meets',
]);
const PUNCT = /^[^\p{L}\p{N}]+$/u;
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);
const MAX_ROLE_TOKENS = 14;

const low = (t: Token | undefined): string => (t ? t.text.toLowerCase() : '');
const isHead = (t: Token | undefined): boolean => !!t && ROLE_HEADS.has(low(t));

/**
 * Roles of people: a title or description before the name ("Russian Foreign Minister
 * Sergei Lavrov", "Minister of industry and trade of the Russian Federation Denis
 * Manturov", "political analyst Rasim Musabekov") and an apposition after it
 * ("Caddell, a longtime Democratic pollster,").
 */
export function findRoles(doc: Document): Role[] {
  const sentences = doc.layers.sentences ?? [];
  const mentions = doc.layers.mentions ?? [];
  const cover = coverage(doc.text.length, mentions);
  const roles: Role[] = [];
  for (const m of mentions) {
    if (m.label !== 'PERSON' || m.kind !== 'name') continue;
    const si = sentenceAt(sentences, m.start);
    if (si < 0) continue;
    const s = sentences[si];
    const { from, to } = tokenRange(s, m);
    const before = roleBefore(s, from, cover);
    if (before) roles.push(make(doc, roles.length, before, m, 'roles/title-before-name'));
    const after = roleAfter(s, to);
    if (after) roles.push(make(doc, roles.length, after, m, 'roles/apposition'));
  }
  return roles;
}

function make(doc: Document, k: number, r: { span: Span; head: Span }, m: Mention, rule: string): Role {
  return {
    id: `r${k + 1}`,
    start: r.span.start,
    end: r.span.end,
    label: doc.text.slice(r.span.start, r.span.end).replace(/\s+/g, ' '),
    mention: m.id,
    evidence: [r.head],
    rule,
  };
}

/** The role phrase that ends right before token `at`, or null. */
function roleBefore(s: Sentence, at: number, cover: Uint8Array): { span: Span; head: Span } | null {
  const toks = s.tokens;
  // The nearest role word before the name with only role-phrase words between.
  let head = -1;
  let quoted = false;
  for (let k = at - 1; k >= 0 && k >= at - MAX_ROLE_TOKENS; k--) {
    const w = low(toks[k]);
    if (PUNCT.test(toks[k].text) && toks[k].text !== '-') {
      // Quotation marks around an organisation's name, closing then opening as the scan goes left.
      const mark = quotesName(toks, k, cover);
      if (mark === 'close' && !quoted) quoted = true;
      else if (mark === 'open' && quoted) quoted = false;
      else return null;
      continue;
    }
    if (isHead(toks[k])) {
      // Right after the head: the name itself, or "of/for/on" introducing what the role is of.
      if (k === at - 1 || /^(of|for|on|at|in)$/.test(low(toks[k + 1]))) {
        head = k;
        break;
      }
      // A role word inside a name of what the role is of ("chief of | General staff of the armed
      // forces ..."): the head is further left.
      if (!/^\p{Lu}/u.test(toks[k].text)) break;
    }
    if (STOPPERS.has(w) || HONORIFICS.has(w)) return null;
    if (k < at - 1 && cover[toks[k].start] === PERSON) return null;
  }
  if (head < 0) return null;
  // Extend left over modifiers, other role words, demonyms and capitalised words (organisation names),
  // and over a title the role is held under: "Press secretary of the | President of Russia Dmitry Peskov"
  // (not when the inner title is the name's own: "chairman of | President Barack Obama's council"; a title
  // in lower case is a common noun, no title of the name's: "press secretary of the Russian president X").
  let first = extendLeft(toks, head, cover);
  while (head < at - 1 || /^\p{Ll}/u.test(toks[head].text)) {
    let j = first - 1;
    if (ARTICLES.has(low(toks[j]))) j--;
    if (!/^(?:of|at)$/.test(low(toks[j])) || !isHead(toks[j - 1]) || at - (j - 1) > MAX_ROLE_TOKENS) break;
    first = extendLeft(toks, j - 1, cover);
  }
  const end = toks[at - 1].end;
  return { span: { start: toks[first].start, end }, head: { start: toks[head].start, end: toks[head].end } };
}

/** The first word of the role phrase whose role word is token `head`: over modifiers, other role words, demonyms and capitalised words (organisation names). */
function extendLeft(toks: readonly Token[], head: number, cover: Uint8Array): number {
  let first = head;
  while (first > 0) {
    const t = toks[first - 1];
    const w = low(t);
    if ((PUNCT.test(t.text) && !quotesName(toks, first - 1, cover)) || ARTICLES.has(w) || STOPPERS.has(w) || cover[t.start] === PERSON) break;
    const named = cover[t.start] === OTHER_NAME;
    if (ROLE_MODIFIERS.has(w) || ROLE_HEADS.has(w) || named || (/^\p{Lu}/u.test(t.text) && !NOT_NAMES.has(w) && first - 1 > 0)) first--;
    else break;
  }
  return first;
}

/**
 * Whether token `k` is a quotation mark around an organisation's name (`representative of "Gazprom" X`):
 * 'close' after the name's last word, 'open' before its first, or false.
 */
function quotesName(toks: readonly Token[], k: number, cover: Uint8Array): 'open' | 'close' | false {
  if (!/^["“”«»]$/.test(toks[k].text)) return false;
  const name = (t: Token | undefined): boolean => !!t && cover[t.start] === OTHER_NAME;
  if (name(toks[k - 1]) && !name(toks[k + 1])) return 'close';
  if (name(toks[k + 1]) && !name(toks[k - 1])) return 'open';
  return false;
}

const PERSON = 1;
const OTHER_NAME = 2;

/** Per character: 1 inside a person's name, 2 inside another name, 0 elsewhere. */
function coverage(length: number, mentions: readonly Mention[]): Uint8Array {
  const cover = new Uint8Array(length);
  for (const m of mentions) if (m.kind === 'name') cover.fill(m.label === 'PERSON' ? PERSON : OTHER_NAME, m.start, m.end);
  return cover;
}

/** "X, a deputy of the Milli Majlis," / "X (a political analyst)": the role after the name, or null. */
function roleAfter(s: Sentence, at: number): { span: Span; head: Span } | null {
  const toks = s.tokens;
  const open = toks[at]?.text;
  if (open !== ',' && open !== '(') return null;
  let k = at + 1;
  if (ARTICLES.has(low(toks[k]))) k++;
  const start = k;
  let head = -1;
  while (k < toks.length && k < start + 10) {
    const t = toks[k];
    if (PUNCT.test(t.text) && t.text !== '-') break;
    if (head < 0 && STOPPERS.has(low(t))) return null;
    if (isHead(t) && head < 0) head = k;
    k++;
  }
  // The role word must come early ("a longtime Democratic pollster"), and the phrase must close.
  if (head < 0 || head > start + 4 || k === start) return null;
  const close = toks[k]?.text;
  if (close !== undefined && !/^[,.;:)]$/.test(close)) return null;
  if (open === '(' && close !== ')') return null;
  return { span: { start: toks[start].start, end: toks[k - 1].end }, head: { start: toks[head].start, end: toks[head].end } };
}
