/**
 * Feature extraction for the NER tagger, as 32-bit hashes.
 *
 * Each distinct word gets its attributes once (word, lower case, shapes, prefixes, suffixes,
 * cluster prefixes, capitalisation ratio), each hashed to a number; the word's row is cached.
 * A token's features are then these numbers mixed with a template seed, and the context,
 * conjunction and gazetteer features are made by mixing numbers, with no string building in the
 * per-token loop. Every token has {@link SLOTS} feature slots; 0 marks an empty slot.
 */
import { fmix, fnv1a, keyMakers } from '../util/hash.js';
import { caseMode, GAZ_BITS, truecase, type CaseMode, type Lexicon } from './lexicon.js';

// --- hashing ---------------------------------------------------------------------------------

const seed = (t: number): number => Math.imul(t + 0x3d, 0x9e3779b1) >>> 0;
const { key1, key2, key3 } = keyMakers(0x3d);

// --- word attributes -------------------------------------------------------------------------

/** Attribute indices within a word's row. */
export const A = { W: 0, LOW: 1, SHAPE: 2, SSHAPE: 3, P1: 4, P2: 5, P3: 6, P4: 7, S1: 8, S2: 9, S3: 10, S4: 11, S5: 12, CL4: 13, CL6: 14, CL10: 15, CLF: 16, CAPB: 17 } as const;
const NATTR = 18;

/** What the tagger knows of one distinct word, with its feature keys in each window position. */
export interface WordInfo {
  readonly a: Uint32Array;
  readonly low: string;
  /** `a[A.LOW]` as a signed 32-bit integer, on the row itself (the document context reads it for every token). */
  readonly lowKey: number;
  /** 0 no letters or lower case, 1 initial capital, 2 all capitals, 3 mixed (iPhone). */
  readonly cap: number;
  /** The word's 7-bit cluster prefix (0 to {@link CLUSTER_VALUES} − 1), which `a[A.CL6]` hashes: the tagger's index into dense tables. */
  readonly cl6: number;
  /** Gazetteer classes of the word on its own; whether it starts a longer gazetteer entry. */
  readonly gazMask: number;
  readonly gazFirst: boolean;
  /** Keys of the word's own features (bias included), and as the word before, after, two before, two after. */
  readonly self: Uint32Array;
  readonly prev1: Uint32Array;
  readonly next1: Uint32Array;
  readonly prev2: Uint32Array;
  readonly next2: Uint32Array;
  /** Scores of those key groups, filled by the model on first use (inference only). */
  vec?: Float32Array;
  /** Scores of the word's position keys, per (first word or not) × casing mode, filled on first use. */
  pos?: (Float32Array | undefined)[];
  /** Whether the word has a letter (only such words take part in the document context). */
  readonly letter: boolean;
  /** Whether the word is sentence punctuation (a capital after it is no evidence of a name). */
  readonly punct: boolean;
  /**
   * Scores of the word's document keys, filled by the model on first use: as the word before and
   * after another use of a word, and its cluster × the four capitalisation-evidence values.
   */
  dvec?: Float32Array;
  /** Whether the word may be the second word of a gazetteer name (no name goes on from its first word to a word that is not). */
  readonly gazSecond: boolean;
  /**
   * The word's group in the document context being built ({@link docContext}'s memo, so that a
   * word repeated in an article looks its lower-cased form up once): the context's stamp, and the group.
   */
  docStamp: number;
  docGroup: number;
}

const FNV_BASIS = 0x811c9dc5;
const fnvStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/**
 * The FNV-1a hashes ({@link fnv1a}) of a word's shape ("Xxxxx" for "Lavrov", runs cut at four)
 * and short shape ("Xx"), computed as the shapes are read, without building their strings.
 */
