/**
 * Feature extraction for the NER tagger, as 32-bit hashes.
 *
 * Each distinct word gets its attributes once (word, lower case, shapes, prefixes, suffixes,
 * cluster prefixes, capitalisation ratio), each hashed to a number; the word's row is cached.
 * A token's features are then these numbers mixed with a template seed, and the context,
 * conjunction and gazetteer features are made by mixing numbers, with no string building in the
 * per-token loop. Every token has {@link SLOTS} feature slots; 0 marks an empty slot.
 */
import { caseMode, GAZ_BITS, truecase, type CaseMode, type Lexicon } from './lexicon.js';

// --- hashing ---------------------------------------------------------------------------------

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

const seed = (t: number): number => Math.imul(t + 0x3d, 0x9e3779b1) >>> 0;
const key1 = (t: number, a: number): number => fmix((a + seed(t)) >>> 0);
const key2 = (t: number, a: number, b: number): number => fmix((Math.imul(a, 0x27d4eb2d) ^ b ^ seed(t)) >>> 0);
const key3 = (t: number, a: number, b: number, c: number): number => fmix((Math.imul(Math.imul(a, 0x27d4eb2d) ^ b, 0x165667b1) ^ c ^ seed(t)) >>> 0);

// --- word attributes -------------------------------------------------------------------------

/** Attribute indices within a word's row. */
const A = { W: 0, LOW: 1, SHAPE: 2, SSHAPE: 3, P1: 4, P2: 5, P3: 6, P4: 7, S1: 8, S2: 9, S3: 10, S4: 11, S5: 12, CL4: 13, CL6: 14, CL10: 15, CLF: 16, CAPB: 17 } as const;
const NATTR = 18;

/** What the tagger knows of one distinct word. */
interface WordInfo {
  readonly a: Uint32Array;
  readonly low: string;
  /** 0 no letters or lower case, 1 initial capital, 2 all capitals, 3 mixed (iPhone). */
  readonly cap: number;
}

function shapes(w: string): [string, string] {
  let long = '';
  let short = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let m: string;
    if (c >= 65 && c <= 90) m = 'X';
    else if (c >= 97 && c <= 122) m = 'x';
    else if (c >= 48 && c <= 57) m = 'd';
    else if (c > 127) {
      const ch = w[i];
      m = ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    } else m = w[i];
    if (m === last) run++;
    else ((run = 1), (last = m), (short += m));
    if (run <= 4) long += m;
  }
  return [long, short];
}

function capClass(w: string): number {
  const first = w[0];
  const up = first !== first.toLowerCase();
  if (!up) return w !== w.toLowerCase() ? 3 : 0;
  if (w.length > 1 && w === w.toUpperCase()) return 2;
  return 1;
}

function clusterPrefix(code: number, bits: number): number {
  if (code === 0) return 0;
  const len = 31 - Math.clz32(code);
  return len <= bits ? code : code >>> (len - bits);
}

function wordInfo(lex: Lexicon, w: string): WordInfo {
  const a = new Uint32Array(NATTR);
  const low = w.toLowerCase();
  const [shape, sshape] = shapes(w);
  a[A.W] = fmix(fnv1a(w) ^ seed(100));
  a[A.LOW] = fmix(fnv1a(low) ^ seed(101));
  a[A.SHAPE] = fmix(fnv1a(shape) ^ seed(102));
  a[A.SSHAPE] = fmix(fnv1a(sshape) ^ seed(103));
  for (let k = 1; k <= 4; k++) a[A.P1 + k - 1] = fmix(fnv1a(low.slice(0, k)) ^ seed(110 + k));
  for (let k = 1; k <= 5; k++) a[A.S1 + k - 1] = fmix(fnv1a(low.length > k ? low.slice(-k) : '^' + low) ^ seed(120 + k));
  const idx = lex.vocab.get(low);
  const code = idx === undefined ? 0 : lex.cluster[idx];
  a[A.CL4] = fmix(clusterPrefix(code, 4) ^ seed(130));
  a[A.CL6] = fmix(clusterPrefix(code, 7) ^ seed(131));
  a[A.CL10] = fmix(clusterPrefix(code, 10) ^ seed(132));
  a[A.CLF] = fmix(code ^ seed(133));
  const cb = idx === undefined ? 5 : lex.capBucket[idx];
  a[A.CAPB] = fmix((cb * 4 + capClass(w)) ^ seed(134));
  return { a, low, cap: capClass(w) };
}

const PAD_BOS = 'ˆBOSˆ';
const PAD_EOS = 'ˆEOSˆ';

// --- templates --------------------------------------------------------------------------------

/** Feature slots per token. */
export const SLOTS = 1 + NATTR + 12 + 6 + 7 + 4 + 3 * GAZ_BITS;

/** Caches word rows; one per model, bounded in size. */
export interface Featuriser {
  readonly lex: Lexicon;
  readonly cache: Map<string, WordInfo>;
}

export function createFeaturiser(lex: Lexicon): Featuriser {
  return { lex, cache: new Map() };
}

function info(f: Featuriser, w: string): WordInfo {
  let r = f.cache.get(w);
  if (r === undefined) {
    if (f.cache.size > 200_000) f.cache.clear();
    r = wordInfo(f.lex, w);
    f.cache.set(w, r);
  }
  return r;
}

