/**
 * The attribution tagger: an averaged structured perceptron (as the NER model, src/ner/) over
 * the tokens of a sentence, with BIO labels for the three parts of an attribution (source,
 * cue, content), first-order Viterbi decoding under BIO constraints, and hashed features.
 *
 * Features are 32-bit hashes: each distinct word gets its attributes once (lower case,
 * suffixes, shape, cue class from the lexicons), and a token's features mix these numbers with
 * a template number; context features (neighbours, quotes, the nearest cue-like word on each
 * side and how far it is) are mixed the same way, with no strings built per token.
 *
 * File (gzip of): "DATR" magic, u32 header length, JSON header, then sections aligned to 4
 * bytes: feature keys (sorted, delta-coded varints), weights (int8, scaled, label-major) and
 * transitions (float32, `(L + 1) × L`, last row = sentence start).
 */
import { gzipSync } from 'node:zlib';
import { readSections } from '../util/sections.js';
import { DossierError } from '../errors.js';
import { fmix, fnv1a, keyMakers } from '../util/hash.js';
import type { CueLexicon } from './lexicon.js';
import { LEARNED_CUE_WORDS } from './rules/learned-cues.js';
import { CUE_PREFIX, DETERMINERS, NOUN_CUES, PREPOSITIONS, PRONOUNS } from './rules/cues.js';
import { unvarints, varints } from '../util/varint.js';

/** BIO labels over the parts of an attribution. */
export const TAGS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const;
export const L = TAGS.length;
export type Part = 'source' | 'cue' | 'content';
/** Label index of `B-part`; `I-part` is one more. */
export const BEGIN: Readonly<Record<Part, number>> = { source: 1, cue: 3, content: 5 };

/** allowed[prev * L + cur]; prev = L is the sentence start. I-x follows only B-x or I-x. */
const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let c = 0; c < L; c++) {
      const inside = c === 2 || c === 4 || c === 6;
      a[p * L + c] = !inside || (p < L && (p === c || p === c - 1)) ? 1 : 0;
    }
  }
  return a;
})();

/** The token view the tagger reads (attribution.ts's flattened tokens satisfy it). */
export interface TagToken {
  readonly text: string;
  readonly lower: string;
  /** Quote index or -1. */
  readonly q: number;
  readonly upper: boolean;
}

// --- hashing -------------------------------------------------------------------------------

const { key1: k1, key2: k2, key3: k3 } = keyMakers(0x51);

// --- word attributes -------------------------------------------------------------------------

/** How strongly PolNeAR train marks a word form as a cue: 0 never (or closed class) .. 5 nearly always. */
const CUE_STRENGTH: ReadonlyMap<string, number> = (() => {
  const closed = new Set([...CUE_PREFIX, ...DETERMINERS, ...PREPOSITIONS, ...PRONOUNS, 'and', 'or', 'but', 'not', 'as', 'that']);
  const m = new Map<string, number>();
  for (const [w, c, t] of LEARNED_CUE_WORDS) {
    if (c < 3 || closed.has(w)) continue;
    const p = c / t;
    const s = p >= 0.8 ? 5 : p >= 0.5 ? 4 : p >= 0.25 ? 3 : p >= 0.1 ? 2 : p >= 0.03 ? 1 : 0;
    if (s) m.set(w, s);
  }
  return m;
})();

/** How strongly PolNeAR train marks a word form as a cue (0 .. 5; see CUE_STRENGTH). */
export const cueStrength = (lower: string): number => CUE_STRENGTH.get(lower) ?? 0;

const CLASS_CODE: Readonly<Record<string, number>> = { say: 1, tell: 2, belief: 3, learned: 4 };

/** What the features know of one distinct word (hashes). */
export interface Word {
  readonly low: number;
  readonly suf2: number;
  readonly suf3: number;
  readonly shape: number;
  /** Cue class code × 8 + strength (0 when no sign of a cue). */
  readonly cls: number;
  /** A word that may head a cue (for the nearest-cue features). */
  readonly cueLike: boolean;
  /** Distributional cluster bit path cut at 4, 8 and 12 bits, and whole (0: unknown word). */
  readonly c4: number;
  readonly c8: number;
  readonly c12: number;
  readonly cAll: number;
  /** Score sums of the word's word-only features for the model last used (filled on first use). */
  vec?: Int32Array;
  vecModel?: TaggerModel;
  /** The same for the span tagger (span.ts), by side of the cue. */
  spanVec?: Int32Array;
  spanVecModel?: TaggerModel;
}

