/**
 * The cue-conditioned span tagger: given a sentence and one cue in it, tag that attribution's
 * source and content (BIO labels of tagger.ts; the cue's own tokens are forced to the cue
 * labels and no other token may take them). Its features are the word's and its place
 * relative to the cue: side, distance, the cue word, and what lies between (commas, quote
 * marks, "that", a colon). Same perceptron, hashing and file format as tagger.ts.
 */
import { fmix, keyMakers } from '../util/hash.js';
import type { CueLexicon } from './lexicon.js';
import { addWeights, BEGIN, emissions, isQuoteMark, L, scratchKeys, viterbi, wordFeatures, type Clusters, type TaggerModel, type TagToken, type Word } from './tagger.js';

/** Feature slots per token of the span tagger. */
export const SPAN_SLOTS = 30;

const BIG = 1e6;

const { key2: k2, key3: k3 } = keyMakers(0x1234);
const k4 = (t: number, a: number, b: number, c: number, d: number): number => k3(t, a, b, Math.imul(c, 0x7feb352d) ^ d);

const bucket = (d: number): number => (d <= 0 ? 0 : d <= 1 ? 1 : d <= 2 ? 2 : d <= 3 ? 3 : d <= 5 ? 4 : d <= 8 ? 5 : d <= 13 ? 6 : d <= 25 ? 7 : 8);
const isMark = (t: TagToken): boolean => isQuoteMark(t.text);

/** featuriseSpan's counts between each token and the cue, shared. */
let between = new Uint8Array(512);

/**
 * Feature keys of the tokens [a, b) of a sentence for the cue [cs, ce) (absolute token
 * indices), `SPAN_SLOTS` per token.
 */
export function featuriseSpan(lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, cs: number, ce: number, clusters: Clusters, words?: readonly Word[], contextOnly = false): Uint32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, clusters);
  // The cue's head: its last cue-like word, else its last word.
  let head = ce - 1;
  for (let i = ce - 1; i >= cs; i--) if (W[i - a].cueLike) ((head = i), (i = cs - 1));
  const hw = W[head - a];
  const before = cs > a ? W[cs - 1 - a].low : 0x51;
  const after = ce < b ? W[ce - a].low : 0x52;
  // Counts between each token and the cue: commas, quote marks, "that", colons.
  // Shared buffers, zeroed (the cue's own tokens are not written below).
  if (between.length < 4 * n) between = new Uint8Array(8 * n);
  between.fill(0, 0, 4 * n);
  const commas = between.subarray(0, n);
  const marks = between.subarray(n, 2 * n);
  const that = between.subarray(2 * n, 3 * n);
  const colon = between.subarray(3 * n, 4 * n);
  for (let i = cs - 1, c = 0, m = 0, t = 0, k = 0; i >= a; i--) {
    commas[i - a] = Math.min(c, 3);
    marks[i - a] = Math.min(m, 2);
    that[i - a] = t;
    colon[i - a] = k;
    const x = toks[i];
    if (x.text === ',') c++;
    if (isMark(x)) m++;
    if (x.lower === 'that') t = 1;
    if (x.text === ':') k = 1;
  }
  for (let i = ce, c = 0, m = 0, t = 0, k = 0; i < b; i++) {
    commas[i - a] = Math.min(c, 3);
    marks[i - a] = Math.min(m, 2);
    that[i - a] = t;
    colon[i - a] = k;
    const x = toks[i];
    if (x.text === ',') c++;
    if (isMark(x)) m++;
    if (x.lower === 'that') t = 1;
    if (x.text === ':') k = 1;
  }
  const out = contextOnly ? scratchKeys(n * SPAN_SLOTS) : new Uint32Array(n * SPAN_SLOTS);
  for (let r = 0; r < n; r++) {
    const i = a + r;
    const w = W[r];
    const p1 = r > 0 ? W[r - 1].low : 0x53;
    const n1 = r + 1 < n ? W[r + 1].low : 0x54;
    const side = i < cs ? 1 : i >= ce ? 2 : 3;
    const d = i < cs ? cs - i : i >= ce ? i - ce + 1 : 0;
    const db = bucket(d);
    const q = (toks[i].q >= 0 ? 1 : 0) | (isMark(toks[i]) ? 2 : 0);
    const o = r * SPAN_SLOTS;
    out[o] = k2(0, side, 1);
    out[o + 1] = k2(1, side, db);
    out[o + 2] = k3(2, side, db, q);
    // The word-only features (slots 3, 5-10) are left to `tagSpans`'s per-word cache when contextOnly.
    if (!contextOnly) {
      out[o + 3] = k2(3, side, w.low);
      out[o + 5] = k2(5, side, p1);
      out[o + 6] = k2(6, side, n1);
      out[o + 7] = k2(7, side, w.cls);
      out[o + 8] = k2(8, side, w.shape);
      out[o + 9] = k2(9, side, w.suf3);
      out[o + 10] = k2(10, side, w.c8);
    }
    out[o + 4] = k3(4, side, w.low, db > 3 ? 4 : db);
    out[o + 11] = k3(11, side, w.c12, db > 5 ? 6 : db);
    out[o + 12] = k4(12, side, commas[r], marks[r], q);
    out[o + 13] = k4(13, side, that[r], colon[r], db > 3 ? 4 : db);
    out[o + 14] = k3(14, side, hw.low, db > 5 ? 6 : db);
    out[o + 15] = k4(15, side, hw.low, commas[r], marks[r]);
    out[o + 16] = k3(16, side, hw.cls, db);
    out[o + 17] = k4(17, side, before, after, db > 3 ? 4 : db);
    out[o + 18] = k3(18, side, toks[i].upper ? 1 : 0, db > 3 ? 4 : db);
    out[o + 19] = k3(19, side, hw.low, w.low);
    out[o + 20] = k4(20, side, hw.low, that[r], colon[r]);
    out[o + 21] = k3(21, side, r === 0 ? 1 : r === n - 1 ? 2 : 0, db > 3 ? 4 : db);
    out[o + 22] = k3(22, side, before, w.low);
    out[o + 23] = k3(23, side, after, w.low);
    out[o + 24] = k4(24, side, w.c8, commas[r], db > 3 ? 4 : db);
    out[o + 25] = k3(25, side, p1, w.low);
    out[o + 26] = k3(26, side, w.low, n1);
    out[o + 27] = k4(27, side, hw.c8, w.c8, db > 3 ? 4 : db);
    out[o + 28] = k3(28, side, before, after);
    out[o + 29] = k4(29, side, q, commas[r], that[r]);
  }
  return out;
}

