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
import { gunzipSync, gzipSync } from 'node:zlib';
import { DossierError } from '../errors.js';
import { buildTable } from '../ner/model.js';
import type { CueLexicon } from './lexicon.js';
import { LEARNED_CUE_WORDS } from './rules/learned-cues.js';
import { CUE_PREFIX, DETERMINERS, NOUN_CUES, PREPOSITIONS, PRONOUNS } from './rules/cues.js';

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

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}
const tseed = (t: number): number => Math.imul(t + 0x51, 0x9e3779b1) >>> 0;
const k1 = (t: number, a: number): number => fmix((a + tseed(t)) >>> 0);
const k2 = (t: number, a: number, b: number): number => fmix((Math.imul(a, 0x27d4eb2d) ^ b ^ tseed(t)) >>> 0);
const k3 = (t: number, a: number, b: number, c: number): number => fmix((Math.imul(Math.imul(a, 0x27d4eb2d) ^ b, 0x165667b1) ^ c ^ tseed(t)) >>> 0);

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

const CLASS_CODE: Readonly<Record<string, number>> = { say: 1, tell: 2, belief: 3, learned: 4 };

interface Word {
  readonly low: number;
  readonly suf2: number;
  readonly suf3: number;
  readonly shape: number;
  /** Cue class code × 8 + strength (0 when no sign of a cue). */
  readonly cls: number;
  /** A word that may head a cue (for the nearest-cue features). */
  readonly cueLike: boolean;
}

function shape(w: string): string {
  let s = '';
  let last = '';
  for (let i = 0; i < w.length && s.length < 6; i++) {
    const c = w[i];
    const m = /\p{Lu}/u.test(c) ? 'X' : /\p{Ll}/u.test(c) ? 'x' : /\p{N}/u.test(c) ? 'd' : c;
    if (m !== last) s += m;
    last = m;
  }
  return s;
}

/** Per-lexicon cache of word attributes. */
const wordCaches = new WeakMap<CueLexicon, Map<string, Word>>();

function wordOf(lex: CueLexicon, cache: Map<string, Word>, t: TagToken): Word {
  let w = cache.get(t.text);
  if (w) return w;
  const low = t.lower;
  const strength = CUE_STRENGTH.get(low) ?? 0;
  const code = CLASS_CODE[lex.heads.get(low) ?? ''] ?? (NOUN_CUES.has(low) ? 5 : 0);
  w = {
    low: fnv1a(low),
    suf2: fnv1a('2' + low.slice(-2)),
    suf3: fnv1a('3' + low.slice(-3)),
    shape: fnv1a(shape(t.text)),
    cls: code * 8 + strength,
    cueLike: (code > 0 && code < 5) || strength >= 2,
  };
  if (cache.size > 200_000) cache.clear();
  cache.set(t.text, w);
  return w;
}

/** Feature slots per token. */
export const SLOTS = 34;

const bucket = (d: number): number => (d <= 0 ? 0 : d <= 1 ? 1 : d <= 2 ? 2 : d <= 3 ? 3 : d <= 5 ? 4 : d <= 8 ? 5 : d <= 13 ? 6 : d <= 25 ? 7 : 8);
const PAD: Word = { low: 0x9e37, suf2: 1, suf3: 2, shape: 3, cls: 0, cueLike: false };

/**
 * Feature keys of the tokens of one sentence, `SLOTS` per token (0 = empty slot).
 * @example featurise(lex, toks, 0, toks.length)
 */