/** Word clusters: lower-cased word -> cluster bit path with a leading 1 bit (from the NER lexicon). */
export type Clusters = ReadonlyMap<string, number>;
const NO_CLUSTERS: Clusters = new Map();

const cut = (path: number, bits: number): number => {
  if (!path) return 0;
  const len = 31 - Math.clz32(path);
  return len <= bits ? path : path >>> (len - bits);
};

/**
 * A quote mark token: straight, curly or angle quotes, or the typewriter pair `''`.
 * @example isQuoteMark('\u201c') // true
 */
export function isQuoteMark(text: string): boolean {
  if (text.length === 2) return text === "''";
  if (text.length !== 1) return false;
  const c = text.charCodeAt(0);
  return c === 34 || c === 39 || c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb || c === 0x2018 || c === 0x2019;
}

function shape(w: string): string {
  let s = '';
  let last = '';
  for (let i = 0; i < w.length && s.length < 6; i++) {
    const c = w[i];
    const code = c.charCodeAt(0);
    // ASCII without regular expressions; other scripts by Unicode class.
    const m = code < 128 ? (code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : c) : /\p{Lu}/u.test(c) ? 'X' : /\p{Ll}/u.test(c) ? 'x' : /\p{N}/u.test(c) ? 'd' : c;
    if (m !== last) s += m;
    last = m;
  }
  return s;
}

/** Per-lexicon and per-cluster-table cache of word attributes. */
const wordCaches = new WeakMap<CueLexicon, WeakMap<Clusters, Map<string, Word>>>();

function wordOf(lex: CueLexicon, clusters: Clusters, cache: Map<string, Word>, t: TagToken): Word {
  let w = cache.get(t.text);
  if (w) return w;
  const low = t.lower;
  const strength = CUE_STRENGTH.get(low) ?? 0;
  const code = CLASS_CODE[lex.heads.get(low) ?? ''] ?? (NOUN_CUES.has(low) ? 5 : 0);
  const path = clusters.get(low) ?? 0;
  w = {
    low: fnv1a(low),
    suf2: fnv1a('2' + low.slice(-2)),
    suf3: fnv1a('3' + low.slice(-3)),
    shape: fnv1a(shape(t.text)),
    cls: code * 8 + strength,
    cueLike: (code > 0 && code < 5) || strength >= 2,
    c4: cut(path, 4),
    c8: cut(path, 8),
    c12: cut(path, 12),
    cAll: path,
    // Every field set at creation, in one order: all words share one object shape.
    vec: undefined,
    vecModel: undefined,
    spanVec: undefined,
    spanVecModel: undefined,
  };
  if (cache.size > 50_000) cache.clear();
  cache.set(t.text, w);
  return w;
}

/** Feature slots per token. */
export const SLOTS = 44;

let scratch = new Uint32Array(1 << 12);
/**
 * A zeroed buffer of `size` keys, shared: valid until the next call (for keys that are used at
 * once, as emissions do; never for keys that are kept, as training does).
 */
export function scratchKeys(size: number): Uint32Array {
  if (scratch.length < size) scratch = new Uint32Array(Math.max(size, scratch.length * 2));
  const v = scratch.subarray(0, size);
  v.fill(0);
  return v;
}

/** The word attributes of the tokens [a, b) (cached per distinct word). */
export function wordFeatures(lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, clusters: Clusters = NO_CLUSTERS): Word[] {
  let byClusters = wordCaches.get(lex);
  if (!byClusters) wordCaches.set(lex, (byClusters = new WeakMap()));
  let cache = byClusters.get(clusters);
  if (!cache) byClusters.set(clusters, (cache = new Map()));
  const W: Word[] = new Array(b - a);
  for (let i = 0; i < b - a; i++) W[i] = wordOf(lex, clusters, cache, toks[a + i]);
  return W;
}

const bucket = (d: number): number => (d <= 0 ? 0 : d <= 1 ? 1 : d <= 2 ? 2 : d <= 3 ? 3 : d <= 5 ? 4 : d <= 8 ? 5 : d <= 13 ? 6 : d <= 25 ? 7 : 8);
const PAD: Word = { low: 0x9e37, suf2: 1, suf3: 2, shape: 3, cls: 0, cueLike: false, c4: 7, c8: 7, c12: 7, cAll: 7, vec: undefined, vecModel: undefined, spanVec: undefined, spanVecModel: undefined };

