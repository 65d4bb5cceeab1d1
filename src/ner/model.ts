/**
 * The NER model: labels, hashed feature table, emission and transition weights, lexicon;
 * Viterbi decoding; and the compact binary file format.
 *
 * File (gzip of): "DNER" magic, u32 header length, JSON header, then sections each aligned to
 * 4 bytes: feature keys (sorted, delta-coded as varints), weights (int8 or int16, scaled,
 * `nFeatures × labels`), transitions (float32, `(labels + 1) × labels`, last row = start),
 * and the lexicon (strings joined by "\n", typed arrays).
 */
import { gzipSync } from 'node:zlib';
import { readSections } from '../util/sections.js';
import { DossierError } from '../errors.js';
import {
  clusterBigramKey, createFeaturiser, newF32, docContext, docKey, docSummary, gazKey, groupAt, manyBucket, positionKeys, prepare, summary,
  A, CLUSTER_VALUES, CONJUNCTION_SEEDS, DOC_SLOTS, POSITION_SLOTS, SLOTS, type DocContext, type Featuriser, type WordInfo,
} from './features.js';
import { mix2, mix3 } from '../util/hash.js';
import { GAZ_BITS } from './lexicon.js';
import type { CaseMode } from './lexicon.js';
import { lexiconFromData, type Lexicon, type LexiconData } from './lexicon.js';
import { unvarints, varints } from '../util/varint.js';

export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof TYPES)[number];

/** BILOU labels: O, then B-, I-, L-, U- for each type. */
export const LABELS: readonly string[] = ['O', ...TYPES.flatMap((t) => ['B-' + t, 'I-' + t, 'L-' + t, 'U-' + t])];
export const NL = LABELS.length;

/** allowed[prev * NL + cur], prev = NL for the sentence start. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((NL + 1) * NL);
  for (let p = 0; p <= NL; p++) {
    for (let c = 0; c < NL; c++) {
      const pl = p === NL ? 'O' : LABELS[p];
      const cl = LABELS[c];
      const open = pl[0] === 'B' || pl[0] === 'I';
      const cont = cl[0] === 'I' || cl[0] === 'L';
      a[p * NL + c] = open ? (cont && cl.slice(2) === pl.slice(2) ? 1 : 0) : cont ? 0 : 1;
    }
  }
  return a;
})();
/** Labels a sentence may end on (not B- or I-). */
export const FINAL: Uint8Array = Uint8Array.from(LABELS, (l) => (l[0] === 'B' || l[0] === 'I' ? 0 : 1));

/** A trained model, ready to tag. */
export interface Model {
  readonly keys: Uint32Array;
  /**
   * `keys.length × NL` weights, quantised (int8, or int16 for `--bits 16`), row by row: a weight
   * is `q × scale`. Scores are summed in integers and scaled once per token, so a model tags the
   * same whether it was just trained or read from its file.
   */
  readonly q: Int8Array | Int16Array;
  readonly scale: number;
  /** `(NL + 1) × NL` transition weights; the last row scores the first label. */
  readonly trans: Float32Array;
  readonly lexicon: Lexicon;
  readonly lexiconData: LexiconData;
  readonly meta: Readonly<Record<string, unknown>>;
  /** The weights by key, for tagging (see {@link FeatureTable}). */
  readonly table: FeatureTable;
  readonly featuriser: Featuriser;
  /** Document feature slots per token: 0, or {@link DOC_SLOTS} for a model trained with document features. */
  readonly docSlots: number;
  /** Score vectors of the templates with few possible keys, indexed densely (see {@link denseTables}). */
  readonly dense: DenseTables;
}

/**
 * The scores of every key of the templates whose keys take only a few values (gazetteer codes,
 * the document templates' counts and flags), filled at load: the tagger adds a vector read by
 * index instead of hashing and probing the feature table for them.
 */
