/**
 * Word-level knowledge the NER model ships beside its weights: a vocabulary of lower-cased
 * words with their distributional cluster (a bit path from bisecting k-means), how often each
 * is capitalised mid-sentence, its usual written form (for truecasing), and a gazetteer of
 * multi-word names. Everything here is built by `build-lexicon.ts` during training.
 */
import { fnv1a } from '../util/hash.js';

/** Gazetteer classes, one bit each. */
export const GAZ = {
  COUNTRY: 1,
  CITY: 2,
  TOWN: 4,
  DEMONYM: 8,
  GIVEN: 16,
  SURNAME: 32,
  ORG: 64,
  REGION: 128,
} as const;
export const GAZ_BITS = 8;

/** A read-only string lookup (a sorted table searched by halving, built without hashing every entry). */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

/** The lexicon, ready for look-ups. */
export interface Lexicon {
  /** Lower-cased word -> index into the arrays below. */
  readonly vocab: Lookup<number>;
  /** Cluster bit path, with a leading 1 bit as a length marker (0: no cluster). */
  readonly cluster: Uint32Array;
  /** 0..3: share of mid-sentence uses that are capitalised (<10%, <50%, <90%, more). */
  readonly capBucket: Uint8Array;
  /** The usual written form, or '' when it is the lower-cased form. */
  readonly form: readonly string[];
  /** Gazetteer: lower-cased, space-joined name -> class bits. */
  readonly gaz: Lookup<number>;
  /** Whether a word (lower-cased) is the first word of a gazetteer entry of two words or more. */
  readonly gazFirst: { has(word: string): boolean };
  /** Whether a word (lower-cased) is the second word of a gazetteer entry of two words or more (the set is built on first use). */
  readonly gazSecond: { has(word: string): boolean };
  /** Longest gazetteer entry, in words. */
  readonly gazMax: number;
  /**
   * One step of a walk through the gazetteer's multi-word names: -1 when no entry is `name` or
   * starts with `name` and a space, else the class bits of `name` (0 for none), plus 256 when
   * longer entries start with it.
   */
  gazWalk(name: string): number;
}

/** The lexicon in the compact form the model file holds. */
export interface LexiconData {
  readonly words: string[];
  readonly cluster: Uint32Array;
  readonly capBucket: Uint8Array;
  readonly form: string[];
  readonly gazNames: string[];
  readonly gazMask: Uint8Array;
}

/**
 * Sorted keys with their row numbers: the model file stores its words and gazetteer names
 * sorted, so loading costs no hashing of 90,000 strings into Maps (about 50 ms). The first
 * look-ups are binary searches; after {@link INDEX_AFTER} of them (a long run: a corpus, not one
 * article) they go through an index of the keys' FNV-1a hashes in typed arrays, built then (some
 * milliseconds): one hash of the word and, mostly, one string comparison, where a binary search
 * compares some 17 strings far apart in memory. Both give the same answers.
 */