/** Word cue classes are `code × 8 + strength` with code 0..5 and strength 0..5: below 48. */
const CLS = 48;

/**
 * The sentence tagger's weights of the templates whose parts are small integers, as dense
 * tables indexed by those integers (8 ints an entry, as the word score caches): the same
 * weights the hashed keys find, without hashing or probing the key table.
 */
export interface SentenceDense {
  readonly t14: Int32Array;
  readonly t15: Int32Array;
  readonly t16: Int32Array;
  readonly t17: Int32Array;
  readonly t20: Int32Array;
  readonly t21: Int32Array;
  readonly t22: Int32Array;
  readonly t26: Int32Array;
  readonly t30: Int32Array;
  readonly t31: Int32Array;
}

/** A dense table of `size` entries: entry `i` holds the weights of `key(i)`. */
export function denseTable(m: TaggerModel, size: number, key: (i: number) => number): Int32Array {
  const t = new Int32Array(size * 8);
  for (let i = 0; i < size; i++) addWeights(m, key(i), t, i * 8);
  return t;
}

/** Add dense table entry `idx` to the integer sums at `at`. */
export function addDense(acc: Int32Array, at: number, table: Int32Array, idx: number): void {
  const o = idx * 8;
  acc[at] += table[o];
  acc[at + 1] += table[o + 1];
  acc[at + 2] += table[o + 2];
  acc[at + 3] += table[o + 3];
  acc[at + 4] += table[o + 4];
  acc[at + 5] += table[o + 5];
  acc[at + 6] += table[o + 6];
}

const sentenceDenseCache = new WeakMap<TaggerModel, SentenceDense>();

/** The dense tables of a sentence tagger (made once per model). */
export function sentenceDense(m: TaggerModel): SentenceDense {
  let d = sentenceDenseCache.get(m);
  if (d) return d;
  d = {
    t14: denseTable(m, 128, (q) => k1(14, q)),
    t15: denseTable(m, 3 * 9, (x) => k2(15, Math.floor(x / 9), x % 9)),
    t16: denseTable(m, 16 * CLS, (x) => k2(16, Math.floor(x / CLS), x % CLS)),
    t17: denseTable(m, 16 * CLS, (x) => k2(17, Math.floor(x / CLS), x % CLS)),
    t20: denseTable(m, 2 * 2 * 5, (x) => k3(20, Math.floor(x / 10), Math.floor(x / 5) % 2, x % 5)),
    t21: denseTable(m, 2 * 3 * 4, (x) => k3(21, Math.floor(x / 12), Math.floor(x / 4) % 3, x % 4)),
    t22: denseTable(m, 8 * 3, (x) => k2(22, Math.floor(x / 3), x % 3)),
    t26: denseTable(m, 4 * 3, (x) => k2(26, Math.floor(x / 3), x % 3)),
    t30: denseTable(m, 16 * 16 * 3, (x) => k3(30, Math.floor(x / 48), Math.floor(x / 3) % 16, x % 3)),
    t31: denseTable(m, CLS * CLS, (x) => k2(31, Math.floor(x / CLS), x % CLS)),
  };
  sentenceDenseCache.set(m, d);
  return d;
}

/** featurise's per-token context buffers, shared. */
let ctxInts = new Int32Array(256);
let ctxBytes = new Uint8Array(384);

/**
 * Feature keys of the tokens of one sentence, `SLOTS` per token (0 = empty slot).
 * @example featurise(lex, toks, 0, toks.length)
 */
