import type { Sentence, Span } from './types.js';

/** Index of the sentence that contains offset `at`, or -1 (binary search). */
export function sentenceAt(sentences: readonly Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Token range [from, to) of a span within a sentence (tokens that overlap it). */
export function tokenRange(sentence: Sentence, span: Span): { from: number; to: number } {
  const toks = sentence.tokens;
  let from = 0;
  while (from < toks.length && toks[from].end <= span.start) from++;
  let to = from;
  while (to < toks.length && toks[to].start < span.end) to++;
  return { from, to };
}

/** Index of the first span (of spans sorted by start) that starts at or after `at` (binary search). */
export function firstStartingAt(sorted: readonly Span[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spans (of spans sorted by start) that lie inside `[start, end)`. */
export function spansWithin<T extends Span>(sorted: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let k = firstStartingAt(sorted, start); k < sorted.length && sorted[k].start < end; k++) if (sorted[k].end <= end) out.push(sorted[k]);
  return out;
}