interface DenseTables {
  /** `(b * 40 + code * 8 + cap) * NL`: the token's gazetteer code for class bit b × its capitalisation. */
  readonly gazSelf: Float32Array;
  /** `(b * 8 + code) * NL`: the previous / next token's code. */
  readonly gazPrev: Float32Array;
  readonly gazNext: Float32Array;
  /** `((many * 4 + evidence) * 8 + own) * NL`. */
  readonly docUses: Float32Array;
  /** `(runs * 4 + cap) * NL`. */
  readonly docRuns: Float32Array;
  /** `((evidence * 8 + runs) * 3 + mode) * NL`. */
  readonly docMode: Float32Array;
  /**
   * For a word with other uses, the three above summed: `(((((many - 1) * 4 + evidence) * 8 + own) * 8 + runs) * 3 + mode) * NL`
   * (own = cap × 2 + first, so the token's capitalisation is `own >> 1`).
   */
  readonly docAll: Float32Array;
  /**
   * The cluster bigrams (conjunction templates 24 and 25: the word before and the token, the token
   * and the word after) by the two words' cluster prefixes: `clusterAt[left * CLUSTER_VALUES +
   * right]` for template 24 (`CLUSTER_VALUES²` further on for 25) is where the pair's NL weights
   * start in the feature table's weights (the zeros of an empty slot for a pair the model does not
   * know), or -1 until the pair is first met: each pair is looked up once, when first needed.
   */
  readonly clusterAt: Int32Array;
}

/**
 * The weights by key for tagging: an open-addressing table whose 32-byte slots hold a key (0:
 * empty) and its NL weights side by side, so that a key found costs one cache line, not two; and
 * in front of it a Bloom filter (two bits a key, about 8 bits per key: small enough to stay in the
 * core's cache) that turns away most keys the model does not know (a word bigram it never saw)
 * without touching the table.
 */
interface FeatureTable {
  /** The slots' keys, `KEY_STRIDE` apart (a view of the slots). */
  readonly keys: Uint32Array;
  /** The slots' weights: slot h's start at `h * 32 + wOff` (a view of the slots: int8, or int16 for a 16-bit model). */
  readonly w: Int8Array | Int16Array;
  readonly kStride: number;
  readonly wOff: number;
  readonly mask: number;
  readonly filter: Int32Array;
  /** 32 − log2 of the filter's size in bits: a key's bits are its top bits and those of a second hash. */
  readonly fShift: number;
}

/**
 * The table of `keys` and their weights `q`: row by row (`keys.length × NL`), or label by label
 * (`NL × keys.length`, as the model file stores them, `byLabel`).
 */
function buildTable(keys: Uint32Array, q: Int8Array | Int16Array, byLabel = false): FeatureTable {
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  const wide = q instanceof Int16Array;
  const bytes = new ArrayBuffer(size * (wide ? 64 : 32));
  const k32 = new Uint32Array(bytes);
  const w = wide ? new Int16Array(bytes) : new Int8Array(bytes);
  const kStride = wide ? 16 : 8;
  const wOff = wide ? 2 : 4;
  const mask = size - 1;
  let fbits = 1024;
  while (fbits < keys.length * 8) fbits *= 2;
  const fShift = 32 - Math.log2(fbits);
  const filter = new Int32Array(fbits >>> 5);
  const n = keys.length;
  for (let r = 0; r < n; r++) {
    const k = keys[r];
    let h = k & mask;
    while (k32[h * kStride] !== 0) h = (h + 1) & mask;
    k32[h * kStride] = k;
    // label by label: NL sequential read streams, one write stream
    const to = h * 32 + wOff;
    if (byLabel) for (let l = 0, b = r; l < NL; l++, b += n) w[to + l] = q[b];
    else for (let l = 0, b = r * NL; l < NL; l++, b++) w[to + l] = q[b];
    const b1 = k >>> fShift;
    const b2 = Math.imul(k, 0x9e3779b1) >>> fShift;
    filter[b1 >>> 5] |= 1 << (b1 & 31);
    filter[b2 >>> 5] |= 1 << (b2 & 31);
  }
  return { keys: k32, w, kStride, wOff, mask, filter, fShift };
}

/** Where key `k`'s weights start in `t.w`, or -1 for a key the model does not know. */
function find(t: FeatureTable, k: number): number {
  const b1 = k >>> t.fShift;
  const b2 = Math.imul(k, 0x9e3779b1) >>> t.fShift;
  const f = t.filter;
  if (((f[b1 >>> 5] >>> (b1 & 31)) & (f[b2 >>> 5] >>> (b2 & 31)) & 1) === 0) return -1;
  const { keys, kStride, mask } = t;
  let h = k & mask;
  for (;;) {
    const x = keys[h * kStride];
    if (x === k) return h * 32 + t.wOff;
    if (x === 0) return -1;
    h = (h + 1) & mask;
  }
}