export function featurise(lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, clusters: Clusters = NO_CLUSTERS, contextOnly = false, words?: readonly Word[], dense?: SentenceDense, acc?: Int32Array): Uint32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, clusters);
  const at = (i: number): Word => (i >= 0 && i < n ? W[i] : PAD);
  const qAt = (i: number): number => (i >= 0 && i < n ? (toks[a + i].q >= 0 ? 1 : 0) : 2);
  const isMark = (t: TagToken): boolean => isQuoteMark(t.text);
  // Nearest cue-like word on each side, and whether "that" or ":" lies between.
  // Shared buffers (every entry is written below before it is read).
  if (ctxInts.length < 2 * n) ((ctxInts = new Int32Array(4 * n)), (ctxBytes = new Uint8Array(6 * n)));
  const leftCue = ctxInts.subarray(0, n);
  const rightCue = ctxInts.subarray(n, 2 * n);
  const thatLeft = ctxBytes.subarray(0, n);
  const colonLeft = ctxBytes.subarray(n, 2 * n);
  const commaLeft = ctxBytes.subarray(2 * n, 3 * n);
  let quotes = 0;
  {
    let last = -1;
    let that = 0;
    let colon = 0;
    let comma = 0;
    for (let i = 0; i < n; i++) {
      leftCue[i] = last;
      thatLeft[i] = that;
      colonLeft[i] = colon;
      commaLeft[i] = Math.min(comma, 3);
      const t = toks[a + i];
      if (isMark(t)) quotes++;
      if (W[i].cueLike && t.q < 0) ((last = i), (that = 0), (comma = 0));
      if (t.lower === 'that' && last >= 0) that = 1;
      if (t.text === ':') colon = 1;
      if (t.text === ',') comma++;
    }
    last = -1;
    for (let i = n - 1; i >= 0; i--) {
      rightCue[i] = last;
      if (W[i].cueLike && toks[a + i].q < 0) last = i;
    }
  }
  // Context-only keys go straight into emissions: a shared scratch buffer saves the allocation.
  const out = contextOnly ? scratchKeys(n * SLOTS) : new Uint32Array(n * SLOTS);
  const qb = Math.min(quotes, 3);
  for (let i = 0; i < n; i++) {
    const t = toks[a + i];
    const w = W[i];
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const q = qAt(i) | (qAt(i - 1) << 2) | (qAt(i + 1) << 4) | ((isMark(t) ? 1 : 0) << 6);
    const lc = leftCue[i];
    const rc = rightCue[i];
    const ld = lc >= 0 ? bucket(i - lc) : 15;
    const rd = rc >= 0 ? bucket(rc - i) : 15;
    const lw = lc >= 0 ? W[lc] : PAD;
    const rw = rc >= 0 ? W[rc] : PAD;
    const o = i * SLOTS;
    out[o + 6] = k2(6, p1.low, w.low);
    out[o + 7] = k2(7, w.low, n1.low);
    const qi = qAt(i);
    const up = (t.upper ? 1 : 0) | (i > 0 && toks[a + i - 1].upper ? 2 : 0) | (i + 1 < n && toks[a + i + 1].upper ? 4 : 0);
    const pos = i === 0 ? 0 : i === n - 1 ? 1 : 2;
    if (dense && acc) {
      // Templates of small integers: their scores from the model's dense tables, no hashing.
      const ao = i * 8;
      addDense(acc, ao, dense.t14, q);
      addDense(acc, ao, dense.t15, pos * 9 + bucket(i));
      addDense(acc, ao, dense.t16, ld * CLS + lw.cls);
      addDense(acc, ao, dense.t17, rd * CLS + rw.cls);
      addDense(acc, ao, dense.t20, (thatLeft[i] * 2 + colonLeft[i]) * 5 + (ld > 3 ? 4 : ld));
      addDense(acc, ao, dense.t21, (colonLeft[i] * 3 + qi) * 4 + commaLeft[i]);
      addDense(acc, ao, dense.t22, up * 3 + qi);
      addDense(acc, ao, dense.t26, qb * 3 + qi);
      addDense(acc, ao, dense.t30, (ld * 16 + rd) * 3 + qi);
      addDense(acc, ao, dense.t31, p1.cls * CLS + w.cls);
    } else {
      out[o + 14] = k1(14, q);
      out[o + 15] = k2(15, pos, bucket(i));
      out[o + 16] = k2(16, ld, lw.cls);
      out[o + 17] = k2(17, rd, rw.cls);
      out[o + 20] = k3(20, thatLeft[i], colonLeft[i], ld > 3 ? 4 : ld);
      out[o + 21] = k3(21, colonLeft[i], qi, commaLeft[i]);
      out[o + 22] = k2(22, up, qi);
      out[o + 26] = k2(26, qb, qi);
      out[o + 30] = k3(30, ld, rd, qi);
      out[o + 31] = k2(31, p1.cls, w.cls);
    }
    out[o + 18] = k2(18, ld > 3 ? 4 : ld, lw.low);
    out[o + 19] = k2(19, rd > 3 ? 4 : rd, rw.low);
    out[o + 23] = k2(23, w.low, qi);
    out[o + 27] = k2(27, p1.shape, n1.shape);
    out[o + 28] = k2(28, w.low, ld > 3 ? 4 : ld);
    out[o + 29] = k2(29, w.low, rd > 3 ? 4 : rd);
    out[o + 32] = k3(32, rd > 3 ? 4 : rd, rw.cls, w.shape);
    out[o + 33] = k2(33, p1.low, n1.low);
    out[o + 40] = k2(40, p1.c4, w.c8);
    out[o + 41] = k2(41, w.c8, n1.c4);
    out[o + 42] = k2(42, ld > 3 ? 4 : ld, lw.c8);
    out[o + 43] = k3(43, w.c8, qi, ld > 3 ? 4 : ld);
    if (!contextOnly) {
      out[o] = k1(0, 1);
      out[o + 1] = k1(1, w.low);
      out[o + 2] = k1(2, p1.low);
      out[o + 3] = k1(3, n1.low);
      out[o + 4] = k1(4, p2.low);
      out[o + 5] = k1(5, n2.low);
      out[o + 8] = k1(8, w.suf3);
      out[o + 9] = k1(9, w.suf2);
      out[o + 10] = k1(10, w.shape);
      out[o + 11] = k1(11, w.cls);
      out[o + 12] = k1(12, p1.cls);
      out[o + 13] = k1(13, n1.cls);
      out[o + 24] = k1(24, p1.suf3);
      out[o + 25] = k1(25, n1.suf3);
      out[o + 34] = k1(34, w.c4);
      out[o + 35] = k1(35, w.c8);
      out[o + 36] = k1(36, w.c12);
      out[o + 37] = k1(37, w.cAll);
      out[o + 38] = k1(38, p1.c8);
      out[o + 39] = k1(39, n1.c8);
    }
  }
  return out;
}