function shapeHashes(w: string, out: Uint32Array): void {
  let long = FNV_BASIS;
  let short = FNV_BASIS;
  let last = -1;
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let m: number;
    if (c >= 65 && c <= 90) m = 88; // X
    else if (c >= 97 && c <= 122) m = 120; // x
    else if (c >= 48 && c <= 57) m = 100; // d
    else if (c > 127) {
      const ch = w[i];
      m = ch !== ch.toLowerCase() ? 88 : ch !== ch.toUpperCase() ? 120 : c;
    } else m = c;
    if (m === last) run++;
    else ((run = 1), (last = m), (short = fnvStep(short, m)));
    if (run <= 4) long = fnvStep(long, m);
  }
  out[A.SHAPE] = fmix((long >>> 0) ^ seed(102));
  out[A.SSHAPE] = fmix((short >>> 0) ^ seed(103));
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

/** How many values a 7-bit cluster prefix takes (`clusterPrefix(code, 7)` keeps the leading 1: under 2^8). */
export const CLUSTER_VALUES = 256;

/** The CL6 attribute of a word (`a[A.CL6]`) from its 7-bit cluster prefix. */
const cl6Attribute = (prefix: number): number => fmix(prefix ^ seed(131));

/**
 * Small typed arrays carved out of shared blocks of 64 kB: each a view, with no buffer of its own
 * (tens of thousands of small buffers are slow to make and to collect). New blocks are zeroed, and
 * no part of a block is handed out twice; a block lives as long as one of its views.
 */
const BLOCK_BYTES = 1 << 16;
let u32Block = new Uint32Array(0);
let u32At = 0;
let f32Block = new Float32Array(0);
let f32At = 0;

/** A zeroed Uint32Array of `n` (a view into a shared block). */
export function newU32(n: number): Uint32Array {
  if (u32At + n > u32Block.length) ((u32Block = new Uint32Array(Math.max(BLOCK_BYTES / 4, n))), (u32At = 0));
  return u32Block.subarray(u32At, (u32At += n));
}

/** A zeroed Float32Array of `n` (a view into a shared block). */
export function newF32(n: number): Float32Array {
  if (f32At + n > f32Block.length) ((f32Block = new Float32Array(Math.max(BLOCK_BYTES / 4, n))), (f32At = 0));
  return f32Block.subarray(f32At, (f32At += n));
}

/** Uint32 words of a row's keys: its own (bias and attributes), as the word before, after, two before, two after. */
const ROW_WORDS = 1 + NATTR + 6 + 6 + 3 + 3;