/** The integer scores of one key, added into `out` at `o`. */
function addKey(t: FeatureTable, k: number, out: Float32Array, o: number): void {
  const wo = find(t, k);
  if (wo < 0) return;
  const w = t.w;
  for (let l = 0; l < NL; l++) out[o + l] += w[wo + l];
}

function denseTables(m: FeatureTable): DenseTables {
  const gazSelf = new Float32Array(GAZ_BITS * 40 * NL);
  const gazPrev = new Float32Array(GAZ_BITS * 8 * NL);
  const gazNext = new Float32Array(GAZ_BITS * 8 * NL);
  for (let b = 0; b < GAZ_BITS; b++) {
    for (let code = 1; code <= 4; code++) {
      for (let cap = 0; cap < 4; cap++) addKey(m, gazKey.self(b, code, cap), gazSelf, (b * 40 + code * 8 + cap) * NL);
      addKey(m, gazKey.prev(b, code), gazPrev, (b * 8 + code) * NL);
      addKey(m, gazKey.next(b, code), gazNext, (b * 8 + code) * NL);
    }
  }
  const docUses = new Float32Array(128 * NL);
  const docRuns = new Float32Array(32 * NL);
  const docMode = new Float32Array(96 * NL);
  for (let ev = 0; ev < 4; ev++) {
    for (let many = 0; many < 4; many++) for (let own = 0; own < 8; own++) addKey(m, docKey.uses(many, ev, own), docUses, ((many * 4 + ev) * 8 + own) * NL);
    for (let runs = 0; runs < 8; runs++) for (let mode = 0; mode < 3; mode++) addKey(m, docKey.mode(ev, runs, mode), docMode, ((ev * 8 + runs) * 3 + mode) * NL);
  }
  for (let runs = 0; runs < 8; runs++) for (let cap = 0; cap < 4; cap++) addKey(m, docKey.runs(runs, cap), docRuns, (runs * 4 + cap) * NL);
  const docAll = new Float32Array(3 * 4 * 8 * 8 * 3 * NL);
  for (let many = 1; many < 4; many++) {
    for (let ev = 0; ev < 4; ev++) {
      for (let own = 0; own < 8; own++) {
        for (let runs = 0; runs < 8; runs++) {
          for (let mode = 0; mode < 3; mode++) {
            const o = (((((many - 1) * 4 + ev) * 8 + own) * 8 + runs) * 3 + mode) * NL;
            addVec(docAll, o, docUses, ((many * 4 + ev) * 8 + own) * NL);
            addVec(docAll, o, docRuns, (runs * 4 + (own >> 1)) * NL);
            addVec(docAll, o, docMode, ((ev * 8 + runs) * 3 + mode) * NL);
          }
        }
      }
    }
  }
  return { gazSelf, gazPrev, gazNext, docUses, docRuns, docMode, docAll, ...clusterIndex() };
}

/** The cluster bigrams' index (see {@link DenseTables}), every pair still to be looked up. */
function clusterIndex(): { clusterAt: Int32Array } {
  return { clusterAt: new Int32Array(2 * CLUSTER_PAIRS).fill(-1) };
}

/** Where an empty slot's weights (zeros) start in a table's weights. */
function zerosAt(t: FeatureTable): number {
  let h = 0;
  while (t.keys[h * t.kStride] !== 0) h++;
  return h * 32 + t.wOff;
}

/** Where cluster pair `k` of {@link DenseTables.clusterAt} has its weights, looked up the first time. */
function clusterPair(m: Model, k: number): number {
  const x = Math.floor((k % CLUSTER_PAIRS) / CLUSTER_VALUES);
  const wo = find(m.table, clusterBigramKey(k < CLUSTER_PAIRS ? 24 : 25, x, k % CLUSTER_VALUES));
  const at = wo >= 0 ? wo : zerosAt(m.table);
  m.dense.clusterAt[k] = at;
  return at;
}

/** Quantise weights: `bits` 8 or 16; the scale maps the largest weight to the largest integer. */
export function quantise(weights: Float32Array, bits: 8 | 16 = 8): { q: Int8Array | Int16Array; scale: number } {
  const qmax = bits === 8 ? 127 : 32767;
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
  const scale = maxAbs / qmax || 1;
  const q = bits === 8 ? new Int8Array(weights.length) : new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i] / scale);
  return { q, scale };
}

/**
 * A model from its parts: `weights` as floats (training; quantised here to `bits`) or already
 * quantised (`{ q, scale }`, a model file).
 */
