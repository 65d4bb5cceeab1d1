import type { Sentence, Token } from '../document/index.js';
import { ABBREVIATIONS, NO_BREAK_BEFORE_NUMBER } from './rules/abbreviations.js';

/**
 * Tokens: words (letters, marks, digits, joined by inner hyphens, dots, ampersands),
 * dotted initialisms (U.S., e.g.), the clitic 's / n't split off as in the Penn
 * Treebank and CoNLL, and every other non-space character on its own.
 *
 * Each alternative consumes at least one character and its repeated groups start with a
 * separator, so matching is linear in the line length.
 */
const TOKEN =
  /(?:\p{L}\.){2,}(?!\p{L})|[\p{L}\p{M}\p{N}]+(?:[-.&\u2010\u2011][\p{L}\p{M}\p{N}]+)*|['\u2019](?:s|S|re|ve|ll|d|m)(?![\p{L}\p{N}])|\.{3}|-{2,}|\S/gu;

const APOSTROPHE_WORD = /^[\p{L}\p{M}\p{N}]+$/u;

/** Split text[start,end) into tokens with offsets. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    const s = m.index + start;
    const t = m[0];
    // Join "O'Brien", "d'Estaing": an apostrophe between letters where the next part is capitalised.
    const prev = tokens[tokens.length - 1];
    if (prev && t.length === 1 && (t === "'" || t === '\u2019') && prev.end === s) {
      const next = /^[\p{Lu}][\p{L}\p{M}]+/u.exec(slice.slice(m.index + 1, m.index + 40));
      if (next && prev.text.length <= 2 && APOSTROPHE_WORD.test(prev.text)) {
        tokens.pop();
        const e = s + 1 + next[0].length;
        tokens.push({ start: prev.start, end: e, text: text.slice(prev.start, e) });
        TOKEN.lastIndex = e - start;
        continue;
      }
    }
    tokens.push({ start: s, end: s + t.length, text: t });
  }
  return tokens;
}

const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', '\u00bb', ')', ']', '}', '\u203a']);
const TERMINAL = new Set(['.', '!', '?', '...', '\u2026']);

function isAbbreviation(tok: Token, next: Token | undefined): boolean {
  const w = tok.text;
  if (ABBREVIATIONS.has(w.toLowerCase())) {
    // "No. 5", "Art. 3": only before a number.
    if (NO_BREAK_BEFORE_NUMBER.has(w.toLowerCase())) return next !== undefined && /^\p{N}/u.test(next.text);
    return true;
  }
  // A single capital letter is an initial ("J. Smith").
  return w.length === 1 && /\p{Lu}/u.test(w);
}

/**
 * Split a text into sentences (with tokens), by paragraph first.
 * Paragraphs are separated by blank lines; a single line break also ends a sentence
 * (headlines, list items, scraped lines). Within a line a sentence ends at . ! ? …
 * (with any closing quotes or brackets), unless the full stop ends an abbreviation or
 * an initial, or the next word starts in lower case after an abbreviation-like token, an
 * ellipsis or a full stop inside closing brackets.
 */
export function segment(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  let sawText = false;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const tokens = tokenize(text, lineStart, lineEnd);
    if (tokens.length === 0) {
      if (sawText) paragraph++;
      sawText = false;
    } else {
      sawText = true;
      splitLine(tokens, paragraph, sentences);
    }
    lineStart = lineEnd + 1;
  }
  return sentences;
}

function splitLine(tokens: Token[], paragraph: number, out: Sentence[]): void {
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!TERMINAL.has(tok.text)) continue;
    // Ellipses or dots inside a word run ("Baku-convince") never reach here: they are one token.
    let j = i + 1;
    while (j < tokens.length && CLOSERS.has(tokens[j].text) && tokens[j].start === tokens[j - 1].end) j++;
    const next = tokens[j];
    if (!next) break;
    if (tok.text === '.' && i > from) {
      const prev = tokens[i - 1];
      if (prev.end === tok.start && isAbbreviation(prev, next)) continue;
    }
    // No break before a lower-case continuation after ? or ! inside a quote: '"Why?" he asked.'
    if (tok.text !== '.' && j > i + 1 && /^\p{Ll}/u.test(next.text)) continue;
    // Nor after a trailing-off ellipsis ("He paused... and went on"), nor after a full stop that
    // closes a bracket, where it ends an abbreviation ("Sen. X (D-Mo.) said").
    const ellipsis = tok.text === '...' || tok.text === '\u2026';
    const bracketed = tok.text === '.' && /^[)\]]$/.test(tokens[i + 1]?.text ?? '');
    if ((ellipsis || bracketed) && /^\p{Ll}/u.test(next.text)) continue;
    // No break before a closing punctuation mark or a comma.
    if (/^[,;:)\]]$/.test(next.text)) continue;
    push(tokens.slice(from, j), paragraph, out);
    from = j;
    i = j - 1;
  }
  if (from < tokens.length) push(tokens.slice(from), paragraph, out);
}

function push(tokens: Token[], paragraph: number, out: Sentence[]): void {
  out.push({ index: out.length, paragraph, start: tokens[0].start, end: tokens[tokens.length - 1].end, tokens });
}