function wordInfo(lex: Lexicon, w: string): WordInfo {
  // One buffer for the row's keys, the arrays below views of it (one allocation, not six).
  const keys = newU32(ROW_WORDS);
  const self = keys.subarray(0, 1 + NATTR);
  const a = keys.subarray(1, 1 + NATTR);
  const low = w.toLowerCase();
  shapeHashes(w, a);
  a[A.W] = fmix(fnv1a(w) ^ seed(100));
  a[A.LOW] = fmix(fnv1a(low) ^ seed(101));
  // Prefixes and suffixes hashed in place (FNV-1a of low.slice(0, k), of low.slice(-k) or '^' + low).
  let h = FNV_BASIS;
  for (let k = 1; k <= 4; k++) {
    if (k <= low.length) h = fnvStep(h, low.charCodeAt(k - 1));
    a[A.P1 + k - 1] = fmix((h >>> 0) ^ seed(110 + k));
  }
  for (let k = 1; k <= 5; k++) {
    let from = low.length - k;
    h = FNV_BASIS;
    if (from <= 0) ((from = 0), (h = fnvStep(h, 94))); // '^'
    for (let j = from; j < low.length; j++) h = fnvStep(h, low.charCodeAt(j));
    a[A.S1 + k - 1] = fmix((h >>> 0) ^ seed(120 + k));
  }
  const idx = lex.vocab.get(low);
  const code = idx === undefined ? 0 : lex.cluster[idx];
  a[A.CL4] = fmix(clusterPrefix(code, 4) ^ seed(130));
  const cl6 = clusterPrefix(code, 7);
  a[A.CL6] = cl6Attribute(cl6);
  a[A.CL10] = fmix(clusterPrefix(code, 10) ^ seed(132));
  a[A.CLF] = fmix(code ^ seed(133));
  const cb = idx === undefined ? 5 : lex.capBucket[idx];
  const cap = capClass(w);
  a[A.CAPB] = fmix((cb * 4 + cap) ^ seed(134));
  self[0] = key1(0, 0);
  let o = 1 + NATTR;
  const prev1 = keys.subarray(o, (o += 6));
  prev1[0] = key1(1, a[A.W]);
  prev1[1] = key1(2, a[A.LOW]);
  prev1[2] = key1(3, a[A.SSHAPE]);
  prev1[3] = key1(4, a[A.CL6]);
  prev1[4] = key1(5, a[A.CLF]);
  prev1[5] = key1(6, a[A.S3]);
  const next1 = keys.subarray(o, (o += 6));
  next1[0] = key1(7, a[A.W]);
  next1[1] = key1(8, a[A.LOW]);
  next1[2] = key1(9, a[A.SSHAPE]);
  next1[3] = key1(10, a[A.CL6]);
  next1[4] = key1(11, a[A.CLF]);
  next1[5] = key1(12, a[A.S3]);
  const prev2 = keys.subarray(o, (o += 3));
  prev2[0] = key1(13, a[A.LOW]);
  prev2[1] = key1(14, a[A.SSHAPE]);
  prev2[2] = key1(15, a[A.CL6]);
  const next2 = keys.subarray(o, (o += 3));
  next2[0] = key1(16, a[A.LOW]);
  next2[1] = key1(17, a[A.SSHAPE]);
  next2[2] = key1(18, a[A.CL6]);
  const g = lex.gaz.get(low);
  // The caches filled later are set here (undefined), so that every row has one shape for the JIT.
  return {
    a, low, lowKey: a[A.LOW] | 0, cap, cl6, gazMask: g ?? 0, gazFirst: lex.gazFirst.has(low), self, prev1, next1, prev2, next2, letter: LETTER.test(low), punct: SENT_PUNCT.test(w),
    vec: undefined, pos: undefined, dvec: undefined, gazSecond: low.includes(' ') || lex.gazSecond.has(low), docStamp: 0, docGroup: -1,
  };
}

/** A copy of a Float32Array in the current block. */
function copyF32(v: Float32Array): Float32Array {
  const out = newF32(v.length);
  out.set(v);
  return out;
}

/**
 * A row carried into the cache's next generation: the same row, its keys and scores copied into
 * the current blocks, so that the blocks of a generation are freed with it (a common word carried
 * on and on would otherwise keep every block it was first made in).
 */
function carried(r: WordInfo): WordInfo {
  const keys = newU32(ROW_WORDS);
  let o = 1 + NATTR;
  keys.set(r.self, 0);
  keys.set(r.prev1, o);
  keys.set(r.next1, o + 6);
  keys.set(r.prev2, o + 12);
  keys.set(r.next2, o + 15);
  return {
    a: keys.subarray(1, 1 + NATTR), low: r.low, lowKey: r.lowKey, cap: r.cap, cl6: r.cl6, gazMask: r.gazMask, gazFirst: r.gazFirst, self: keys.subarray(0, 1 + NATTR),
    prev1: keys.subarray(o, (o += 6)), next1: keys.subarray(o, (o += 6)), prev2: keys.subarray(o, (o += 3)), next2: keys.subarray(o, (o += 3)),
    letter: r.letter, punct: r.punct,
    vec: r.vec && copyF32(r.vec), pos: r.pos?.map((v) => v && copyF32(v)), dvec: r.dvec && copyF32(r.dvec), gazSecond: r.gazSecond,
    docStamp: 0, docGroup: -1,
  };
}