export function makeModel(
  keys: Uint32Array,
  weights: Float32Array | { q: Int8Array | Int16Array; scale: number; byLabel?: boolean },
  trans: Float32Array,
  lexiconData: LexiconData,
  meta: Record<string, unknown>,
  docSlots = 0,
  sorted = false,
  bits: 8 | 16 = 8,
): Model {
  const lexicon = lexiconFromData(lexiconData, sorted);
  const { q, scale } = weights instanceof Float32Array ? quantise(weights, bits) : weights;
  const byLabel = !(weights instanceof Float32Array) && weights.byLabel === true;
  const table = buildTable(keys, q, byLabel);
  // A model read from its file keeps its weights in the table only; the rows are rebuilt if asked for (saving it again).
  let rows: Int8Array | Int16Array | undefined = byLabel ? undefined : q;
  return {
    keys,
    get q() {
      return (rows ??= rowsOf(table, keys));
    },
    scale, trans, lexicon, lexiconData, meta, table, featuriser: createFeaturiser(lexicon), docSlots, dense: denseTables(table),
  };
}

/** The weights of `keys`, row by row, read back from the table. */
function rowsOf(t: FeatureTable, keys: Uint32Array): Int8Array | Int16Array {
  const q = t.w instanceof Int16Array ? new Int16Array(keys.length * NL) : new Int8Array(keys.length * NL);
  for (let r = 0; r < keys.length; r++) {
    const wo = find(t, keys[r]);
    for (let l = 0; l < NL; l++) q[r * NL + l] = t.w[wo + l];
  }
  return q;
}

/** Add the (integer) weights of `keys` into `out` at `o` (unknown keys and 0 add nothing). */
function addKeys(m: Model, keys: Uint32Array, n: number, out: Float32Array, o: number): void {
  const t = m.table;
  const w = t.w;
  for (let s = 0; s < n; s++) {
    const k = keys[s];
    if (k === 0) continue;
    const wo = find(t, k);
    if (wo < 0) continue;
    for (let l = 0; l < NL; l++) out[o + l] += w[wo + l];
  }
}

/**
 * A word's scores as the token itself, the word before, after, two before and two after, and (at
 * 5 × NL) as the token itself with its position keys for a word inside a sentence in mixed case,
 * the usual case (cached on the word).
 */
function wordVec(m: Model, w: WordInfo): Float32Array {
  let v = w.vec;
  if (v === undefined) {
    v = newF32(6 * NL);
    addKeys(m, w.self, w.self.length, v, 0);
    const ps = posVec(m, w, 0, 0);
    for (let l = 0; l < NL; l++) v[5 * NL + l] = v[l] + ps[l];
    addKeys(m, w.prev1, w.prev1.length, v, NL);
    addKeys(m, w.next1, w.next1.length, v, 2 * NL);
    addKeys(m, w.prev2, w.prev2.length, v, 3 * NL);
    addKeys(m, w.next2, w.next2.length, v, 4 * NL);
    w.vec = v;
  }
  return v;
}

const posScratch = new Uint32Array(POSITION_SLOTS);

/** A word's position-key scores for a sentence position and casing mode (cached on the word). */
function posVec(m: Model, w: WordInfo, first: number, mode: CaseMode): Float32Array {
  const cache = (w.pos ??= new Array<Float32Array | undefined>(6));
  const k = first * 3 + mode;
  let v = cache[k];
  if (v === undefined) {
    v = newF32(NL);
    positionKeys(w, first, mode, posScratch, 0);
    addKeys(m, posScratch, POSITION_SLOTS, v, 0);
    cache[k] = v;
  }
  return v;
}

/**
 * A word's document-key scores (cached on the word): as the word before another use of a word
 * (at 0), after one (at NL), and its cluster × each capitalisation-evidence value (at `(2 + e) × NL`).
 */
function docVec(m: Model, w: WordInfo): Float32Array {
  let v = w.dvec;
  if (v === undefined) {
    v = newF32(6 * NL);
    addKey(m.table, docKey.before(w), v, 0);
    addKey(m.table, docKey.after(w), v, NL);
    for (let e = 0; e < 4; e++) addKey(m.table, docKey.cluster(e, w), v, (2 + e) * NL);
    w.dvec = v;
  }
  return v;
}

/** Add the NL scores of `v` at `vo` into `em` at `eo`. */
function addVec(em: Float32Array, eo: number, v: Float32Array, vo: number): void {
  for (let l = 0; l < NL; l++) em[eo + l] += v[vo + l];
}

