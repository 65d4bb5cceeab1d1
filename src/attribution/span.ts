/**
 * The cue-conditioned span tagger: given a sentence and one cue in it, tag that attribution's
 * source and content (BIO labels of tagger.ts; the cue's own tokens are forced to the cue
 * labels and no other token may take them). Its features are the word's and its place
 * relative to the cue: side, distance, the cue word, and what lies between (commas, quote
 * marks, "that", a colon). Same perceptron, hashing and file format as tagger.ts.
 */
import { keyMakers, mix3, templateSeed } from '../util/hash.js';
import type { CueLexicon } from './lexicon.js';
import { addWeights, BEGIN, isQuoteMark, L, scoreVector, viterbi, weightsAt, wordFeatures, type Clusters, type TaggerModel, type TagToken, type Word } from './tagger.js';

/** Feature slots per token of the span tagger. */
export const SPAN_SLOTS = 30;

const BIG = 1e6;

const SALT = 0x1234;
const { key2: k2, key3: k3 } = keyMakers(SALT);
const k4 = (t: number, a: number, b: number, c: number, d: number): number => k3(t, a, b, Math.imul(c, 0x7feb352d) ^ d);

const bucket = (d: number): number => (d <= 0 ? 0 : d <= 1 ? 1 : d <= 2 ? 2 : d <= 3 ? 3 : d <= 5 ? 4 : d <= 8 ? 5 : d <= 13 ? 6 : d <= 25 ? 7 : 8);
const isMark = (t: TagToken): boolean => isQuoteMark(t.text);

/** The counts between each token and the cue, shared (valid until the next call). */
let between = new Uint8Array(512);
interface Between {
  readonly commas: Uint8Array;
  readonly marks: Uint8Array;
  readonly that: Uint8Array;
  readonly colon: Uint8Array;
}
/** The views of `between` for each window length (made once: views cost an allocation each). */
let betweenViews: (Between | undefined)[] = [];

/**
 * What lies between each token of [a, b) and the cue [cs, ce) (the cue's own tokens get 0):
 * commas (at most 3), quote marks (at most 2), whether a "that" and whether a colon.
 */
function betweenCounts(toks: readonly TagToken[], a: number, b: number, cs: number, ce: number): Between {
  const n = b - a;
  if (between.length < 4 * n) ((between = new Uint8Array(8 * n)), (betweenViews = []));
  between.fill(0, 0, 4 * n);
  let views = betweenViews[n];
  if (!views) betweenViews[n] = views = { commas: between.subarray(0, n), marks: between.subarray(n, 2 * n), that: between.subarray(2 * n, 3 * n), colon: between.subarray(3 * n, 4 * n) };
  const { commas, marks, that, colon } = views;
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
  return views;
}

/** The cue's head (its last cue-like word, else its last word) and the words just before and after the cue. */
function cueWords(W: readonly Word[], a: number, b: number, cs: number, ce: number): { hw: Word; before: number; after: number } {
  let head = ce - 1;
  for (let i = ce - 1; i >= cs; i--) if (W[i - a].cueLike) ((head = i), (i = cs - 1));
  return { hw: W[head - a], before: cs > a ? W[cs - 1 - a].low : 0x51, after: ce < b ? W[ce - a].low : 0x52 };
}

/**
 * Feature keys of the tokens [a, b) of a sentence for the cue [cs, ce) (absolute token
 * indices), `SPAN_SLOTS` per token: what training sees; tagging ({@link spanEmissions})
 * computes the same scores without most of the keys.
 */
export function featuriseSpan(lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, cs: number, ce: number, clusters: Clusters, words?: readonly Word[]): Uint32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, clusters);
  const { hw, before, after } = cueWords(W, a, b, cs, ce);
  const { commas, marks, that, colon } = betweenCounts(toks, a, b, cs, ce);
  const out = new Uint32Array(n * SPAN_SLOTS);
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
    out[o + 3] = k2(3, side, w.low);
    out[o + 4] = k3(4, side, w.low, db > 3 ? 4 : db);
    out[o + 5] = k2(5, side, p1);
    out[o + 6] = k2(6, side, n1);
    out[o + 7] = k2(7, side, w.cls);
    out[o + 8] = k2(8, side, w.shape);
    out[o + 9] = k2(9, side, w.suf3);
    out[o + 10] = k2(10, side, w.c8);
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
/**
 * Then the sums of the word's templates 4 (side, bucket up to 4) and 11 (side, cluster, bucket
 * up to 6) for each place it can have: row NEAR in the cue, NEAR + bucket (1..8) before it,
 * NEAR + 8 + bucket after it. They are context templates: added to the context sums, not to
 * the word-only ones (the two are scaled apart, see {@link spanEmissions}).
 */