// --- model -----------------------------------------------------------------------------------

/** A trained tagger. */
export interface TaggerModel {
  readonly keys: Uint32Array;
  /** `keys.length × L` weights. */
  readonly weights: Float32Array;
  /** `(L + 1) × L` transition weights; the last row scores the first label. */
  readonly trans: Float32Array;
  readonly meta: Readonly<Record<string, unknown>>;
  /**
   * Open-addressing table for tagging, two views of one buffer of 16-byte slots: the key at
   * `slotKeys[h << 2]` (0 empty) and its int8 weights (`scale` each) at
   * `slotWeights[(h << 4) + 4 + label]`, so that a look-up touches one cache line.
   */
  readonly slotKeys: Uint32Array;
  readonly slotWeights: Int8Array;
  readonly scale: number;
  /** The word clusters the features were made with (stored in the file). */
  readonly clusters: Clusters;
  /** Feature slots per token: {@link SLOTS} for the sentence tagger, SPAN_SLOTS (span.ts) for the span tagger. */
  readonly slots: number;
  /** A Bloom filter of the keys (2^20 bits, two bits a key): most unknown keys are turned away before the table is touched. */
  readonly bloom: Uint32Array;
}

/** The int8 step of a weight vector (as the file stores it). */
function stepOf(weights: Float32Array): number {
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
  return maxAbs / 127 || 1;
}

export function makeTagger(keys: Uint32Array, weights: Float32Array, trans: Float32Array, meta: Record<string, unknown>, clusters: Clusters = NO_CLUSTERS, slots = SLOTS): TaggerModel {
  const scale = stepOf(weights);
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  // 16 bytes a slot, key then 7 int8 weights: a look-up touches one cache line.
  const buffer = new ArrayBuffer(size * 16);
  const slotKeys = new Uint32Array(buffer);
  const slotWeights = new Int8Array(buffer);
  const mask = size - 1;
  for (let r = 0; r < keys.length; r++) {
    let h = keys[r] & mask;
    while (slotKeys[h << 2] !== 0) h = (h + 1) & mask;
    slotKeys[h << 2] = keys[r];
    for (let l = 0; l < L; l++) slotWeights[(h << 4) + 4 + l] = Math.round(weights[r * L + l] / scale);
  }
  const bloom = new Uint32Array(BLOOM_WORDS);
  for (let r = 0; r < keys.length; r++) {
    const a = keys[r] >>> 12;
    const b = Math.imul(keys[r], 0x9e3779b1) >>> 12;
    bloom[a >>> 5] |= 1 << (a & 31);
    bloom[b >>> 5] |= 1 << (b & 31);
  }
  return { keys, weights, trans, meta, slotKeys, slotWeights, scale, clusters, slots, bloom };
}