/** Seeds of the conjunction templates the tagger hashes (19 to 23; see {@link CONJUNCTION_SEEDS}). */
const [S19, S20, S21, S22, S23] = CONJUNCTION_SEEDS;

/** Where template 25's pairs start in {@link DenseTables.clusterAt}. */
const CLUSTER_PAIRS = CLUSTER_VALUES * CLUSTER_VALUES;

/** NL × 6 zeros: the score vector of a document key a token does not have. */
const ZERO: Float32Array = new Float32Array(6 * NL);

/**
 * Emission scores of a sentence, `n × NL`. The word-only features come from per-word cached
 * score vectors, the templates with few keys from dense tables and the document keys of
 * neighbouring words from their cached vectors; only the conjunctions are looked up per token.
 * A model with document features reads them from `doc` (the sentence's article; `s` is the
 * sentence's index in it), or from the sentence alone when no document is given. The scores are
 * the sums of the weights of {@link featurise}'s keys, which training sees.
 */
export function emissions(m: Model, words: readonly string[], doc?: DocContext, s = 0): Float32Array {
  return score(m, words, doc, s, new Float32Array(words.length * NL));
}

/** Emission scores for {@link decode}, in one buffer grown to the longest sentence (tagging is synchronous). */
let emBuffer = new Float32Array(64 * NL);
/** The score vectors of a sentence's words (and its padding), reused from sentence to sentence. */
let vecBuffer: Float32Array[] = [];

/**
 * {@link emissions} written into `em` (at least `n × NL` long; every value is set).
 *
 * Every score is an integer (a sum of quantised weights) until the last step scales it, and sums
 * of integers this small are exact in floating point: the vectors are added in whatever order
 * reads them fastest, a token's in one loop where they can be.
 */
