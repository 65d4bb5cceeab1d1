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
import { fnv1a, keyMakers, mix2, mix3, templateSeed } from '../util/hash.js';
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

const SALT = 0x51;
const { key1: k1, key2: k2, key3: k3 } = keyMakers(SALT);

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
  /** The templates of word clusters (40-43): int8 weights, 8 bytes an entry (too many entries for ints). */
  readonly t40: Int8Array;
  readonly t41: Int8Array;
  readonly t42: Int8Array;
  readonly t43: Int8Array;
}

/**
 * Cluster paths cut at 4 and 8 bits keep their leading 1 bit: below 32 and 512 (unknown words
 * 0, the padding 7), so the cluster templates are dense tables too.
 */
const C4 = 32;
const C8 = 512;

/** A dense table of int8 weights, 8 bytes an entry: entry `i` holds the weights of `key(i)`. */
function denseBytes(m: TaggerModel, size: number, key: (i: number) => number): Int8Array {
  const t = new Int8Array(size * 8);
  const sw = m.slotWeights;
  for (let i = 0; i < size; i++) {
    const wo = weightsAt(m, key(i));
    if (wo >= 0) for (let l = 0; l < L; l++) t[i * 8 + l] = sw[wo + l];
  }
  return t;
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
    t40: denseBytes(m, C4 * C8, (x) => k2(40, Math.floor(x / C8), x % C8)),
    t41: denseBytes(m, C8 * C4, (x) => k2(41, Math.floor(x / C4), x % C4)),
    t42: denseBytes(m, 5 * C8, (x) => k2(42, Math.floor(x / C8), x % C8)),
    t43: denseBytes(m, C8 * 2 * 5, (x) => k3(43, Math.floor(x / 10), Math.floor(x / 5) % 2, x % 5)),
  };
  sentenceDenseCache.set(m, d);
  return d;
}

/**
 * What a sentence's features read around each token, in shared buffers (valid until the next
 * call; every entry is written before it is read): the nearest cue-like word outside quotes on
 * each side (-1: none), whether "that" (after that cue) or ":" lies before the token, the
 * commas since that cue (at most 3), and the token's quote flag, quote mark flag and capital.
 */
interface SentenceContext {
  readonly leftCue: Int32Array;
  readonly rightCue: Int32Array;
  readonly thatLeft: Uint8Array;
  readonly colonLeft: Uint8Array;
  readonly commaLeft: Uint8Array;
  /** 1 inside a quote, else 0. */
  readonly inQuote: Uint8Array;
  readonly mark: Uint8Array;
  readonly upper: Uint8Array;
  /** Quote marks in the sentence. */
  quotes: number;
}

let ctxInts = new Int32Array(256);
let ctxBytes = new Uint8Array(1024);
/** The views of the shared buffers for each sentence length (made once: views cost an allocation each). */
let ctxViews: (SentenceContext | undefined)[] = [];

function sentenceContext(toks: readonly TagToken[], a: number, b: number, W: readonly Word[]): SentenceContext {
  const n = b - a;
  if (ctxInts.length < 2 * n) ((ctxInts = new Int32Array(4 * n)), (ctxBytes = new Uint8Array(12 * n)), (ctxViews = []));
  let views = ctxViews[n];
  if (!views) {
    views = {
      leftCue: ctxInts.subarray(0, n),
      rightCue: ctxInts.subarray(n, 2 * n),
      thatLeft: ctxBytes.subarray(0, n),
      colonLeft: ctxBytes.subarray(n, 2 * n),
      commaLeft: ctxBytes.subarray(2 * n, 3 * n),
      inQuote: ctxBytes.subarray(3 * n, 4 * n),
      mark: ctxBytes.subarray(4 * n, 5 * n),
      upper: ctxBytes.subarray(5 * n, 6 * n),
      quotes: 0,
    };
    ctxViews[n] = views;
  }
  const { leftCue, rightCue, thatLeft, colonLeft, commaLeft, inQuote, mark, upper } = views;
  let quotes = 0;
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
    const m = isQuoteMark(t.text) ? 1 : 0;
    mark[i] = m;
    quotes += m;
    inQuote[i] = t.q >= 0 ? 1 : 0;
    upper[i] = t.upper ? 1 : 0;
    if (W[i].cueLike && t.q < 0) ((last = i), (that = 0), (comma = 0));
    if (t.lower === 'that' && last >= 0) that = 1;
    if (t.text === ':') colon = 1;
    if (t.text === ',') comma++;
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    rightCue[i] = last;
    if (W[i].cueLike && inQuote[i] === 0) last = i;
  }
  views.quotes = quotes;
  return views;
}