class Sorted {
  readonly keys: readonly string[];
  readonly rows: Int32Array | undefined;
  /** Slot -> position of the key + 1 (0: empty), by open addressing on the key's hash; with each slot's hash. */
  private slots: Int32Array | undefined;
  private slotHash: Uint32Array | undefined;
  /**
   * The same for the keys' word prefixes (each part of a key that ends before a space: "new" and
   * "new york" of "new york city"): slot -> position of a key that starts with it + 1, with the
   * prefix's hash and length. Undefined when a key holds a character below the space, which would
   * sort between a key and its longer entries, or a key is repeated: {@link hasPrefix} and `gazWalk` then search.
   */
  private prefixSlots: Int32Array | undefined;
  private prefixHash: Uint32Array | undefined;
  private prefixLength: Int32Array | undefined;
  private prefixesBuilt = false;
  /** Look-ups answered by binary search so far (see {@link INDEX_AFTER}). */
  private searches = 0;
  constructor(keys: readonly string[], trusted: boolean) {
    let sorted = true;
    if (!trusted) for (let i = 1; i < keys.length && sorted; i++) if (!(keys[i - 1] < keys[i])) sorted = false;
    if (sorted) {
      this.keys = keys;
      this.rows = undefined;
    } else {
      const order = Int32Array.from(keys.keys()).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : b - a));
      this.keys = Array.from(order, (r) => keys[r]);
      this.rows = order;
    }
  }
  /** First position whose key is >= `k`. */
  lowerBound(k: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** The position of `k` in the sorted keys (the first, were a key repeated), or -1. */
  find(k: string): number {
    if (this.slots === undefined) {
      if (++this.searches <= INDEX_AFTER) {
        const i = this.lowerBound(k);
        return i < this.keys.length && this.keys[i] === k ? i : -1;
      }
      this.buildIndex();
    }
    const slots = this.slots as Int32Array;
    const hashes = this.slotHash as Uint32Array;
    const mask = slots.length - 1;
    const h = fnv1a(k);
    for (let x = h & mask; ; x = (x + 1) & mask) {
      const p = slots[x];
      if (p === 0) return -1;
      if (hashes[x] === h && this.keys[p - 1] === k) return p - 1;
    }
  }
  /** The row of `k`, or -1. */
  row(k: string): number {
    const i = this.find(k);
    return i < 0 || this.rows === undefined ? i : this.rows[i];
  }
  /** The row of the key at a position. */
  rowAt(i: number): number {
    return this.rows === undefined ? i : this.rows[i];
  }
  /** Whether a key starts with `k` and a space. */
  hasPrefix(k: string): boolean {
    if (!this.prefixesBuilt && ++this.searches > INDEX_AFTER) this.buildPrefixes();
    const slots = this.prefixSlots;
    if (slots === undefined) {
      const key = k + ' ';
      const i = this.lowerBound(key);
      return i < this.keys.length && this.keys[i].startsWith(key);
    }
    const hashes = this.prefixHash as Uint32Array;
    const lengths = this.prefixLength as Int32Array;
    const mask = slots.length - 1;
    const h = fnv1a(k);
    for (let x = h & mask; ; x = (x + 1) & mask) {
      const p = slots[x];
      if (p === 0) return false;
      if (hashes[x] === h && lengths[x] === k.length && this.keys[p - 1].startsWith(k)) return true;
    }
  }
  /** Whether the prefix index answers {@link hasPrefix} (built, and no key holds a character below the space). */
  prefixIndexed(): boolean {
    if (!this.prefixesBuilt && ++this.searches > INDEX_AFTER) this.buildPrefixes();
    return this.prefixSlots !== undefined;
  }
  private buildIndex(): void {
    const keys = this.keys;
    const size = tableSize(keys.length);
    const slots = new Int32Array(size);
    const hashes = new Uint32Array(size);
    const mask = size - 1;
    for (let i = 0; i < keys.length; i++) {
      // A repeated key is found at its first position, as the binary search finds it.
      if (i > 0 && keys[i] === keys[i - 1]) continue;
      const h = fnv1a(keys[i]);
      let x = h & mask;
      while (slots[x] !== 0) x = (x + 1) & mask;
      slots[x] = i + 1;
      hashes[x] = h;
    }
    this.slots = slots;
    this.slotHash = hashes;
  }
  private buildPrefixes(): void {
    this.prefixesBuilt = true;
    const keys = this.keys;
    // Each prefix's hash is the FNV-1a state where its key reaches a space.
    const found: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      // (A repeated key, too, is left to the binary search: it reads the repeat as no longer entry.)
      if (i > 0 && key === keys[i - 1]) return;
      let h = 0x811c9dc5;
      for (let j = 0; j < key.length; j++) {
        const c = key.charCodeAt(j);
        if (c < 32) return;
        if (c === 32) found.push(h >>> 0, j, i);
        h = Math.imul(h ^ c, 0x01000193);
      }
    }
    const size = tableSize(found.length / 3);
    const slots = new Int32Array(size);
    const hashes = new Uint32Array(size);
    const lengths = new Int32Array(size);
    const mask = size - 1;
    for (let f = 0; f < found.length; f += 3) {
      const h = found[f];
      const len = found[f + 1];
      const i = found[f + 2];
      let x = h & mask;
      let dup = false;
      for (; slots[x] !== 0; x = (x + 1) & mask) {
        if (hashes[x] === h && lengths[x] === len && keys[slots[x] - 1].startsWith(keys[i].slice(0, len))) {
          dup = true;
          break;
        }
      }
      if (dup) continue;
      slots[x] = i + 1;
      hashes[x] = h;
      lengths[x] = len;
    }
    this.prefixSlots = slots;
    this.prefixHash = hashes;
    this.prefixLength = lengths;
  }
}

/** Binary searches a lexicon table answers before it builds its hash indexes. */
const INDEX_AFTER = 4096;