function score(m: Model, words: readonly string[], doc: DocContext | undefined, s: number, em: Float32Array): Float32Array {
  const ctx = m.docSlots ? (doc ?? docContext(m.featuriser, [words])) : undefined;
  if (!doc) s = 0;
  const p = prepare(m.featuriser, words, ctx !== undefined && ctx.sentences[s] === words ? ctx.rows[s] : undefined);
  const n = p.n;
  const { infos, gz } = p;
  const D = m.dense;
  const { clusterAt } = D;
  const t = m.table;
  const tw = t.w;
  if (vecBuffer.length < n + 4) vecBuffer = new Array<Float32Array>(2 * (n + 4));
  const vecs = vecBuffer;
  for (let i = 0; i < n + 4; i++) vecs[i] = wordVec(m, infos[i]);
  for (let i = 0; i < n; i++) {
    const eo = i * NL;
    const a = vecs[i + 2];
    const b = vecs[i + 1];
    const c = vecs[i + 3];
    const d = vecs[i];
    const e = vecs[i + 4];
    const r = infos[i + 2];
    // The word features: the token's own with its position keys (cached together for a word
    // inside a sentence in mixed case), those of the words around it.
    let ao = 5 * NL;
    let ps = ZERO;
    if (i === 0 || p.mode !== 0) ((ao = 0), (ps = posVec(m, r, i === 0 ? 1 : 0, p.mode)));
    // The document keys (as docKeys writes them): how the article's other uses of the word are
    // written (a dense vector), the words around them and the word's cluster (cached vectors).
    const grp = ctx === undefined ? -1 : groupAt(ctx, p, s, i);
    if (grp < 0) {
      for (let l = 0; l < NL; l++) em[eo + l] = a[ao + l] + b[NL + l] + c[2 * NL + l] + d[3 * NL + l] + e[4 * NL + l] + ps[l];
    } else {
      const x = ctx as DocContext;
      docSummary(x, grp, s, i);
      const { others, u0, u1, v0, v1 } = summary;
      const ev = summary.cap * 2 + summary.low;
      const own = r.cap * 2 + (i === 0 ? 1 : 0);
      const du = others === 0 ? D.docUses : D.docAll;
      const duo = others === 0 ? own * NL : (((((manyBucket(others) - 1) * 4 + ev) * 8 + own) * 8 + summary.runs) * 3 + p.mode) * NL;
      const p0 = u0 >= 0 ? docVec(m, x.prevRow[u0]) : ZERO;
      const p1 = u1 >= 0 ? docVec(m, x.prevRow[u1]) : ZERO;
      const n0 = v0 >= 0 ? docVec(m, x.nextRow[v0]) : ZERO;
      const n1 = v1 >= 0 ? docVec(m, x.nextRow[v1]) : ZERO;
      const rv = others === 0 ? ZERO : docVec(m, r);
      const rvo = others === 0 ? 0 : (2 + ev) * NL;
      for (let l = 0; l < NL; l++) {
        em[eo + l] = a[ao + l] + b[NL + l] + c[2 * NL + l] + d[3 * NL + l] + e[4 * NL + l] + ps[l] + du[duo + l] + p0[l] + p1[l] + n0[NL + l] + n1[NL + l] + rv[rvo + l];
      }
    }
    // The conjunctions (conjunctionKeys): word bigrams, shape trigram and word × shape looked up
    // by their keys, the cluster bigrams read from their dense tables.
    const pw = infos[i + 1];
    const nw = infos[i + 3];
    const pa = pw.a;
    const ca = r.a;
    const na = nw.a;
    addKey(t, mix2(S19, pa[A.LOW], ca[A.LOW]), em, eo);
    addKey(t, mix2(S20, ca[A.LOW], na[A.LOW]), em, eo);
    addKey(t, mix3(S21, pa[A.SSHAPE], ca[A.SSHAPE], na[A.SSHAPE]), em, eo);
    addKey(t, mix2(S22, pa[A.LOW], ca[A.SSHAPE]), em, eo);
    addKey(t, mix2(S23, ca[A.SSHAPE], na[A.LOW]), em, eo);
    const kb = pw.cl6 * CLUSTER_VALUES + r.cl6;
    const kn = CLUSTER_PAIRS + r.cl6 * CLUSTER_VALUES + nw.cl6;
    let cb = clusterAt[kb];
    let cn = clusterAt[kn];
    if (cb < 0) cb = clusterPair(m, kb);
    if (cn < 0) cn = clusterPair(m, kn);
    for (let l = 0; l < NL; l++) em[eo + l] += tw[cb + l] + tw[cn + l];
    // gazetteer codes of the token (× its capitalisation), the one before and the one after
    const g = gz[i];
    const gp = i > 0 ? gz[i - 1] : 0;
    const gn = i + 1 < n ? gz[i + 1] : 0;
    if ((g | gp | gn) !== 0) {
      for (let bit = 0; bit < GAZ_BITS; bit++) {
        const x = (g >>> (3 * bit)) & 7;
        if (x) addVec(em, eo, D.gazSelf, (bit * 40 + x * 8 + r.cap) * NL);
        const y = (gp >>> (3 * bit)) & 7;
        if (y) addVec(em, eo, D.gazPrev, (bit * 8 + y) * NL);
        const z = (gn >>> (3 * bit)) & 7;
        if (z) addVec(em, eo, D.gazNext, (bit * 8 + z) * NL);
      }
    }
  }
  const scale = m.scale;
  for (let k = 0; k < n * NL; k++) em[k] *= scale;
  return em;
}

const NEG = -1e30;

/** For each label c, how many labels may come before it: `PRED_AT[c + 1] - PRED_AT[c]`. */
const PRED_AT = new Int32Array(NL + 1);
for (let c = 0; c < NL; c++) {
  let k = 0;
  for (let p = 0; p < NL; p++) k += ALLOWED[p * NL + c];
  PRED_AT[c + 1] = PRED_AT[c] + k;
}

/** Viterbi's work arrays, grown to the longest sentence seen (tagging is synchronous). */
let vScore = new Float64Array(64 * NL);
let vBack = new Uint8Array(64 * NL);
/**
 * The labels after which a name may start or O follow (O, L-, U-), in label order: before O, B-
 * and U- only these are allowed, and before I- and L- only the B- and I- of the same type.
 */
const CLOSED = Uint8Array.from(LABELS.keys()).filter((p) => ALLOWED[p * NL] === 1);
const OPENERS = Uint8Array.from(LABELS.keys()).filter((c) => PRED_AT[c + 1] - PRED_AT[c] === CLOSED.length);
/** Transitions from each closed label into each opener: `[opener][closed]`. */
const vTrans = new Float64Array(OPENERS.length * CLOSED.length);
const vClosed = new Float64Array(CLOSED.length);

