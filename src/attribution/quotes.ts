import type { Sentence, Span } from '../document/index.js';

/** A quoted stretch: its marks and the text between them. */
export interface Quote {
  /** Opening mark offset. */
  readonly open: number;
  /** Closing mark offset, or -1 when the quote runs to the end of its paragraph unclosed. */
  readonly close: number;
  /** From the opening mark to after the closing mark (or the paragraph end). */
  readonly start: number;
  readonly end: number;
  /** The marks themselves, as evidence. */
  readonly marks: readonly Span[];
}

const OPENERS = new Set(['\u201c', '\u201e', '\u00ab', '\u2039']);
const CLOSERS = new Set(['\u201d', '\u00bb', '\u203a']);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Find double-quoted stretches in each paragraph. Curly quotes and guillemets pair by
 * direction; straight quotes (and the typewriter pair '') alternate open/close within the
 * paragraph, which survives machine translation that puts spaces on the wrong side of a
 * mark (`... country, "Markedonov said`). A quote still open at the end of its paragraph
 * runs to the paragraph end (the convention for quotes over several paragraphs).
 * Single quotes (‘…’ and '…') count only where they hug a stretch of words on both ends
 * and lie outside double quotes. Linear in the text length.
 */
export function findQuotes(text: string, sentences: readonly Sentence[]): Quote[] {
  const quotes: Quote[] = [];
  let i = 0;
  // Whether the paragraph before ended inside a quote (opened and not closed).
  let continuing = false;
  while (i < sentences.length) {
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1].paragraph === sentences[i].paragraph) j++;
    const before = quotes.length;
    scanParagraph(text, sentences[i].start, sentences[j].end, quotes, continuing);
    const last = quotes.length > before ? quotes[quotes.length - 1] : undefined;
    continuing = last !== undefined && last.close < 0 && last.end === sentences[j].end;
    i = j + 1;
  }
  return quotes;
}

/**
 * Quotes of one paragraph. `continuing`: the paragraph before ended inside a quote, so a first
 * mark that can only close (a closing curly mark, or a straight one after a word and before a
 * space or punctuation: `... with Russia," the expert said.`) closes a quote that began with the
 * paragraph, its opening mark left out (as scraped or translated text often has it).
 */
function scanParagraph(text: string, from: number, to: number, out: Quote[], continuing = false): void {
  let openAt = -1;
  let openLen = 0;
  const doubles: Quote[] = [];
  let first = continuing;
  for (let k = from; k < to; k++) {
    // By character code: most characters are no quote mark at all.
    const code = text.charCodeAt(k);
    if (code !== 34 && code !== 39 && code < 0xab) continue;
    const c = text[k];
    let kind: 'open' | 'close' | 'either' | null = null;
    let len = 1;
    if (OPENERS.has(c)) kind = 'open';
    else if (CLOSERS.has(c)) kind = 'close';
    else if (c === '"') kind = 'either';
    else if (c === "'" && text[k + 1] === "'") {
      kind = 'either';
      len = 2;
    }
    if (!kind) continue;
    if (first) {
      first = false;
      const closing = kind === 'close' || (kind === 'either' && !isSpace(text[k - 1]) && (isSpace(text[k + len]) || /[,.;:!?\u2014-]/.test(text[k + len] ?? '')));
      if (closing && k > from) {
        doubles.push({ open: from, close: k, start: from, end: k + len, marks: [{ start: k, end: k + len }] });
        k += len - 1;
        continue;
      }
    }
    if (openAt < 0) {
      if (kind !== 'close') {
        openAt = k;
        openLen = len;
      }
    } else if (kind === 'open' && !(isWordChar(text[k - 1]) || /[.,!?]/.test(text[k - 1] ?? '')) ) {
      // Another opener while open: keep the first one (an inner or garbled mark).
    } else {
      doubles.push({ open: openAt, close: k, start: openAt, end: k + len, marks: [{ start: openAt, end: openAt + openLen }, { start: k, end: k + len }] });
      openAt = -1;
    }
    k += len - 1;
  }
  if (openAt >= 0 && to - openAt > 1) {
    doubles.push({ open: openAt, close: -1, start: openAt, end: to, marks: [{ start: openAt, end: openAt + openLen }] });
  }
  // Single quotes outside the double ones.
  let d = 0;
  let singleOpen = -1;
  for (let k = from; k < to; k++) {
    while (d < doubles.length && doubles[d].end <= k) d++;
    if (d < doubles.length && doubles[d].start <= k) {
      k = doubles[d].end - 1;
      singleOpen = -1;
      continue;
    }
    const code = text.charCodeAt(k);
    if (code !== 0x2018 && code !== 0x2019 && code !== 39) continue;
    const c = text[k];
    if (c === "'" && (text[k + 1] === "'" || text[k - 1] === "'")) continue;
    const before = text[k - 1];
    const after = text[k + 1];
    if (singleOpen < 0) {
      if ((c === '\u2018' || c === "'") && (k === from || isSpace(before) || /[(\[\u2014-]/.test(before ?? '')) && isWordChar(after)) singleOpen = k;
    } else if ((c === '\u2019' || c === "'") && !isSpace(before) && !isWordChar(after)) {
      if (k - singleOpen > 3 && /\s/.test(text.slice(singleOpen, k))) {
        doubles.push({ open: singleOpen, close: k, start: singleOpen, end: k + 1, marks: [{ start: singleOpen, end: singleOpen + 1 }, { start: k, end: k + 1 }] });
      }
      singleOpen = -1;
    }
    if (k - singleOpen > 400) singleOpen = -1;
  }
  doubles.sort((a, b) => a.start - b.start);
  for (const q of doubles) out.push(q);
}