/** 2^20 bits (128 KB, it stays in cache where the 3 MB table does not). */
const BLOOM_WORDS = 1 << 15;

/** Emission scores `n × L` of featurised tokens. */
export function emissions(m: TaggerModel, feats: Uint32Array, n: number, slots = SLOTS, base?: Int32Array): Float32Array {
  const em = new Float32Array(n * L);
  const { slotKeys, slotWeights, bloom } = m;
  const mask = (slotKeys.length >> 2) - 1;
  for (let i = 0; i < n; i++) {
    const eo = i * L;
    // Integer sums (exact in any order), started from the dense templates' sums when given.
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0;
    if (base) {
      const bo = i * 8;
      ((e0 = base[bo]), (e1 = base[bo + 1]), (e2 = base[bo + 2]), (e3 = base[bo + 3]), (e4 = base[bo + 4]), (e5 = base[bo + 5]), (e6 = base[bo + 6]));
    }
    for (let s = 0; s < slots; s++) {
      const k = feats[i * slots + s];
      if (k === 0) continue;
      const ba = k >>> 12;
      if (!(bloom[ba >>> 5] & (1 << (ba & 31)))) continue;
      const bb = Math.imul(k, 0x9e3779b1) >>> 12;
      if (!(bloom[bb >>> 5] & (1 << (bb & 31)))) continue;
      let h = k & mask;
      let x = slotKeys[h << 2];
      while (x !== k && x !== 0) {
        h = (h + 1) & mask;
        x = slotKeys[h << 2];
      }
      if (x === 0) continue;
      const wo = (h << 4) + 4;
      e0 += slotWeights[wo];
      e1 += slotWeights[wo + 1];
      e2 += slotWeights[wo + 2];
      e3 += slotWeights[wo + 3];
      e4 += slotWeights[wo + 4];
      e5 += slotWeights[wo + 5];
      e6 += slotWeights[wo + 6];
    }
    const c = m.scale;
    em[eo] = e0 * c;
    em[eo + 1] = e1 * c;
    em[eo + 2] = e2 * c;
    em[eo + 3] = e3 * c;
    em[eo + 4] = e4 * c;
    em[eo + 5] = e5 * c;
    em[eo + 6] = e6 * c;
  }
  return em;
}

const NEG = -1e30;

/** Viterbi's score and back-pointer buffers, shared (every cell read is written first in the same call). */
let vScore = new Float64Array(64 * L);
let vBack = new Uint8Array(64 * L);