const LETTER = /\p{L}/u;
const SENT_PUNCT = /^[.!?"'`:;]+$/;
const PAD_BOS = 'ˆBOSˆ';
const PAD_EOS = 'ˆEOSˆ';

// --- templates --------------------------------------------------------------------------------

/** Keys that depend on one word only (cached per word): self, ±1, ±2. */
export const WORD_SLOTS = 1 + NATTR + 6 + 6 + 3 + 3;
/** Keys that depend on the sentence: conjunctions, position, casing mode, gazetteer. */
export const TOKEN_SLOTS = 7 + 4 + 3 * GAZ_BITS;
/** Feature slots per token. */
export const SLOTS = WORD_SLOTS + TOKEN_SLOTS;

/**
 * Caches word rows; one per model, bounded in size: the words met lately (`cache`) and, before
 * them, the generation of words that filled it last (`old`).
 */
export interface Featuriser {
  readonly lex: Lexicon;
  cache: Map<string, WordInfo>;
  old: Map<string, WordInfo>;
}

/**
 * Words a generation of the cache holds. A row is about 2 kB with its scores, so the cache stays
 * under some 70 MB in a long-running ingest; a word used again in the generation after the one
 * it was met in is carried over ({@link carried}), so that common words are not made again when
 * the cache turns.
 */
const GENERATION = 16_000;

export function createFeaturiser(lex: Lexicon): Featuriser {
  return { lex, cache: new Map(), old: new Map() };
}

export function info(f: Featuriser, w: string): WordInfo {
  let r = f.cache.get(w);
  if (r === undefined) {
    const had = f.old.get(w);
    r = had === undefined ? wordInfo(f.lex, w) : carried(had);
    if (f.cache.size >= GENERATION) {
      f.old = f.cache;
      f.cache = new Map();
    }
    f.cache.set(w, r);
  }
  return r;
}

/**
 * Gazetteer codes per token: for each class bit, 0 none, 1 a one-word match, 2 first, 3 inside,
 * 4 last word of a longer match (the longest match wins). Packed 3 bits per class.
 * `infos` is padded with two entries at each end.
 */
function gazetteer(lex: Lexicon, infos: readonly WordInfo[], n: number): Uint32Array {
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = infos[i + 2];
    const one = r.gazMask;
    if (one !== 0) for (let b = 0; b < GAZ_BITS; b++) if (one & (1 << b) && ((codes[i] >>> (3 * b)) & 7) === 0) codes[i] |= 1 << (3 * b);
    if (!r.gazFirst) continue;
    let name = r.low;
    for (let j = i + 1; j < n && j - i < lex.gazMax; j++) {
      const next = infos[j + 2];
      // "the", "to", "a" start names, and are frequent: most walks end at the second word
      if (j === i + 1 && !next.gazSecond && !r.low.includes(' ')) break;
      name += ' ' + next.low;
      const step = lex.gazWalk(name);
      if (step < 0) break;
      const m = step & 255;
      if (m === 0) continue;
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

/** A sentence ready for scoring: word rows padded with two entries at each end, gazetteer codes, casing mode. */
export interface Prepared {
  readonly n: number;
  readonly infos: readonly WordInfo[];
  readonly gz: Uint32Array;
  readonly mode: CaseMode;
}

/** `rows`: the words' rows when the caller has them already (a document context's). */
/**
 * Whether a sentence is a headline in title case ("Trump Says Clinton Is Unfit"): three or more
 * words of four letters or more, all capitalised (none in capitals throughout), and one at least
 * after the first that the lexicon usually writes in lower case. Such a sentence is tagged with
 * its words in their usual case: a capital there says nothing about a name.
 */
export function isTitleCase(lex: Lexicon, words: readonly string[]): boolean {
  let long = 0;
  let common = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length < 4 || !/^\p{L}/u.test(w)) continue;
    const c = w[0];
    if (c === c.toLowerCase() || w === w.toUpperCase()) return false;
    long++;
    if (i > 0 && !common) {
      const idx = lex.vocab.get(w.toLowerCase());
      if (idx !== undefined && lex.form[idx] === '' && lex.capBucket[idx] === 0) common = true;
    }
  }
  return long >= 3 && common;
}

/** A title-case sentence with each word the lexicon knows in its usual form (the first capitalised). */
function untitle(lex: Lexicon, words: readonly string[]): readonly string[] {
  return words.map((w, i) => {
    const idx = lex.vocab.get(w.toLowerCase());
    if (idx === undefined || i === 0) return w;
    return lex.form[idx] || w.toLowerCase();
  });
}

export function prepare(f: Featuriser, words: readonly string[], rows?: readonly WordInfo[]): Prepared {
  const n = words.length;
  const mode: CaseMode = caseMode(words);
  const infos = new Array<WordInfo>(n + 4);
  infos[0] = infos[1] = info(f, PAD_BOS);
  infos[n + 2] = infos[n + 3] = info(f, PAD_EOS);
  const title = mode === 0 && isTitleCase(f.lex, words);
  if (mode === 0 && !title && rows !== undefined) for (let i = 0; i < n; i++) infos[i + 2] = rows[i];
  else {
    const ws = title ? untitle(f.lex, words) : mode === 0 ? words : truecase(f.lex, words, mode);
    for (let i = 0; i < n; i++) infos[i + 2] = info(f, ws[i]);
  }
  return { n, infos, gz: gazetteer(f.lex, infos, n), mode };
}

/** Write token i's sentence-dependent keys ({@link TOKEN_SLOTS} of them) into `out` at `o`. */
export function tokenKeys(p: Prepared, i: number, out: Uint32Array, o: number, withPosition = true): void {
  const { infos, gz, mode, n } = p;
  conjunctionKeys(p, i, out, o);
  o += CONJUNCTION_SLOTS;
  // sentence position and casing mode (the tagger caches these per word: withPosition false leaves them 0)
  if (withPosition) positionKeys(infos[i + 2], i === 0 ? 1 : 0, mode, out, o);
  else out.fill(0, o, o + POSITION_SLOTS);
  o += POSITION_SLOTS;
  // gazetteer: this token (with its capitalisation), the previous and the next
  const g = gz[i];
  const gp = i > 0 ? gz[i - 1] : 0;
  const gn = i + 1 < n ? gz[i + 1] : 0;
  const cap = infos[i + 2].cap;
  for (let b = 0; b < GAZ_BITS; b++) {
    const x = (g >>> (3 * b)) & 7;
    out[o++] = x ? gazKey.self(b, x, cap) : 0;
    const y = (gp >>> (3 * b)) & 7;
    out[o++] = y ? gazKey.prev(b, y) : 0;
    const z = (gn >>> (3 * b)) & 7;
    out[o++] = z ? gazKey.next(b, z) : 0;
  }
}

/** The gazetteer templates' keys: class bit `b`, gazetteer code (1-4), the token's capitalisation (0-3). */
export const gazKey = {
  self: (b: number, code: number, cap: number): number => key1(40 + b, code * 8 + cap),
  prev: (b: number, code: number): number => key1(50 + b, code),
  next: (b: number, code: number): number => key1(60 + b, code),
};

/**
 * Write token i's conjunction keys (the first 7 of {@link tokenKeys}: word bigrams, shape trigram,
 * word × shape, cluster bigrams) into `out` at `o`.
 */
export function conjunctionKeys(p: Prepared, i: number, out: Uint32Array, o: number): void {
  const { infos } = p;
  const p1 = infos[i + 1].a;
  const c = infos[i + 2].a;
  const n1 = infos[i + 3].a;
  out[o] = key2(19, p1[A.LOW], c[A.LOW]);
  out[o + 1] = key2(20, c[A.LOW], n1[A.LOW]);
  out[o + 2] = key3(21, p1[A.SSHAPE], c[A.SSHAPE], n1[A.SSHAPE]);
  out[o + 3] = key2(22, p1[A.LOW], c[A.SSHAPE]);
  out[o + 4] = key2(23, c[A.SSHAPE], n1[A.LOW]);
  out[o + 5] = key2(24, p1[A.CL6], c[A.CL6]);
  out[o + 6] = key2(25, c[A.CL6], n1[A.CL6]);
}

/** Keys of {@link conjunctionKeys}. */
export const CONJUNCTION_SLOTS = 7;

/**
 * For the tagger, which mixes the parts of {@link conjunctionKeys} itself: the seeds of templates
 * 19 to 23 (`mix2(CONJUNCTION_SEEDS[t - 19], a, b)` is `key2(t, a, b)`, `mix3` for 21), and the
 * cluster bigrams' keys (templates 24, 25) by the two words' cluster prefixes ({@link WordInfo.cl6}),
 * whose few values the tagger reads from dense tables.
 */
export const CONJUNCTION_SEEDS: readonly number[] = [19, 20, 21, 22, 23].map(seed);
export const clusterBigramKey = (t: 24 | 25, left: number, right: number): number => key2(t, cl6Attribute(left), cl6Attribute(right));

/** Slots of {@link positionKeys}. */
export const POSITION_SLOTS = 4;

/** A word's keys for its sentence position (first or not) and its sentence's casing mode. */
export function positionKeys(w: WordInfo, first: number, mode: CaseMode, out: Uint32Array, o: number): void {
  const c = w.a;
  out[o] = key2(26 + first, c[A.SSHAPE], 0);
  out[o + 1] = key2(28 + first, c[A.CAPB], 0);
  out[o + 2] = key2(30, c[A.SSHAPE], mode);
  out[o + 3] = key2(31, c[A.CAPB], mode);
}

// --- document context ------------------------------------------------------------------------

/**
 * What a document says about each of its words (lower-cased), for the document features: the
 * tagger sees how the same word is written and surrounded elsewhere in the article (context
 * aggregation, Ratinov & Roth 2009), with no labels and no second tagging pass.
 *
 * The uses of each word are kept in flat arrays, grouped by word (`start[g]` to `start[g + 1]`),
 * in document order: the sentence and token index of each use, the LOW keys and rows of the words
 * before and after it (padding at the sentence edges), and its capitalisation evidence.
 */
export interface DocContext {
  /** The sentences it was built from, and their words' rows (so the tagger looks each word up once). */
  readonly sentences: readonly (readonly string[])[];
  readonly rows: readonly (readonly WordInfo[])[];
  /** Per sentence, each token's word group; -1 for a token with no letter. */
  readonly group: readonly Int32Array[];
  /** Lower-cased word -> group, for a token not read from `sentences`. */
  readonly groups: ReadonlyMap<string, number>;
  readonly start: Int32Array;
  readonly useS: Int32Array;
  readonly useI: Int32Array;
  readonly prev: Uint32Array;
  readonly next: Uint32Array;
  readonly prevRow: readonly WordInfo[];
  readonly nextRow: readonly WordInfo[];
  /**
   * capMid (0 no evidence: first word or a sentence not in mixed case; 1 lower case; 2 capitalised)
   * plus 4 × run (place in a run of two or more capitalised words: 0 none, 1 first, 2 inside, 4 last).
   */
  readonly flags: Uint8Array;
}

/** Document slots per token (models trained with document features). */
export const DOC_SLOTS = 8;
/** Uses of a word looked at per token. */
const MAX_OCC = 12;
/** Uses of a word kept per document. */
const KEEP_OCC = 4 * MAX_OCC;

/** The rows of a sentence's words (as written). */
export function rowsOf(f: Featuriser, words: readonly string[]): WordInfo[] {
  const rows = new Array<WordInfo>(words.length);
  for (let i = 0; i < words.length; i++) rows[i] = info(f, words[i]);
  return rows;
}

/** Build the document context of a list of sentences (one article). */
/** How many document contexts have been built: each one's stamp on the rows it groups. */
let stamps = 0;

export function docContext(f: Featuriser, sentences: readonly (readonly string[])[]): DocContext {
  const stamp = ++stamps;
  const bosRow = info(f, PAD_BOS);
  const eosRow = info(f, PAD_EOS);
  const groups = new Map<string, number>();
  const rows: WordInfo[][] = [];
  const group: Int32Array[] = [];
  const modes = new Uint8Array(sentences.length);
  let count = new Int32Array(256);
  let total = 0;
  // Pass 1: each token's group, and how many uses each group keeps.
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s];
    const r = rowsOf(f, words);
    rows.push(r);
    modes[s] = caseMode(words);
    const gs = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const row = r[i];
      if (!row.letter) {
        gs[i] = -1;
        continue;
      }
      let g = row.docStamp === stamp ? row.docGroup : groups.get(row.low);
      if (g === undefined) {
        g = groups.size;
        groups.set(row.low, g);
        if (g >= count.length) {
          const grown = new Int32Array(count.length * 2);
          grown.set(count);
          count = grown;
        }
      }
      row.docStamp = stamp;
      row.docGroup = g;
      gs[i] = g;
      if (count[g] < KEEP_OCC) ((count[g] += 1), total++);
    }
    group.push(gs);
  }
  const ng = groups.size;
  const start = new Int32Array(ng + 1);
  for (let g = 0; g < ng; g++) start[g + 1] = start[g] + count[g];
  const fill = start.slice(0, ng);
  const useS = new Int32Array(total);
  const useI = new Int32Array(total);
  const prev = new Uint32Array(total);
  const next = new Uint32Array(total);
  const prevRow = new Array<WordInfo>(total);
  const nextRow = new Array<WordInfo>(total);
  const flags = new Uint8Array(total);
  // Pass 2: the uses, in document order.
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s];
    const r = rows[s];
    const gs = group[s];
    const n = words.length;
    const mixed = modes[s] === 0;
    for (let i = 0; i < n; i++) {
      const g = gs[i];
      if (g < 0) continue;
      const k = fill[g];
      if (k >= start[g + 1]) continue;
      fill[g] = k + 1;
      const row = r[i];
      let capMid = 0;
      let run = 0;
      if (mixed) {
        if (i > 0 && !r[i - 1].punct) capMid = row.cap !== 0 ? 2 : 1;
        if (row.cap === 1 || row.cap === 2) {
          const before = i > 0 && (r[i - 1].cap === 1 || r[i - 1].cap === 2);
          const after = i + 1 < n && (r[i + 1].cap === 1 || r[i + 1].cap === 2);
          run = before && after ? 2 : before ? 4 : after ? 1 : 0;
        }
      }
      const pr = i > 0 ? r[i - 1] : bosRow;
      const nr = i + 1 < n ? r[i + 1] : eosRow;
      useS[k] = s;
      useI[k] = i;
      prev[k] = pr.lowKey;
      next[k] = nr.lowKey;
      prevRow[k] = pr;
      nextRow[k] = nr;
      flags[k] = capMid | (run << 2);
    }
  }
  return { sentences, rows, group, groups, start, useS, useI, prev, next, prevRow, nextRow, flags };
}