export function featurise(lex: CueLexicon, toks: readonly TagToken[], a: number, b: number): Uint32Array {
  let cache = wordCaches.get(lex);
  if (!cache) wordCaches.set(lex, (cache = new Map()));
  const n = b - a;
  const W: Word[] = new Array(n);
  for (let i = 0; i < n; i++) W[i] = wordOf(lex, cache, toks[a + i]);
  const at = (i: number): Word => (i >= 0 && i < n ? W[i] : PAD);
  const qAt = (i: number): number => (i >= 0 && i < n ? (toks[a + i].q >= 0 ? 1 : 0) : 2);
  const isMark = (t: TagToken): boolean => /^["\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019]$/u.test(t.text) || t.text === "''";
  // Nearest cue-like word on each side, and whether "that" or ":" lies between.
  const leftCue = new Int32Array(n).fill(-1);
  const rightCue = new Int32Array(n).fill(-1);
  const thatLeft = new Uint8Array(n);
  const colonLeft = new Uint8Array(n);
  const commaLeft = new Uint8Array(n);
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
  const out = new Uint32Array(n * SLOTS);
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
    out[o + 15] = k2(15, i === 0 ? 0 : i === n - 1 ? 1 : 2, bucket(i));
    out[o + 16] = k2(16, ld, lw.cls);
    out[o + 17] = k2(17, rd, rw.cls);
    out[o + 18] = k2(18, ld > 3 ? 4 : ld, lw.low);
    out[o + 19] = k2(19, rd > 3 ? 4 : rd, rw.low);
    out[o + 20] = k3(20, thatLeft[i], colonLeft[i], ld > 3 ? 4 : ld);
    out[o + 21] = k3(21, colonLeft[i], qAt(i), commaLeft[i]);
    out[o + 22] = k2(22, (t.upper ? 1 : 0) | (i > 0 && toks[a + i - 1].upper ? 2 : 0) | (i + 1 < n && toks[a + i + 1].upper ? 4 : 0), qAt(i));
    out[o + 23] = k2(23, w.low, qAt(i));
    out[o + 24] = k1(24, p1.suf3);
    out[o + 25] = k1(25, n1.suf3);
    out[o + 26] = k2(26, qb, qAt(i));
    out[o + 27] = k2(27, p1.shape, n1.shape);
    out[o + 28] = k2(28, w.low, ld > 3 ? 4 : ld);
    out[o + 29] = k2(29, w.low, rd > 3 ? 4 : rd);
    out[o + 30] = k3(30, ld, rd, qAt(i));
    out[o + 31] = k2(31, p1.cls, w.cls);
    out[o + 32] = k3(32, rd > 3 ? 4 : rd, rw.cls, w.shape);
    out[o + 33] = k2(33, p1.low, n1.low);
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
  /** Open-addressing table: slot -> feature row + 1 (0 empty). */
  readonly table: Int32Array;
}

export function makeTagger(keys: Uint32Array, weights: Float32Array, trans: Float32Array, meta: Record<string, unknown>): TaggerModel {
  return { keys, weights, trans, meta, table: buildTable(keys) };
}

/** Emission scores `n × L` of featurised tokens. */
export function emissions(m: TaggerModel, feats: Uint32Array, n: number): Float32Array {
  const em = new Float32Array(n * L);
  const { table, keys, weights } = m;
  const mask = table.length - 1;
  for (let i = 0; i < n; i++) {
    const eo = i * L;
    for (let s = 0; s < SLOTS; s++) {
      const k = feats[i * SLOTS + s];
      if (k === 0) continue;
      let h = k & mask;
      let r = table[h];
      while (r !== 0 && keys[r - 1] !== k) {
        h = (h + 1) & mask;
        r = table[h];
      }
      if (r === 0) continue;
      const wo = (r - 1) * L;
      for (let l = 0; l < L; l++) em[eo + l] += weights[wo + l];
    }
  }
  return em;
}

const NEG = -1e30;

/** Best label sequence under the BIO constraints. */
export function viterbi(em: Float32Array | Float64Array, n: number, trans: Float32Array | Float64Array): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let c = 0; c < L; c++) score[c] = ALLOWED[L * L + c] ? em[c] + trans[L * L + c] : NEG;
  for (let i = 1; i < n; i++) {
    const po = (i - 1) * L;
    const co = i * L;
    for (let c = 0; c < L; c++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!ALLOWED[p * L + c]) continue;
        const s = score[po + p] + trans[p * L + c];
        if (s > best) ((best = s), (arg = p));
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

/** Tag the tokens [a, b) of one sentence: label indices into {@link TAGS}. */
export function tagSentence(m: TaggerModel, lex: CueLexicon, toks: readonly TagToken[], a: number, b: number): Uint8Array {
  const n = b - a;
  if (n <= 0) return new Uint8Array(0);
  return viterbi(emissions(m, featurise(lex, toks, a, b), n), n, m.trans);
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
const FORMAT = 1;

function pad4(chunks: Buffer[], b: ArrayBufferView): void {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  chunks.push(Buffer.from(buf));
  const size = chunks.reduce((s, c) => s + c.length, 0);
  const pad = (4 - (size % 4)) % 4;
  if (pad) chunks.push(Buffer.alloc(pad));
}

function varints(keys: Uint32Array): Uint8Array {
  const out = new Uint8Array(keys.length * 5);
  let o = 0;
  let prev = 0;
  for (let i = 0; i < keys.length; i++) {
    let d = keys[i] - prev;
    prev = keys[i];
    while (d >= 0x80) {
      out[o++] = (d & 0x7f) | 0x80;
      d = Math.floor(d / 128);
    }
    out[o++] = d;
  }
  return out.subarray(0, o);
}

function unvarints(b: Uint8Array, n: number): Uint32Array {
  const keys = new Uint32Array(n);
  let o = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    let mul = 1;
    for (;;) {
      const x = b[o++];
      d += (x & 0x7f) * mul;
      if (x < 0x80) break;
      mul *= 128;
    }
    prev += d;
    keys[i] = prev;
  }
  return keys;
}

/**
 * The tagger as a gzipped binary file (int8 weights). Features whose weights all quantise to 0
 * are dropped.
 * @example writeFileSync('models/attribution.bin', serialiseTagger(model))
 */
export function serialiseTagger(m: Pick<TaggerModel, 'keys' | 'weights' | 'trans' | 'meta'>): Buffer {
  let maxAbs = 0;
  for (let i = 0; i < m.weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(m.weights[i]));
  const scale = maxAbs / 127 || 1;
  const order = Array.from(m.keys.keys()).sort((x, y) => m.keys[x] - m.keys[y]);
  const rows: number[] = [];
  for (const r of order) {
    let nz = false;
    for (let l = 0; l < L && !nz; l++) if (Math.round(m.weights[r * L + l] / scale) !== 0) nz = true;
    if (nz) rows.push(r);
  }
  const keys = Uint32Array.from(rows, (r) => m.keys[r]);
  const q = new Int8Array(rows.length * L);
  for (let j = 0; j < rows.length; j++) for (let l = 0; l < L; l++) q[l * rows.length + j] = Math.round(m.weights[rows[j] * L + l] / scale);
  const kv = varints(keys);
  const enc = new TextEncoder();
  const header = { version: FORMAT, tags: TAGS, slots: SLOTS, scale, nFeatures: keys.length, keyBytes: kv.length, meta: m.meta };
  const hb = enc.encode(JSON.stringify(header));
  const chunks: Buffer[] = [];
  pad4(chunks, Uint32Array.of(MAGIC, hb.length));
  pad4(chunks, hb);
  pad4(chunks, kv);
  pad4(chunks, q);
  pad4(chunks, Float32Array.from(m.trans));
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}

/** Read a tagger file's bytes. */
export function deserialiseTagger(gz: Uint8Array, name = 'model'): TaggerModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(gz);
  } catch (error) {
    throw new DossierError('E_MODEL', `${name} is not a dossier attribution model (not gzip data).`, { cause: error });
  }
  if (raw.length < 8 || raw.readUInt32LE(0) !== MAGIC) throw new DossierError('E_MODEL', `${name} is not a dossier attribution model (bad magic number).`);
  const hlen = raw.readUInt32LE(4);
  const header = JSON.parse(new TextDecoder().decode(raw.subarray(8, 8 + hlen))) as {
    version: number; tags: string[]; slots: number; scale: number; nFeatures: number; keyBytes: number; meta: Record<string, unknown>;
  };
  if (header.version !== FORMAT || header.slots !== SLOTS || header.tags.join() !== TAGS.join()) {
    throw new DossierError('E_MODEL', `${name} was made by another version of dossier (format ${header.version}, ${header.slots} feature slots).`);
  }
  let o = 8 + hlen + ((4 - (hlen % 4)) % 4);
  const take = (len: number): Uint8Array => {
    const b = new Uint8Array(raw.buffer, raw.byteOffset + o, len);
    o += len + ((4 - (len % 4)) % 4);
    return b;
  };
  const n = header.nFeatures;
  const keys = unvarints(take(header.keyBytes), n);
  const qb = take(n * L);
  const q = new Int8Array(qb.buffer, qb.byteOffset, n * L);
  const weights = new Float32Array(n * L);
  for (let l = 0; l < L; l++) for (let j = 0; j < n; j++) weights[j * L + l] = q[l * n + j] * header.scale;
  const trans = new Float32Array(take((L + 1) * L * 4).slice().buffer);
  return makeTagger(keys, weights, trans, header.meta);
}