/** Force the cue [cs, ce) (relative to the sentence start a) to the cue labels and keep them off every other token. */
export function forceCue(em: Float32Array | Float64Array, n: number, cs: number, ce: number): void {
  const B = BEGIN.cue;
  for (let i = 0; i < n; i++) {
    const o = i * L;
    if (i >= cs && i < ce) em[o + (i === cs ? B : B + 1)] += BIG;
    else ((em[o + B] -= BIG), (em[o + B + 1] -= BIG));
  }
}

/** Rows of a word's span score cache: [group][side 1..3] × 8, groups: the word itself, as left neighbour, as right neighbour. */
const SELF = 0;
const AS_PREV = 3;
const AS_NEXT = 6;

/** Score sums of a word's word-only span features for each side of the cue (cached on the word per model). */
function spanScores(m: TaggerModel, w: Word): Int32Array {
  if (w.spanVecModel === m && w.spanVec) return w.spanVec;
  const v = new Int32Array(9 * 8);
  for (let side = 1; side <= 3; side++) {
    const at = (side - 1) * 8;
    for (const key of [k2(3, side, w.low), k2(7, side, w.cls), k2(8, side, w.shape), k2(9, side, w.suf3), k2(10, side, w.c8)]) addWeights(m, key, v, SELF * 8 + at);
    addWeights(m, k2(5, side, w.low), v, AS_PREV * 8 + at);
    addWeights(m, k2(6, side, w.low), v, AS_NEXT * 8 + at);
  }
  w.spanVec = v;
  w.spanVecModel = m;
  return v;
}

/** The left and right padding's scores (no word before the first token or after the last), by side. */
const padCache = new WeakMap<TaggerModel, Int32Array>();
function padScores(m: TaggerModel): Int32Array {
  let v = padCache.get(m);
  if (v) return v;
  v = new Int32Array(9 * 8);
  for (let side = 1; side <= 3; side++) {
    addWeights(m, k2(5, side, 0x53), v, AS_PREV * 8 + (side - 1) * 8);
    addWeights(m, k2(6, side, 0x54), v, AS_NEXT * 8 + (side - 1) * 8);
  }
  padCache.set(m, v);
  return v;
}

/**
 * Tag the source and content of the cue [cs, ce) in the sentence [a, b): labels relative to a.
 * The word-only features come from a per-word cache of score sums (by side of the cue), the
 * rest are hashed and looked up per call; the scores are those of `featuriseSpan`'s full set.
 */
export function tagSpans(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, cs: number, ce: number, words?: readonly Word[]): Uint8Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, m.clusters);
  const em = emissions(m, featuriseSpan(lex, toks, a, b, cs, ce, m.clusters, W, true), n, SPAN_SLOTS);
  const pad = padScores(m);
  const c = m.scale;
  for (let r = 0; r < n; r++) {
    const i = a + r;
    const at = ((i < cs ? 1 : i >= ce ? 2 : 3) - 1) * 8;
    const self = spanScores(m, W[r]);
    const prev = r > 0 ? spanScores(m, W[r - 1]) : pad;
    const next = r + 1 < n ? spanScores(m, W[r + 1]) : pad;
    for (let l = 0; l < L; l++) em[r * L + l] += c * (self[SELF * 8 + at + l] + prev[AS_PREV * 8 + at + l] + next[AS_NEXT * 8 + at + l]);
  }
  forceCue(em, n, cs - a, ce - a);
  return viterbi(em, n, m.trans);
}