const NEAR = 9;
const SPAN_ROWS = NEAR + 17;
const nearRow = (side: number, db: number): number => NEAR + (side === 3 ? 0 : side === 1 ? db : 8 + db);

/** Score sums of a word's word-only span features for each side of the cue, and of its rows NEAR.. (cached on the word per model). */
function spanScores(m: TaggerModel, w: Word): Int32Array {
  if (w.spanVecModel === m && w.spanVec) return w.spanVec;
  const v = scoreVector(SPAN_ROWS * 8);
  const sw = m.slotWeights;
  for (let side = 1; side <= 3; side++) {
    const at = (side - 1) * 8;
    for (const key of [k2(3, side, w.low), k2(7, side, w.cls), k2(8, side, w.shape), k2(9, side, w.suf3), k2(10, side, w.c8)]) addWeights(m, key, v, SELF * 8 + at);
    addWeights(m, k2(5, side, w.low), v, AS_PREV * 8 + at);
    addWeights(m, k2(6, side, w.low), v, AS_NEXT * 8 + at);
    // Each key of 4 and 11 looked up once, added to the row of every bucket it covers.
    for (let db4 = side === 3 ? 0 : 1; db4 < (side === 3 ? 1 : 5); db4++) {
      const wo = weightsAt(m, k3(4, side, w.low, db4));
      if (wo < 0) continue;
      for (let db = db4; db < (db4 === 4 ? 9 : db4 + 1); db++) for (let l = 0; l < L; l++) v[nearRow(side, db) * 8 + l] += sw[wo + l];
    }
    for (let db6 = side === 3 ? 0 : 1; db6 < (side === 3 ? 1 : 7); db6++) {
      const wo = weightsAt(m, k3(11, side, w.c12, db6));
      if (wo < 0) continue;
      for (let db = db6; db < (db6 === 6 ? 9 : db6 + 1); db++) for (let l = 0; l < L; l++) v[nearRow(side, db) * 8 + l] += sw[wo + l];
    }
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
 * The span tagger's weights of its templates of small integers, summed by model into dense
 * tables: `tq` for templates 2, 18 and 21 by (side, distance bucket, quote bits, capital,
 * place in the window), `tc` for 12 and 29 by (side, commas, marks, quote bits, "that"), `td`
 * for 0, 1 and 16 by (side, the cue head's class, distance bucket), `tb` for 13 by (side,
 * "that", colon, bucket up to 4); and, as int8 weights 8 bytes an entry, `t24` for template 24
 * by (side, commas, bucket up to 4, cluster cut at 8 bits).
 */
interface SpanDense {
  readonly tq: Int32Array;
  readonly tc: Int32Array;
  readonly td: Int32Array;
  readonly tb: Int32Array;
  readonly t24: Int8Array;
}

/** Word cue classes are below 48 (tagger.ts); cluster paths cut at 8 bits below 512. */
const CLS = 48;
const C8 = 512;

const spanDenseCache = new WeakMap<TaggerModel, SpanDense>();

function spanDense(m: TaggerModel): SpanDense {
  let d = spanDenseCache.get(m);
  if (d) return d;
  const tq = new Int32Array(3 * 9 * 4 * 2 * 3 * 8);
  const tc = new Int32Array(3 * 4 * 3 * 4 * 2 * 8);
  for (let side = 1; side <= 3; side++) {
    for (let db = 0; db < 9; db++) {
      for (let q = 0; q < 4; q++) {
        for (let up = 0; up < 2; up++) {
          for (let pos = 0; pos < 3; pos++) {
            const o = ((((side - 1) * 9 + db) * 4 + q) * 2 * 3 + up * 3 + pos) * 8;
            addWeights(m, k3(2, side, db, q), tq, o);
            addWeights(m, k3(18, side, up, db > 3 ? 4 : db), tq, o);
            addWeights(m, k3(21, side, pos, db > 3 ? 4 : db), tq, o);
          }
        }
      }
    }
    for (let commas = 0; commas < 4; commas++) {
      for (let marks = 0; marks < 3; marks++) {
        for (let q = 0; q < 4; q++) {
          for (let that = 0; that < 2; that++) {
            const o = (((((side - 1) * 4 + commas) * 3 + marks) * 4 + q) * 2 + that) * 8;
            addWeights(m, k4(12, side, commas, marks, q), tc, o);
            addWeights(m, k4(29, side, q, commas, that), tc, o);
          }
        }
      }
    }
  }
  const td = new Int32Array(3 * CLS * 9 * 8);
  const tb = new Int32Array(3 * 2 * 2 * 5 * 8);
  const t24 = new Int8Array(3 * 4 * 5 * C8 * 8);
  for (let side = 1; side <= 3; side++) {
    for (let cls = 0; cls < CLS; cls++) {
      for (let db = 0; db < 9; db++) {
        const o = (((side - 1) * CLS + cls) * 9 + db) * 8;
        addWeights(m, k2(0, side, 1), td, o);
        addWeights(m, k2(1, side, db), td, o);
        addWeights(m, k3(16, side, cls, db), td, o);
      }
    }
    for (let th = 0; th < 2; th++) for (let co = 0; co < 2; co++) for (let db4 = 0; db4 < 5; db4++) addWeights(m, k4(13, side, th, co, db4), tb, ((((side - 1) * 2 + th) * 2 + co) * 5 + db4) * 8);
    for (let cm = 0; cm < 4; cm++) {
      for (let db4 = 0; db4 < 5; db4++) {
        for (let c8 = 0; c8 < C8; c8++) {
          const wo = weightsAt(m, k4(24, side, c8, cm, db4));
          const o = ((((side - 1) * 4 + cm) * 5 + db4) * C8 + c8) * 8;
          if (wo >= 0) for (let l = 0; l < L; l++) t24[o + l] = m.slotWeights[wo + l];
        }
      }
    }
  }
  d = { tq, tc, td, tb, t24 };
  spanDenseCache.set(m, d);
  return d;
}

/** spanEmissions' shared buffers: the run sums, a token's sums and keys, the window's words and their score vectors. */
const distSums = new Int32Array(8);
const sideSums = new Int32Array(8);
const near6Sums = new Int32Array(8);
const near4Sums = new Int32Array(8);
const betweenSums = new Int32Array(8);
const headSums = new Int32Array(8);
const countSums = new Int32Array(8);
const spanSums = new Int32Array(8);
const spanKeys = new Uint32Array(16);
let lows = new Int32Array(256);
let svecs: Int32Array[] = [];
let emBuffer = new Float32Array(256 * L);
const SEED = Array.from({ length: SPAN_SLOTS }, (_, t) => templateSeed(SALT, t));

/**
 * Emission scores of the span tagger for the cue [cs, ce) in the tokens [a, b): the sums of
 * the weights of {@link featuriseSpan}'s keys, computed with fewer look-ups. The word-only
 * templates (3, 5-10) come from a per-word cache of score sums by side of the cue; the
 * templates of small integers (2, 12, 18, 21, 29) from the model's dense tables; the templates
 * of the cue and of what lies between are looked up once for each run of tokens where their
 * parts stay the same (0, 1, 14, 16, 17, 28: side and distance bucket; 13, 20: side, "that",
 * colon and bucket up to 4; 15: side, commas and quote marks); only the other 9 keys are hashed
 * and looked up per token. The integer sums of the context and of the word-only templates are
 * each exact in any order and combined as before, so that the scores are bit for bit those of
 * the plain sums. Written into `out` when given (at least `(b - a) × L` long).
 */
export function spanEmissions(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, cs: number, ce: number, words?: readonly Word[], out?: Float32Array): Float32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, m.clusters);
  const em = out ?? new Float32Array(n * L);
  if (n <= 0) return em;
  const { hw, before, after } = cueWords(W, a, b, cs, ce);
  const { commas, marks, that, colon } = betweenCounts(toks, a, b, cs, ce);
  const { tq, tc, td, tb, t24 } = spanDense(m);
  const pad = padScores(m);
  const sw = m.slotWeights;
  const c = m.scale;
  if (lows.length < n + 2) lows = new Int32Array(2 * n + 2);
  if (svecs.length < n + 2) svecs = new Array<Int32Array>(2 * n + 2);
  // Word i at i + 1, padding at both ends.
  lows[0] = 0x53;
  lows[n + 1] = 0x54;
  svecs[0] = pad;
  svecs[n + 1] = pad;
  for (let r = 0; r < n; r++) {
    lows[r + 1] = W[r].low;
    svecs[r + 1] = spanScores(m, W[r]);
  }
  let distState = -1;
  let sideState = -1;
  let near6State = -1;
  let near4State = -1;
  let betweenState = -1;
  let headState = -1;
  let countState = -1;
  for (let r = 0; r < n; r++) {
    const i = a + r;
    const side = i < cs ? 1 : i >= ce ? 2 : 3;
    const db = bucket(i < cs ? cs - i : i >= ce ? i - ce + 1 : 0);
    const db4 = db > 3 ? 4 : db;
    const db6 = db > 5 ? 6 : db;
    const cm = commas[r];
    const mk = marks[r];
    const th = that[r];
    const co = colon[r];
    // The templates of the cue and what lies between: looked up again only where their own
    // parts change (the side, bucket up to 6 and up to 4 each change in one run of tokens).
    if (side * 16 + db !== distState) {
      distState = side * 16 + db;
      if (side !== sideState) {
        sideState = side;
        sideSums.fill(0);
        addWeights(m, k3(28, side, before, after), sideSums, 0);
      }
      if (side * 8 + db6 !== near6State) {
        near6State = side * 8 + db6;
        near6Sums.fill(0);
        addWeights(m, k3(14, side, hw.low, db6), near6Sums, 0);
      }
      if (side * 8 + db4 !== near4State) {
        near4State = side * 8 + db4;
        near4Sums.fill(0);
        addWeights(m, k4(17, side, before, after, db4), near4Sums, 0);
      }
      // 0, 1 and 16 from the dense table.
      const od = (((side - 1) * CLS + hw.cls) * 9 + db) * 8;
      for (let l = 0; l < L; l++) distSums[l] = sideSums[l] + near6Sums[l] + near4Sums[l] + td[od + l];
    }
    if (((side * 8 + db4) * 2 + th) * 2 + co !== betweenState) {
      betweenState = ((side * 8 + db4) * 2 + th) * 2 + co;
      if ((side * 2 + th) * 2 + co !== headState) {
        headState = (side * 2 + th) * 2 + co;
        headSums.fill(0);
        addWeights(m, k4(20, side, hw.low, th, co), headSums, 0);
      }
      // 13 from the dense table.
      const ob = ((((side - 1) * 2 + th) * 2 + co) * 5 + db4) * 8;
      for (let l = 0; l < L; l++) betweenSums[l] = headSums[l] + tb[ob + l];
    }
    if ((side * 4 + cm) * 4 + mk !== countState) {
      countState = (side * 4 + cm) * 4 + mk;
      countSums.fill(0);
      addWeights(m, k4(15, side, hw.low, cm, mk), countSums, 0);
    }
    const t = toks[i];
    const q = (t.q >= 0 ? 1 : 0) | (isMark(t) ? 2 : 0);
    const oq = ((((side - 1) * 9 + db) * 4 + q) * 2 * 3 + (t.upper ? 3 : 0) + (r === 0 ? 1 : r === n - 1 ? 2 : 0)) * 8;
    const oc = (((((side - 1) * 4 + cm) * 3 + mk) * 4 + q) * 2 + th) * 8;
    const w = W[r];
    const low = lows[r + 1];
    const c8 = w.c8;
    const o24 = ((((side - 1) * 4 + cm) * 5 + db4) * C8 + c8) * 8;
    for (let l = 0; l < L; l++) spanSums[l] = distSums[l] + betweenSums[l] + countSums[l] + tq[oq + l] + tc[oc + l] + t24[o24 + l];
    // The word's templates 4 and 11 from its cached row for this place.
    const self = svecs[r + 1];
    const on = nearRow(side, db) * 8;
    for (let l = 0; l < L; l++) spanSums[l] += self[on + l];
    spanKeys[0] = mix3(SEED[19], side, hw.low, low);
    spanKeys[1] = mix3(SEED[22], side, before, low);
    spanKeys[2] = mix3(SEED[23], side, after, low);
    spanKeys[3] = mix3(SEED[25], side, lows[r], low);
    spanKeys[4] = mix3(SEED[26], side, low, lows[r + 2]);
    spanKeys[5] = mix3(SEED[27], side, hw.c8, Math.imul(c8, 0x7feb352d) ^ db4);
    for (let s = 0; s < 6; s++) {
      const wo = weightsAt(m, spanKeys[s]);
      if (wo < 0) continue;
      for (let l = 0; l < L; l++) spanSums[l] += sw[wo + l];
    }
    // The word-only templates from the words' cached sums, by side.
    const at = (side - 1) * 8;
    const prev = svecs[r];
    const next = svecs[r + 2];
    const eo = r * L;
    for (let l = 0; l < L; l++) em[eo + l] = Math.fround(spanSums[l] * c) + c * (self[SELF * 8 + at + l] + prev[AS_PREV * 8 + at + l] + next[AS_NEXT * 8 + at + l]);
  }
  return em;
}

/**
 * Tag the source and content of the cue [cs, ce) in the sentence [a, b): labels relative to a.
 * @example tagSpans(model, lex, toks, a, b, cue, cue + 1)
 */
export function tagSpans(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, cs: number, ce: number, words?: readonly Word[]): Uint8Array {
  const n = b - a;
  if (emBuffer.length < n * L) emBuffer = new Float32Array(2 * n * L);
  const em = spanEmissions(m, lex, toks, a, b, cs, ce, words, emBuffer);
  forceCue(em, n, cs - a, ce - a);
  return viterbi(em, n, m.trans);
}