/**
 * Feature keys of the tokens of one sentence, `SLOTS` per token (0 = empty slot): what training
 * sees; tagging ({@link sentenceEmissions}) computes the same scores without most of the keys.
 * @example featurise(lex, toks, 0, toks.length)
 */
export function featurise(lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, clusters: Clusters = NO_CLUSTERS, words?: readonly Word[]): Uint32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, clusters);
  const at = (i: number): Word => (i >= 0 && i < n ? W[i] : PAD);
  const { leftCue, rightCue, thatLeft, colonLeft, commaLeft, inQuote, mark, upper, quotes } = sentenceContext(toks, a, b, W);
  // Quote flag of a token: 1 in a quote, 0 outside, 2 beyond the sentence.
  const qAt = (i: number): number => (i >= 0 && i < n ? inQuote[i] : 2);
  const out = new Uint32Array(n * SLOTS);
  const qb = Math.min(quotes, 3);
  for (let i = 0; i < n; i++) {
    const w = W[i];
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const q = qAt(i) | (qAt(i - 1) << 2) | (qAt(i + 1) << 4) | (mark[i] << 6);
    const lc = leftCue[i];
    const rc = rightCue[i];
    const ld = lc >= 0 ? bucket(i - lc) : 15;
    const rd = rc >= 0 ? bucket(rc - i) : 15;
    const lw = lc >= 0 ? W[lc] : PAD;
    const rw = rc >= 0 ? W[rc] : PAD;
    const o = i * SLOTS;
    const qi = qAt(i);
    const up = upper[i] | (i > 0 && upper[i - 1] ? 2 : 0) | (i + 1 < n && upper[i + 1] ? 4 : 0);
    const pos = i === 0 ? 0 : i === n - 1 ? 1 : 2;
    out[o] = k1(0, 1);
    out[o + 1] = k1(1, w.low);
    out[o + 2] = k1(2, p1.low);
    out[o + 3] = k1(3, n1.low);
    out[o + 4] = k1(4, p2.low);
    out[o + 5] = k1(5, n2.low);
    out[o + 6] = k2(6, p1.low, w.low);
    out[o + 7] = k2(7, w.low, n1.low);
    out[o + 8] = k1(8, w.suf3);
    out[o + 9] = k1(9, w.suf2);
    out[o + 10] = k1(10, w.shape);
    out[o + 11] = k1(11, w.cls);
    out[o + 12] = k1(12, p1.cls);
    out[o + 13] = k1(13, n1.cls);
    out[o + 14] = k1(14, q);
    out[o + 15] = k2(15, pos, bucket(i));
    out[o + 16] = k2(16, ld, lw.cls);
    out[o + 17] = k2(17, rd, rw.cls);
    out[o + 18] = k2(18, ld > 3 ? 4 : ld, lw.low);
    out[o + 19] = k2(19, rd > 3 ? 4 : rd, rw.low);
    out[o + 20] = k3(20, thatLeft[i], colonLeft[i], ld > 3 ? 4 : ld);
    out[o + 21] = k3(21, colonLeft[i], qi, commaLeft[i]);
    out[o + 22] = k2(22, up, qi);
    out[o + 23] = k2(23, w.low, qi);
    out[o + 24] = k1(24, p1.suf3);
    out[o + 25] = k1(25, n1.suf3);
    out[o + 26] = k2(26, qb, qi);
    out[o + 27] = k2(27, p1.shape, n1.shape);
    out[o + 28] = k2(28, w.low, ld > 3 ? 4 : ld);
    out[o + 29] = k2(29, w.low, rd > 3 ? 4 : rd);
    out[o + 30] = k3(30, ld, rd, qi);
    out[o + 31] = k2(31, p1.cls, w.cls);
    out[o + 32] = k3(32, rd > 3 ? 4 : rd, rw.cls, w.shape);
    out[o + 33] = k2(33, p1.low, n1.low);
    out[o + 34] = k1(34, w.c4);
    out[o + 35] = k1(35, w.c8);
    out[o + 36] = k1(36, w.c12);
    out[o + 37] = k1(37, w.cAll);
    out[o + 38] = k1(38, p1.c8);
    out[o + 39] = k1(39, n1.c8);
    out[o + 40] = k2(40, p1.c4, w.c8);
    out[o + 41] = k2(41, w.c8, n1.c4);
    out[o + 42] = k2(42, ld > 3 ? 4 : ld, lw.c8);
    out[o + 43] = k3(43, w.c8, qi, ld > 3 ? 4 : ld);
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

const NEG = -1e30;

/** Viterbi's score and back-pointer buffers, shared (every cell read is written first in the same call). */
let vScore = new Float64Array(64 * L);
let vBack = new Uint8Array(64 * L);

/**
 * Transitions transposed to `[cur][prev]` in float64 (the same values), into a shared buffer on
 * every call: 49 copies, and never stale (training changes its table in place between calls, so
 * a copy cached per table would decode with old weights).
 */
const transposed = new Float64Array(L * L);
function transposeOf(trans: Float32Array | Float64Array): Float64Array {
  for (let p = 0; p < L; p++) for (let c = 0; c < L; c++) transposed[c * L + p] = trans[p * L + c];
  return transposed;
}

/** The labels any label may precede: O and the B- labels. */
const OPENERS = Int32Array.of(0, 1, 3, 5);

/**
 * Best label sequence under the BIO constraints. Written out for the 7 labels: O and B-x take
 * the best of all seven previous labels, I-x of B-x and I-x, each in increasing order with the
 * first kept on ties (the comparisons of a full scan over the allowed labels).
 */
export function viterbi(em: Float32Array | Float64Array, n: number, trans: Float32Array | Float64Array): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (vScore.length < n * L) ((vScore = new Float64Array(n * L * 2)), (vBack = new Uint8Array(n * L * 2)));
  const score = vScore;
  const back = vBack;
  const tt = transposeOf(trans);
  for (let c = 0; c < L; c++) score[c] = ALLOWED[L * L + c] ? em[c] + trans[L * L + c] : NEG;
  for (let i = 1; i < n; i++) {
    const po = (i - 1) * L;
    const co = i * L;
    const s0 = score[po];
    const s1 = score[po + 1];
    const s2 = score[po + 2];
    const s3 = score[po + 3];
    const s4 = score[po + 4];
    const s5 = score[po + 5];
    const s6 = score[po + 6];
    for (let k = 0; k < 4; k++) {
      const c = OPENERS[k];
      const to = c * L;
      let best = NEG;
      let arg = 0;
      let s = 0;
      if ((s = s0 + tt[to]) > best) ((best = s), (arg = 0));
      if ((s = s1 + tt[to + 1]) > best) ((best = s), (arg = 1));
      if ((s = s2 + tt[to + 2]) > best) ((best = s), (arg = 2));
      if ((s = s3 + tt[to + 3]) > best) ((best = s), (arg = 3));
      if ((s = s4 + tt[to + 4]) > best) ((best = s), (arg = 4));
      if ((s = s5 + tt[to + 5]) > best) ((best = s), (arg = 5));
      if ((s = s6 + tt[to + 6]) > best) ((best = s), (arg = 6));
      score[co + c] = best + em[co + c];
      back[co + c] = arg;
    }
    // I-x (c = 2, 4, 6) follows B-x (c - 1) or I-x.
    for (let c = 2; c < L; c += 2) {
      const to = c * L;
      let best = NEG;
      let arg = 0;
      let s = 0;
      if ((s = score[po + c - 1] + tt[to + c - 1]) > best) ((best = s), (arg = c - 1));
      if ((s = score[po + c] + tt[to + c]) > best) ((best = s), (arg = c));
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
  const wo = weightsAt(m, key);
  if (wo < 0) return;
  const sw = m.slotWeights;
  for (let l = 0; l < L; l++) out[at + l] += sw[wo + l];
}

/**
 * Where the int8 weights of `key` start in `m.slotWeights`, or -1 when the model does not know
 * the key (the Bloom filter turns most of these away before the table is touched).
 */
export function weightsAt(m: TaggerModel, key: number): number {
  const bloom = m.bloom;
  const ba = key >>> 12;
  if (!(bloom[ba >>> 5] & (1 << (ba & 31)))) return -1;
  const bb = Math.imul(key, 0x9e3779b1) >>> 12;
  if (!(bloom[bb >>> 5] & (1 << (bb & 31)))) return -1;
  const slotKeys = m.slotKeys;
  const mask = (slotKeys.length >> 2) - 1;
  let h = key & mask;
  for (;;) {
    const x = slotKeys[h << 2];
    if (x === key) return (h << 4) + 4;
    if (x === 0) return -1;
    h = (h + 1) & mask;
  }
}

/** The block that {@link scoreVector} cuts vectors from, and how much of it is taken. */
let scoreBlock = new Int32Array(0);
let scoreBlockUsed = 0;

/**
 * A zeroed vector of `size` ints for a word's cached score sums, cut from a shared block: a
 * typed array of its own per word would cost a buffer outside the heap and GC work for each.
 */
export function scoreVector(size: number): Int32Array {
  if (scoreBlockUsed + size > scoreBlock.length) ((scoreBlock = new Int32Array(1 << 16)), (scoreBlockUsed = 0));
  const v = scoreBlock.subarray(scoreBlockUsed, scoreBlockUsed + size);
  scoreBlockUsed += size;
  return v;
}

/**
 * Rows of a word's sentence score cache after its five places (8 ints a row): the weights of
 * the word's context templates of one small integer, 23 by quote flag, 28 by the left cue's
 * distance bucket (up to 4), 29 by the right cue's. They are added to the context sums, not to
 * the word-only sums (the two are scaled apart, see {@link sentenceEmissions}).
 */
const ROW23 = 5;
const ROW28 = 7;
const ROW29 = 12;
const WORD_ROWS = 17;

function scoresOf(m: TaggerModel, w: Word): Int32Array {
  if (w.vecModel === m && w.vec) return w.vec;
  const v = scoreVector(WORD_ROWS * 8);
  const groups = wordKeys(w);
  for (let g = 0; g < 5; g++) for (const k of groups[g]) addWeights(m, k, v, g * 8);
  for (let qi = 0; qi < 2; qi++) addWeights(m, mix2(S23, w.low, qi), v, (ROW23 + qi) * 8);
  for (let d = 0; d < 5; d++) {
    addWeights(m, mix2(S28, w.low, d), v, (ROW28 + d) * 8);
    addWeights(m, mix2(S29, w.low, d), v, (ROW29 + d) * 8);
  }
  w.vec = v;
  w.vecModel = m;
  return v;
}

/** sentenceEmissions' shared buffers: each token's hashed keys, the left and right cue's sums, the words' parts and score vectors. */
const tokenKeys = new Uint32Array(16);
const leftSums = new Int32Array(8);
const rightSums = new Int32Array(8);
const sums = new Int32Array(8);
let vecs: Int32Array[] = [];
/** The words' hashes as int32 (the same bits), two padding entries at each end: word i at i + 2. */
let wLow = new Int32Array(64);
let wShape = new Int32Array(64);
let wCls = new Int32Array(64);
let wC4 = new Int32Array(64);
let wC8 = new Int32Array(64);

/** The seeds of the templates sentenceEmissions hashes per token. */
const SEED = Array.from({ length: SLOTS }, (_, t) => templateSeed(SALT, t));
const [S6, S7, S18, S19, S23, S27, S28, S29, S32, S33] = [6, 7, 18, 19, 23, 27, 28, 29, 32, 33].map((t) => SEED[t]);

/**
 * Emission scores of the sentence tagger for the tokens [a, b): the sums of the weights of
 * {@link featurise}'s keys, computed with fewer look-ups. The word-only templates come from
 * the per-word cache (`scoresOf`), the templates of small integers from the model's dense
 * tables, and the left cue's templates (16, 18, 20, 42) and the right cue's (17, 19) once for
 * each run of tokens where they cannot change; only the other 11 keys are hashed and looked up
 * per token. The integer sums of the context and of the word-only templates are each exact in
 * any order, and combined as before (context × scale, then + scale × words), so that the
 * scores are bit for bit those of the plain sums. Written into `out` when given (at least
 * `(b - a) × L` long; every value is set).
 */
export function sentenceEmissions(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number, words?: readonly Word[], out?: Float32Array): Float32Array {
  const n = b - a;
  const W = words ?? wordFeatures(lex, toks, a, b, m.clusters);
  const em = out ?? new Float32Array(n * L);
  if (n <= 0) return em;
  const D = sentenceDense(m);
  const { t14, t15, t16, t17, t20, t21, t22, t26, t30, t31, t40, t41, t42, t43 } = D;
  const { leftCue, rightCue, thatLeft, colonLeft, commaLeft, inQuote, mark, upper, quotes } = sentenceContext(toks, a, b, W);
  const qb = Math.min(quotes, 3);
  const sw = m.slotWeights;
  const c = m.scale;
  if (vecs.length < n) vecs = new Array<Int32Array>(2 * n);
  if (wLow.length < n + 4) ((wLow = new Int32Array(2 * n + 4)), (wShape = new Int32Array(2 * n + 4)), (wCls = new Int32Array(2 * n + 4)), (wC4 = new Int32Array(2 * n + 4)), (wC8 = new Int32Array(2 * n + 4)));
  for (let i = -2; i < n + 2; i++) {
    const w = i >= 0 && i < n ? W[i] : PAD;
    wLow[i + 2] = w.low;
    wShape[i + 2] = w.shape;
    wCls[i + 2] = w.cls;
    wC4[i + 2] = w.c4;
    wC8[i + 2] = w.c8;
    if (i >= 0 && i < n) vecs[i] = scoresOf(m, w);
  }
  const P = scoresOf(m, PAD);
  let leftState = -1;
  let rightState = -1;
  for (let i = 0; i < n; i++) {
    const x = i + 2;
    const low = wLow[x];
    const c8 = wC8[x];
    const qi = inQuote[i];
    const q = qi | ((i > 0 ? inQuote[i - 1] : 2) << 2) | ((i + 1 < n ? inQuote[i + 1] : 2) << 4) | (mark[i] << 6);
    const lc = leftCue[i];
    const rc = rightCue[i];
    const ld = lc >= 0 ? bucket(i - lc) : 15;
    const rd = rc >= 0 ? bucket(rc - i) : 15;
    const ld4 = ld > 3 ? 4 : ld;
    const rd4 = rd > 3 ? 4 : rd;
    const ls = ((lc + 1) * 16 + ld) * 4 + thatLeft[i] * 2 + colonLeft[i];
    if (ls !== leftState) {
      leftState = ls;
      const lw = lc >= 0 ? W[lc] : PAD;
      leftSums.fill(0);
      addDense(leftSums, 0, t16, ld * CLS + lw.cls);
      addDense(leftSums, 0, t20, (thatLeft[i] * 2 + colonLeft[i]) * 5 + ld4);
      addWeights(m, mix2(S18, ld4, lw.low), leftSums, 0);
      const o42 = (ld4 * C8 + lw.c8) * 8;
      for (let l = 0; l < L; l++) leftSums[l] += t42[o42 + l];
    }
    const rs = (rc + 1) * 16 + rd;
    const rcls = rc >= 0 ? wCls[rc + 2] : PAD.cls;
    if (rs !== rightState) {
      rightState = rs;
      rightSums.fill(0);
      addDense(rightSums, 0, t17, rd * CLS + rcls);
      addWeights(m, mix2(S19, rd4, rc >= 0 ? wLow[rc + 2] : PAD.low), rightSums, 0);
    }
    // The templates of small integers: 14, 15, 21, 22, 26, 30, 31, and of clusters: 40, 41, 43.
    const up = upper[i] | (i > 0 ? upper[i - 1] << 1 : 0) | (i + 1 < n ? upper[i + 1] << 2 : 0);
    const pos = i === 0 ? 0 : i === n - 1 ? 1 : 2;
    const o14 = q * 8;
    const o15 = (pos * 9 + bucket(i)) * 8;
    const o21 = ((colonLeft[i] * 3 + qi) * 4 + commaLeft[i]) * 8;
    const o22 = (up * 3 + qi) * 8;
    const o26 = (qb * 3 + qi) * 8;
    const o30 = ((ld * 16 + rd) * 3 + qi) * 8;
    const o31 = (wCls[x - 1] * CLS + wCls[x]) * 8;
    const o40 = (wC4[x - 1] * C8 + c8) * 8;
    const o41 = (c8 * C4 + wC4[x + 1]) * 8;
    const o43 = ((c8 * 2 + qi) * 5 + ld4) * 8;
    for (let l = 0; l < L; l++) sums[l] = leftSums[l] + rightSums[l] + t14[o14 + l] + t15[o15 + l] + t21[o21 + l] + t22[o22 + l] + t26[o26 + l] + t30[o30 + l] + t31[o31 + l] + t40[o40 + l] + t41[o41 + l] + t43[o43 + l];
    // The word's templates of one small integer (23, 28, 29) from its cached rows.
    const self = vecs[i];
    const o23 = (ROW23 + qi) * 8;
    const o28 = (ROW28 + ld4) * 8;
    const o29 = (ROW29 + rd4) * 8;
    for (let l = 0; l < L; l++) sums[l] += self[o23 + l] + self[o28 + l] + self[o29 + l];
    // The rest, hashed.
    tokenKeys[0] = mix2(S6, wLow[x - 1], low);
    tokenKeys[1] = mix2(S7, low, wLow[x + 1]);
    tokenKeys[2] = mix2(S27, wShape[x - 1], wShape[x + 1]);
    tokenKeys[3] = mix3(S32, rd4, rcls, wShape[x]);
    tokenKeys[4] = mix2(S33, wLow[x - 1], wLow[x + 1]);
    for (let s = 0; s < 5; s++) {
      const wo = weightsAt(m, tokenKeys[s]);
      if (wo < 0) continue;
      for (let l = 0; l < L; l++) sums[l] += sw[wo + l];
    }
    // The word-only templates from the words' cached sums.
    const prev1 = i > 0 ? vecs[i - 1] : P;
    const next1 = i + 1 < n ? vecs[i + 1] : P;
    const prev2 = i > 1 ? vecs[i - 2] : P;
    const next2 = i + 2 < n ? vecs[i + 2] : P;
    const eo = i * L;
    for (let l = 0; l < L; l++) em[eo + l] = Math.fround(sums[l] * c) + c * (self[l] + prev1[8 + l] + next1[16 + l] + prev2[24 + l] + next2[32 + l]);
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