/**
 * Gazetteer codes per token: for each class bit, 0 none, 1 a one-word match, 2 first, 3 inside,
 * 4 last word of a longer match (the longest match wins). Packed 3 bits per class.
 */
function gazetteer(lex: Lexicon, lows: readonly string[]): Uint32Array {
  const n = lows.length;
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const one = lex.gaz.get(lows[i]);
    if (one !== undefined) for (let b = 0; b < GAZ_BITS; b++) if (one & (1 << b) && ((codes[i] >>> (3 * b)) & 7) === 0) codes[i] |= 1 << (3 * b);
    if (!lex.gazFirst.has(lows[i])) continue;
    let name = lows[i];
    for (let j = i + 1; j < n && j - i < lex.gazMax; j++) {
      name += ' ' + lows[j];
      const m = lex.gaz.get(name);
      if (m === undefined) continue;
      for (let b = 0; b < GAZ_BITS; b++) {
        if (!(m & (1 << b))) continue;
        for (let k = i; k <= j; k++) {
          const code = k === i ? 2 : k === j ? 4 : 3;
          codes[k] = (codes[k] & ~(7 << (3 * b))) | (code << (3 * b));
        }
      }
    }
  }
  return codes;
}

/**
 * The feature keys of a sentence: `SLOTS` numbers per token, 0 for an empty slot. Sentences
 * in all capitals or all lower case are truecased first (see lexicon.ts).
 */
export function featurise(f: Featuriser, words: readonly string[]): Uint32Array {
  const n = words.length;
  const out = new Uint32Array(n * SLOTS);
  if (n === 0) return out;
  const mode: CaseMode = caseMode(words);
  const ws = mode === 0 ? words : truecase(f.lex, words, mode);
  const infos = new Array<WordInfo>(n + 4);
  infos[0] = infos[1] = info(f, PAD_BOS);
  infos[n + 2] = infos[n + 3] = info(f, PAD_EOS);
  const lows = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = info(f, ws[i]);
    infos[i + 2] = r;
    lows[i] = r.low;
  }
  const gz = gazetteer(f.lex, lows);
  for (let i = 0; i < n; i++) {
    let o = i * SLOTS;
    const p2 = infos[i].a;
    const p1 = infos[i + 1].a;
    const c = infos[i + 2].a;
    const n1 = infos[i + 3].a;
    const n2 = infos[i + 4].a;
    out[o++] = key1(0, 0);
    for (let k = 0; k < NATTR; k++) out[o++] = c[k];
    // window ±1
    out[o++] = key1(1, p1[A.W]);
    out[o++] = key1(2, p1[A.LOW]);
    out[o++] = key1(3, p1[A.SSHAPE]);
    out[o++] = key1(4, p1[A.CL6]);
    out[o++] = key1(5, p1[A.CLF]);
    out[o++] = key1(6, p1[A.S3]);
    out[o++] = key1(7, n1[A.W]);
    out[o++] = key1(8, n1[A.LOW]);
    out[o++] = key1(9, n1[A.SSHAPE]);
    out[o++] = key1(10, n1[A.CL6]);
    out[o++] = key1(11, n1[A.CLF]);
    out[o++] = key1(12, n1[A.S3]);
    // window ±2
    out[o++] = key1(13, p2[A.LOW]);
    out[o++] = key1(14, p2[A.SSHAPE]);
    out[o++] = key1(15, p2[A.CL6]);
    out[o++] = key1(16, n2[A.LOW]);
    out[o++] = key1(17, n2[A.SSHAPE]);
    out[o++] = key1(18, n2[A.CL6]);
    // conjunctions
    out[o++] = key2(19, p1[A.LOW], c[A.LOW]);
    out[o++] = key2(20, c[A.LOW], n1[A.LOW]);
    out[o++] = key3(21, p1[A.SSHAPE], c[A.SSHAPE], n1[A.SSHAPE]);
    out[o++] = key2(22, p1[A.LOW], c[A.SSHAPE]);
    out[o++] = key2(23, c[A.SSHAPE], n1[A.LOW]);
    out[o++] = key2(24, p1[A.CL6], c[A.CL6]);
    out[o++] = key2(25, c[A.CL6], n1[A.CL6]);
    // sentence position and casing mode
    const first = i === 0 ? 1 : 0;
    out[o++] = key2(26 + first, c[A.SSHAPE], 0);
    out[o++] = key2(28 + first, c[A.CAPB], 0);
    out[o++] = key2(30, c[A.SSHAPE], mode);
    out[o++] = key2(31, c[A.CAPB], mode);
    // gazetteer: this token (with its capitalisation), the previous and the next
    const g = gz[i];
    const gp = i > 0 ? gz[i - 1] : 0;
    const gn = i + 1 < n ? gz[i + 1] : 0;
    const cap = infos[i + 2].cap;
    for (let b = 0; b < GAZ_BITS; b++) {
      const x = (g >>> (3 * b)) & 7;
      out[o++] = x ? key1(40 + b, x * 8 + cap) : 0;
      const y = (gp >>> (3 * b)) & 7;
      out[o++] = y ? key1(50 + b, y) : 0;
      const z = (gn >>> (3 * b)) & 7;
      out[o++] = z ? key1(60 + b, z) : 0;
    }
  }
  return out;
}