/** Best label sequence under the BIO constraints. */
export function viterbi(em: Float32Array | Float64Array, n: number, trans: Float32Array | Float64Array): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (vScore.length < n * L) ((vScore = new Float64Array(n * L * 2)), (vBack = new Uint8Array(n * L * 2)));
  const score = vScore;
  const back = vBack;
  for (let c = 0; c < L; c++) score[c] = ALLOWED[L * L + c] ? em[c] + trans[L * L + c] : NEG;
  for (let i = 1; i < n; i++) {
    const po = (i - 1) * L;
    const co = i * L;
    for (let c = 0; c < L; c++) {
      let best = NEG;
      let arg = 0;
      // Only the allowed predecessors, in increasing order (as a full scan would meet them):
      // I-x follows B-x (c - 1) or I-x; O and B-x follow any label.
      if (c === 2 || c === 4 || c === 6) {
        const sb = score[po + c - 1] + trans[(c - 1) * L + c];
        if (sb > best) ((best = sb), (arg = c - 1));
        const si = score[po + c] + trans[c * L + c];
        if (si > best) ((best = si), (arg = c));
      } else {
        for (let p = 0; p < L; p++) {
          const s = score[po + p] + trans[p * L + c];
          if (s > best) ((best = s), (arg = p));
        }
      }
      score[co + c] = best + em[co + c];
      back[co + c] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  const lo = (n - 1) * L;
  for (let c = 0; c < L; c++) if (score[lo + c] > best) ((best = score[lo + c]), (arg = c));
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
  return out;
}

/** Slots that depend on one word alone (itself or a neighbour in a fixed place): their scores are cached per word. */
const WORD_SLOTS = [0, 1, 8, 9, 10, 11, 34, 35, 36, 37, 2, 12, 24, 38, 3, 13, 25, 39, 4, 5];

/** The word-only keys of a word: as itself, as the word before, after, two before, two after. */
function wordKeys(w: Word): Uint32Array[] {
  return [
    Uint32Array.of(k1(0, 1), k1(1, w.low), k1(8, w.suf3), k1(9, w.suf2), k1(10, w.shape), k1(11, w.cls), k1(34, w.c4), k1(35, w.c8), k1(36, w.c12), k1(37, w.cAll)),
    Uint32Array.of(k1(2, w.low), k1(12, w.cls), k1(24, w.suf3), k1(38, w.c8)),
    Uint32Array.of(k1(3, w.low), k1(13, w.cls), k1(25, w.suf3), k1(39, w.c8)),
    Uint32Array.of(k1(4, w.low)),
    Uint32Array.of(k1(5, w.low)),
  ];
}

/** A word's integer score sums for its five places (`5 × 8`), cached on the word for the model last used. */
/**
 * Add the int8 weights of feature `key` (when the model has it) to `out` at `at` (L labels).
 * @example addWeights(model, key, v, 0)
 */
export function addWeights(m: TaggerModel, key: number, out: Int32Array, at: number): void {
  const { slotKeys, slotWeights } = m;
  const mask = (slotKeys.length >> 2) - 1;
  let h = key & mask;
  let x = slotKeys[h << 2];
  while (x !== key && x !== 0) {
    h = (h + 1) & mask;
    x = slotKeys[h << 2];
  }
  if (x === 0) return;
  for (let l = 0; l < L; l++) out[at + l] += slotWeights[(h << 4) + 4 + l];
}

function scoresOf(m: TaggerModel, w: Word): Int32Array {
  if (w.vecModel === m && w.vec) return w.vec;
  const v = new Int32Array(5 * 8);
  const { slotKeys, slotWeights } = m;
  const mask = (slotKeys.length >> 2) - 1;
  const groups = wordKeys(w);
  for (let g = 0; g < 5; g++) {
    for (const k of groups[g]) {
      let h = k & mask;
      let x = slotKeys[h << 2];
      while (x !== k && x !== 0) {
        h = (h + 1) & mask;
        x = slotKeys[h << 2];
      }
      if (x === 0) continue;
      for (let l = 0; l < L; l++) v[g * 8 + l] += slotWeights[(h << 4) + 4 + l];
    }
  }
  w.vec = v;
  w.vecModel = m;
  return v;
}

/** Emission scores of the sentence tagger for the tokens [a, b), word-only features from the per-word cache. */
export function sentenceEmissions(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, words?: readonly Word[]): Float32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, m.clusters);
  const acc = new Int32Array(n * 8);
  const em = emissions(m, featurise(lex, toks, a, b, m.clusters, true, W, sentenceDense(m), acc), n, SLOTS, acc);
  const V = W.map((w) => scoresOf(m, w));
  const P = scoresOf(m, PAD);
  const c = m.scale;
  for (let i = 0; i < n; i++) {
    const self = V[i];
    const prev1 = i > 0 ? V[i - 1] : P;
    const next1 = i + 1 < n ? V[i + 1] : P;
    const prev2 = i > 1 ? V[i - 2] : P;
    const next2 = i + 2 < n ? V[i + 2] : P;
    for (let l = 0; l < L; l++) em[i * L + l] += c * (self[l] + prev1[8 + l] + next1[16 + l] + prev2[24 + l] + next2[32 + l]);
  }
  return em;
}

/** Tag the tokens [a, b) of one sentence: label indices into {@link TAGS}. */
export function tagSentence(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number): Uint8Array {
  const n = b - a;
  if (n <= 0) return new Uint8Array(0);
  return viterbi(sentenceEmissions(m, lex, toks, a, b), n, m.trans);
}

/** A tagged part: token indices relative to the sentence, `end` exclusive. */
export interface Chunk {
  readonly part: Part;
  readonly start: number;
  readonly end: number;
}