/** The word group of token i of sentence s (a sentence of `ctx`, or words looked up by their lower-cased form); -1 for none. */
export function groupAt(ctx: DocContext, p: Prepared, s: number, i: number): number {
  const r = p.infos[i + 2];
  const rows = ctx.rows[s];
  if (rows !== undefined && i < rows.length && rows[i].low === r.low) return ctx.group[s][i];
  return ctx.groups.get(r.low) ?? -1;
}

/**
 * What the other uses of a token's word say (filled by {@link docSummary}; one object, reused):
 * how many there are (up to {@link MAX_OCC}), whether one is capitalised / in lower case
 * mid-sentence, the OR of their run places, and up to two distinct words before and after them
 * (uses `u0`, `u1` for the words before, `v0`, `v1` after; -1 none).
 */
export const summary = { others: 0, cap: 0, low: 0, runs: 0, u0: -1, u1: -1, v0: -1, v1: -1 };

/** Summarise the uses of group `g` other than token i of sentence s into {@link summary}. */
export function docSummary(ctx: DocContext, g: number, s: number, i: number): void {
  const { useS, useI, prev, next, flags } = ctx;
  let others = 0;
  let cap = 0;
  let low = 0;
  let runs = 0;
  let np = 0;
  let nn = 0;
  let p0 = 0;
  let n0 = 0;
  let u0 = -1;
  let u1 = -1;
  let v0 = -1;
  let v1 = -1;
  const end = ctx.start[g + 1];
  for (let k = ctx.start[g]; k < end && others < MAX_OCC; k++) {
    if (useS[k] === s && useI[k] === i) continue;
    others++;
    const fl = flags[k];
    const capMid = fl & 3;
    if (capMid === 2) cap = 1;
    else if (capMid === 1) low = 1;
    runs |= fl >>> 2;
    if (np < 2 && prev[k] !== p0) {
      if (np === 0) u0 = k;
      else u1 = k;
      p0 = prev[k];
      np++;
    }
    if (nn < 2 && next[k] !== n0) {
      if (nn === 0) v0 = k;
      else v1 = k;
      n0 = next[k];
      nn++;
    }
  }
  summary.others = others;
  summary.cap = cap;
  summary.low = low;
  summary.runs = runs;
  summary.u0 = u0;
  summary.u1 = u1;
  summary.v0 = v0;
  summary.v1 = v1;
}