/**
 * Best label sequence under the transition constraints (first-order Viterbi). The same
 * comparisons in the same order as a loop over each label's allowed predecessors, written out
 * for the BILOU structure: 9 × 9 sums for O, B- and U-, 2 for each I- and L-.
 */
export function viterbi(em: Float32Array | Float64Array, n: number, trans: Float32Array | Float64Array): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (vScore.length < n * NL) {
    vScore = new Float64Array(2 * n * NL);
    vBack = new Uint8Array(2 * n * NL);
  }
  const score = vScore;
  const back = vBack;
  const nc = CLOSED.length;
  const no = OPENERS.length;
  for (let j = 0; j < no; j++) for (let k = 0; k < nc; k++) vTrans[j * nc + k] = trans[CLOSED[k] * NL + OPENERS[j]];
  for (let c = 0; c < NL; c++) score[c] = ALLOWED[NL * NL + c] ? em[c] + trans[NL * NL + c] : NEG;
  for (let i = 1; i < n; i++) {
    const po = (i - 1) * NL;
    const co = i * NL;
    for (let k = 0; k < nc; k++) vClosed[k] = score[po + CLOSED[k]];
    for (let j = 0; j < no; j++) {
      const c = OPENERS[j];
      let best = NEG;
      let arg = 0;
      for (let k = 0, t = j * nc; k < nc; k++, t++) {
        const s = vClosed[k] + vTrans[t];
        if (s > best) ((best = s), (arg = CLOSED[k]));
      }
      score[co + c] = best + em[co + c];
      back[co + c] = arg;
    }
    // I- and L- of each type: after its B- or I-
    for (let b = 1; b < NL; b += 4) {
      const sb = score[po + b];
      const si = score[po + b + 1];
      for (let c = b + 1; c <= b + 2; c++) {
        let best = NEG;
        let arg = 0;
        const s1 = sb + trans[b * NL + c];
        if (s1 > best) ((best = s1), (arg = b));
        const s2 = si + trans[(b + 1) * NL + c];
        if (s2 > best) ((best = s2), (arg = b + 1));
        score[co + c] = best + em[co + c];
        back[co + c] = arg;
      }
    }
  }
  let best = NEG;
  let arg = 0;
  const lo = (n - 1) * NL;
  for (let c = 0; c < NL; c++) if (FINAL[c] && score[lo + c] > best) ((best = score[lo + c]), (arg = c));
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * NL + out[i]];
  return out;
}

/** Tag a sentence: BILOU label indices (`doc`, `s`: its article's context and its index there). */
export function decode(m: Model, words: readonly string[], doc?: DocContext, s = 0): Uint8Array {
  const n = words.length;
  if (n === 0) return new Uint8Array(0);
  if (emBuffer.length < n * NL) emBuffer = new Float32Array(2 * n * NL);
  return viterbi(score(m, words, doc, s, emBuffer), n, m.trans);
}

/** The document context for a model's document features (undefined for a model without them). */
export function modelDocContext(m: Model, sentences: readonly (readonly string[])[]): DocContext | undefined {
  return m.docSlots ? docContext(m.featuriser, sentences) : undefined;
}

/** Each BILOU label's IOB2 tag (made once, not per token). */
const BIO: readonly string[] = LABELS.map((l) => (l === 'O' ? 'O' : (l[0] === 'B' || l[0] === 'U' ? 'B-' : 'I-') + l.slice(2)));