/** A power of two at least twice `n` (an open-addressing table at most half full). */
function tableSize(n: number): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

/**
 * The lexicon's look-ups over its data. `sorted`: the words and names are known to be sorted
 * and unique (a model file: training writes them so), which saves checking them at load.
 */
export function lexiconFromData(d: LexiconData, sorted = false): Lexicon {
  const words = new Sorted(d.words, sorted);
  const names = new Sorted(d.gazNames, sorted);
  let gazMax = 1;
  for (const name of d.gazNames) {
    let n = 1;
    for (let k = name.indexOf(' '); k >= 0; k = name.indexOf(' ', k + 1)) n++;
    if (n > gazMax) gazMax = n;
  }
  let seconds: Set<string> | undefined;
  return {
    vocab: {
      get: (k) => {
        const r = words.row(k);
        return r < 0 ? undefined : r;
      },
    },
    cluster: d.cluster,
    capBucket: d.capBucket,
    form: d.form,
    gaz: {
      get: (k) => {
        const r = names.row(k);
        return r < 0 ? undefined : d.gazMask[r];
      },
    },
    gazFirst: {
      has: (w) => names.hasPrefix(w),
    },
    gazSecond: {
      has: (w) => {
        if (!seconds) {
          seconds = new Set();
          for (const name of d.gazNames) {
            const a = name.indexOf(' ');
            if (a < 0) continue;
            const b = name.indexOf(' ', a + 1);
            seconds.add(b < 0 ? name.slice(a + 1) : name.slice(a + 1, b));
          }
        }
        return seconds.has(w);
      },
    },
    gazMax: Math.min(gazMax, 6),
    gazWalk: (name) => {
      if (!names.prefixIndexed()) {
        // Entries that start with `name ` sort right after `name` itself (a space sorts before every
        // other character a name holds), so one search answers both questions.
        const keys = names.keys;
        let i = names.lowerBound(name);
        let bits = 0;
        if (i < keys.length && keys[i] === name) {
          bits = d.gazMask[names.rowAt(i)];
          i++;
        }
        const more = i < keys.length && keys[i].length > name.length && keys[i].charCodeAt(name.length) === 32 && keys[i].startsWith(name);
        return bits === 0 && !more ? -1 : bits | (more ? 256 : 0);
      }
      const r = names.row(name);
      const bits = r < 0 ? 0 : d.gazMask[r];
      const more = names.hasPrefix(name);
      return bits === 0 && !more ? -1 : bits | (more ? 256 : 0);
    },
  };
}

/** Casing of a whole sentence: 0 mixed (normal), 1 all capitals, 2 all lower case. */
export type CaseMode = 0 | 1 | 2;

export function caseMode(words: readonly string[]): CaseMode {
  let upper = 0;
  let lower = 0;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 97 && c <= 122) lower++;
      else if (c >= 65 && c <= 90) upper++;
      else if (c > 127) {
        const ch = w[i];
        if (ch !== ch.toUpperCase()) lower++;
        else if (ch !== ch.toLowerCase()) upper++;
      }
    }
    if (upper && lower) return 0;
  }
  if (lower === 0 && upper > 0) return 1;
  if (upper === 0 && lower > 0) return 2;
  return 0;
}

const capFirst = (w: string): string => (w ? w[0].toUpperCase() + w.slice(1) : w);

/**
 * Restore the usual casing of a sentence written all in capitals or all in lower case, from
 * the lexicon's usual forms; words it does not know become Title-case in capitals (most are
 * names) and stay lower-case in lower-case text unless the gazetteer knows them as a name or
 * place. Sentences in mixed case come back unchanged.
 */
export function truecase(lex: Lexicon, words: readonly string[], mode: CaseMode = caseMode(words)): readonly string[] {
  if (mode === 0) return words;
  const out = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const low = w.toLowerCase();
    const idx = lex.vocab.get(low);
    let t: string;
    if (idx !== undefined) t = lex.form[idx] || low;
    else if (mode === 1) t = /\p{L}/u.test(w) ? capFirst(low) : w;
    else {
      const g = lex.gaz.get(low);
      t = g !== undefined && g & (GAZ.COUNTRY | GAZ.CITY | GAZ.GIVEN | GAZ.SURNAME | GAZ.DEMONYM) ? capFirst(low) : low;
    }
    if (i === 0) t = capFirst(t);
    out[i] = t;
  }
  return out;
}