/** How many other uses, as a bucket: 0, 1, 2-3, 4+. */
export const manyBucket = (others: number): number => (others === 0 ? 0 : others === 1 ? 1 : others < 4 ? 2 : 3);

/**
 * The document templates' keys. `evidence` is `cap * 2 + low` (0..3); `own` the token's
 * capitalisation × 2 + whether it starts the sentence (0..7); `runs` 0..7; `mode` the casing mode.
 */
export const docKey = {
  uses: (many: number, evidence: number, own: number): number => key2(70, many * 4 + evidence, own),
  runs: (runs: number, cap: number): number => key2(71, runs, cap),
  mode: (evidence: number, runs: number, mode: number): number => key3(72, evidence, runs, mode),
  before: (w: WordInfo): number => key1(73, w.a[A.LOW]),
  after: (w: WordInfo): number => key1(74, w.a[A.LOW]),
  cluster: (evidence: number, w: WordInfo): number => key2(75, evidence, w.a[A.CL6]),
};

/**
 * Write token i's document keys ({@link DOC_SLOTS} of them) into `out` at `o`: how the same word
 * is capitalised and placed elsewhere in the document, and the words around its other uses.
 * `s` is the sentence's index in the document.
 */
export function docKeys(ctx: DocContext, p: Prepared, s: number, i: number, out: Uint32Array, o: number): void {
  for (let k = 0; k < DOC_SLOTS; k++) out[o + k] = 0;
  const g = groupAt(ctx, p, s, i);
  if (g < 0) return;
  const r = p.infos[i + 2];
  docSummary(ctx, g, s, i);
  const { others, cap, low, runs, u0, u1, v0, v1 } = summary;
  const evidence = cap * 2 + low;
  out[o] = docKey.uses(manyBucket(others), evidence, r.cap * 2 + (i === 0 ? 1 : 0));
  if (u0 >= 0) out[o + 3] = docKey.before(ctx.prevRow[u0]);
  if (u1 >= 0) out[o + 4] = docKey.before(ctx.prevRow[u1]);
  if (v0 >= 0) out[o + 5] = docKey.after(ctx.nextRow[v0]);
  if (v1 >= 0) out[o + 6] = docKey.after(ctx.nextRow[v1]);
  if (others === 0) return;
  out[o + 1] = docKey.runs(runs, r.cap);
  out[o + 2] = docKey.mode(evidence, runs, p.mode);
  out[o + 7] = docKey.cluster(evidence, r);
}

/**
 * The feature keys of a sentence: `SLOTS` numbers per token (`SLOTS + DOC_SLOTS` with a document
 * context), 0 for an empty slot. Sentences in all capitals or all lower case are truecased first
 * (see lexicon.ts). `doc` and `s`: the document context and the sentence's index in it.
 */
export function featurise(f: Featuriser, words: readonly string[], doc?: DocContext, s = 0): Uint32Array {
  const n = words.length;
  const width = doc ? SLOTS + DOC_SLOTS : SLOTS;
  const out = new Uint32Array(n * width);
  if (n === 0) return out;
  const p = prepare(f, words);
  const { infos } = p;
  for (let i = 0; i < n; i++) {
    let o = i * width;
    out.set(infos[i + 2].self, o);
    o += infos[i + 2].self.length;
    out.set(infos[i + 1].prev1, o);
    o += 6;
    out.set(infos[i + 3].next1, o);
    o += 6;
    out.set(infos[i].prev2, o);
    o += 3;
    out.set(infos[i + 4].next2, o);
    o += 3;
    tokenKeys(p, i, out, o);
    if (doc) docKeys(doc, p, s, i, out, o + TOKEN_SLOTS);
  }
  return out;
}