/** BILOU label indices to IOB2 tags. */
export function toBio(labels: Uint8Array): string[] {
  const out = new Array<string>(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = BIO[labels[i]];
  return out;
}

// --- file format -----------------------------------------------------------------------------

const MAGIC = 0x52454e44; // "DNER" little-endian

class Writer {
  private chunks: Buffer[] = [];
  private size = 0;
  push(b: ArrayBufferView): void {
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.chunks.push(Buffer.from(buf));
    this.size += buf.length;
    const pad = (4 - (this.size % 4)) % 4;
    if (pad) ((this.chunks.push(Buffer.alloc(pad)), (this.size += pad)));
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export interface SaveOptions {
  /** Bits per weight: 8 or 16. */
  readonly bits?: 8 | 16;
}

/** The model as a gzipped binary file. Features whose weights are all 0 are dropped. */
export function serialise(m: Pick<Model, 'keys' | 'q' | 'scale' | 'trans' | 'lexiconData' | 'meta' | 'docSlots'>, options: SaveOptions = {}): Buffer {
  const bits = options.bits ?? (m.q instanceof Int16Array ? 16 : 8);
  let src = m.q;
  let scale = m.scale;
  if ((bits === 16) !== (m.q instanceof Int16Array)) {
    const f = new Float32Array(m.q.length);
    for (let i = 0; i < f.length; i++) f[i] = m.q[i] * m.scale;
    ({ q: src, scale } = quantise(f, bits));
  }
  // sort rows by key, drop empty rows
  const order = Array.from(m.keys.keys()).sort((a, b) => m.keys[a] - m.keys[b]);
  const rows: number[] = [];
  for (const r of order) {
    let nz = false;
    for (let l = 0; l < NL && !nz; l++) if (src[r * NL + l] !== 0) nz = true;
    if (nz) rows.push(r);
  }
  const keys = Uint32Array.from(rows, (r) => m.keys[r]);
  const q = bits === 8 ? new Int8Array(rows.length * NL) : new Int16Array(rows.length * NL);
  // label-major so that gzip sees long runs of small numbers
  for (let j = 0; j < rows.length; j++) for (let l = 0; l < NL; l++) q[l * rows.length + j] = src[rows[j] * NL + l];
  const enc = new TextEncoder();
  const lex = m.lexiconData;
  const words = enc.encode(lex.words.join('\n'));
  const form = enc.encode(lex.form.join('\n'));
  const gazNames = enc.encode(lex.gazNames.join('\n'));
  const kv = varints(keys);
  const header = {
    version: 1,
    labels: LABELS,
    slots: SLOTS,
    docSlots: m.docSlots,
    bits,
    scale,
    nFeatures: keys.length,
    keyBytes: kv.length,
    nWords: lex.words.length,
    wordsBytes: words.length,
    formBytes: form.length,
    nGaz: lex.gazNames.length,
    gazBytes: gazNames.length,
    meta: m.meta,
  };
  const hb = enc.encode(JSON.stringify(header));
  const w = new Writer();
  w.push(Uint32Array.of(MAGIC, hb.length));
  w.push(hb);
  w.push(kv);
  w.push(q);
  w.push(Float32Array.from(m.trans));
  w.push(words);
  w.push(lex.cluster);
  w.push(lex.capBucket);
  w.push(form);
  w.push(gazNames);
  w.push(lex.gazMask);
  return gzipSync(w.bytes(), { level: 9 });
}

/** Read a model file's bytes. */
export function deserialise(gz: Uint8Array, name = 'model'): Model {
  const { header, take } = readSections<{
    version: number; labels: string[]; slots: number; docSlots?: number; bits: 8 | 16; scale: number; nFeatures: number; keyBytes: number;
    nWords: number; wordsBytes: number; formBytes: number; nGaz: number; gazBytes: number; meta: Record<string, unknown>;
  }>(gz, MAGIC, 'NER model', name);
  const dec = new TextDecoder();
  const docSlots = header.docSlots ?? 0;
  if (header.version !== 1 || header.slots !== SLOTS || (docSlots !== 0 && docSlots !== DOC_SLOTS) || header.labels.join() !== LABELS.join()) {
    throw new DossierError('E_MODEL', `${name} was made by another version of dossier (format ${header.version}, ${header.slots} feature slots).`);
  }
  const n = header.nFeatures;
  const keys = unvarints(take(header.keyBytes), n);
  const qb = take(n * NL * (header.bits / 8));
  const q = header.bits === 8 ? new Int8Array(qb.buffer, qb.byteOffset, n * NL) : new Int16Array(qb.slice().buffer, 0, n * NL);
  // (label by label in the file: the table reads them so)
  const tb = take((NL + 1) * NL * 4);
  const trans = new Float32Array(tb.slice().buffer);
  const words = header.nWords ? dec.decode(take(header.wordsBytes)).split('\n') : (take(header.wordsBytes), []);
  const cluster = new Uint32Array(take(header.nWords * 4).slice().buffer);
  const capBucket = take(header.nWords).slice();
  const form = header.nWords ? dec.decode(take(header.formBytes)).split('\n') : (take(header.formBytes), []);
  const gazNames = header.nGaz ? dec.decode(take(header.gazBytes)).split('\n') : (take(header.gazBytes), []);
  const gazMask = take(header.nGaz).slice();
  return makeModel(keys, { q, scale: header.scale, byLabel: true }, trans, { words, cluster, capBucket, form, gazNames, gazMask }, header.meta, docSlots, true);
}