/** The chunks of a label sequence. */
export function chunksOf(labels: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  const parts: Part[] = ['source', 'cue', 'content'];
  let i = 0;
  while (i < labels.length) {
    const l = labels[i];
    if (l === 0) {
      i++;
      continue;
    }
    const part = parts[(l - 1) >> 1];
    const inside = BEGIN[part] + 1;
    let j = i + 1;
    while (j < labels.length && labels[j] === inside) j++;
    out.push({ part, start: i, end: j });
    i = j;
  }
  return out;
}

// --- file format -----------------------------------------------------------------------------

const MAGIC = 0x52544144; // "DATR" little-endian
const FORMAT = 2;

function pad4(chunks: Buffer[], b: ArrayBufferView): void {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  chunks.push(Buffer.from(buf));
  const size = chunks.reduce((s, c) => s + c.length, 0);
  const pad = (4 - (size % 4)) % 4;
  if (pad) chunks.push(Buffer.alloc(pad));
}

/**
 * The tagger as a gzipped binary file (int8 weights). Features whose weights all quantise to
 * `prune` steps or less (0: to 0) are dropped: fewer features, a smaller table, faster tagging.
 * @example writeFileSync('models/attribution.bin', serialiseTagger(model))
 */
export function serialiseTagger(m: Pick<TaggerModel, 'keys' | 'weights' | 'trans' | 'meta' | 'clusters' | 'slots'>, prune = 0): Buffer {
  const scale = stepOf(m.weights);
  const order = Array.from(m.keys.keys()).sort((x, y) => m.keys[x] - m.keys[y]);
  const rows: number[] = [];
  for (const r of order) {
    let big = 0;
    for (let l = 0; l < L; l++) big = Math.max(big, Math.abs(Math.round(m.weights[r * L + l] / scale)));
    if (big > prune) rows.push(r);
  }
  const keys = Uint32Array.from(rows, (r) => m.keys[r]);
  const q = new Int8Array(rows.length * L);
  for (let j = 0; j < rows.length; j++) for (let l = 0; l < L; l++) q[l * rows.length + j] = Math.round(m.weights[rows[j] * L + l] / scale);
  const kv = varints(keys);
  const enc = new TextEncoder();
  const cw = [...m.clusters.keys()].sort();
  const words = enc.encode(cw.join('\n'));
  const paths = Uint32Array.from(cw, (w) => m.clusters.get(w) ?? 0);
  const header = { version: FORMAT, tags: TAGS, slots: m.slots, scale, nFeatures: keys.length, keyBytes: kv.length, nClusters: cw.length, clusterBytes: words.length, meta: m.meta };
  const hb = enc.encode(JSON.stringify(header));
  const chunks: Buffer[] = [];
  pad4(chunks, Uint32Array.of(MAGIC, hb.length));
  pad4(chunks, hb);
  pad4(chunks, kv);
  pad4(chunks, q);
  pad4(chunks, Float32Array.from(m.trans));
  pad4(chunks, words);
  pad4(chunks, paths);
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}

/** Read a tagger file's bytes. */
export function deserialiseTagger(gz: Uint8Array, name = 'model', slots = SLOTS): TaggerModel {
  const { header, take } = readSections<{
    version: number; tags: string[]; slots: number; scale: number; nFeatures: number; keyBytes: number; nClusters: number; clusterBytes: number; meta: Record<string, unknown>;
  }>(gz, MAGIC, 'attribution model', name);
  if (header.version !== FORMAT || header.slots !== slots || header.tags.join() !== TAGS.join()) {
    throw new DossierError('E_MODEL', `${name} was made by another version of dossier (format ${header.version}, ${header.slots} feature slots).`);
  }
  const n = header.nFeatures;
  const keys = unvarints(take(header.keyBytes), n);
  const qb = take(n * L);
  const q = new Int8Array(qb.buffer, qb.byteOffset, n * L);
  const weights = new Float32Array(n * L);
  for (let l = 0; l < L; l++) for (let j = 0; j < n; j++) weights[j * L + l] = q[l * n + j] * header.scale;
  const trans = new Float32Array(take((L + 1) * L * 4).slice().buffer);
  const cw = header.nClusters ? new TextDecoder().decode(take(header.clusterBytes)).split('\n') : [];
  const paths = new Uint32Array(take(header.nClusters * 4).slice().buffer);
  const clusters = new Map<string, number>();
  for (let i = 0; i < cw.length; i++) clusters.set(cw[i], paths[i]);
  return makeTagger(keys, weights, trans, header.meta, clusters, slots);
}
