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
