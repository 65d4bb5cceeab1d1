/**
 * The transliteration model: a logistic regression over hashed character n-grams that tells
 * a Latin-script word transliterated from Russian from an English word, a Bloom filter of
 * English words, a Cyrillic letter trigram model and, per transliteration scheme family,
 * the inverse letter table (Latin chunk -> Cyrillic letters with log P(Latin | Cyrillic)).
 *
 * File format (`models/mt-translit.bin`): the bytes `DMT1`, a little-endian u32 header length,
 * a UTF-8 JSON header ({@link ModelHeader}), zero padding to a multiple of 4, then the Int16
 * weights, the Bloom filter bytes and the Uint8 trigram table, each padded to 4 bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DossierError } from '../errors.js';
import { BOUNDARY, LM_SYMBOLS, cyrIndex } from './latin.js';

/** One inverse entry: Cyrillic letters and log P(Latin chunk | these letters). */
export interface InverseOption {
  readonly cyr: string;
  readonly logp: number;
}

/** A family of transliteration schemes (e.g. ISO 9) and its inverse table. */
export interface SchemeFamily {
  readonly name: string;
  readonly title: string;
  /** iuliia schema names the family was built from. */
  readonly schemes: readonly string[];
  /** Latin chunk -> Cyrillic options, best first. */
  readonly table: Readonly<Record<string, readonly InverseOption[]>>;
}

export interface ModelHeader {
  readonly version: 1;
  /** log2 of the number of hashed features. */
  readonly bits: number;
  readonly maxN: number;
  readonly weightScale: number;
  readonly bias: number;
  readonly bloom: { readonly bits: number; readonly k: number };
  readonly lmScale: number;
  /** Probability at or above which a word is taken as transliterated when its restoration is found in the Russian lexicon. */
  readonly threshold: number;
  /** Probability at or above which a word is taken as transliterated even when no restoration is found in the lexicon. */
  readonly highThreshold: number;
  /** Every character any scheme writes (normalised); other letters mean "not a transliteration". */
  readonly alphabet: string;
  readonly families: readonly SchemeFamily[];
  /** How the model was made: data, counts, seed. */
  readonly provenance: Readonly<Record<string, unknown>>;
}

/** A loaded model: its header and typed arrays. */
export interface TranslitModel {
  readonly header: ModelHeader;
  readonly weights: Int16Array;
  readonly bloom: Uint8Array;
  readonly lm: Uint8Array;
}

const MAGIC = 'DMT1';
const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * The hashed feature indices of a normalised word: character n-grams (1..maxN) of `^word$`.
 * Duplicates are kept (counts).
 *
 * @example
 * featureIndices('kupiruâ', 18, 5).length // 44
 */
export function featureIndices(word: string, bits: number, maxN: number): number[] {
  const codes: number[] = [1];
  for (let i = 0; i < word.length; i++) codes.push(word.charCodeAt(i));
  codes.push(2);
  const out: number[] = [];
  const shift = 32 - bits;
  for (let i = 0; i < codes.length; i++) {
    let h = 2166136261;
    for (let n = 1; n <= maxN && i + n <= codes.length; n++) {
      h = Math.imul(h ^ codes[i + n - 1], 16777619);
      if (n === 1 && (codes[i] === 1 || codes[i] === 2)) continue;
      out.push(Math.imul(h ^ (n * 0x2545f491), 0x9e3779b1) >>> shift);
    }
  }
  return out;
}

/** Logistic score of a normalised word. */
export function scoreWord(model: TranslitModel, word: string): number {
  const { bits, maxN, weightScale, bias } = model.header;
  let z = bias;
  for (const f of featureIndices(word, bits, maxN)) z += model.weights[f] / weightScale;
  return 1 / (1 + Math.exp(-z));
}

function hashes(word: string): [number, number] {
  let h1 = 2166136261;
  let h2 = 0x811c9dc5 ^ 0x5bd1e995;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x27d4eb2d) | 1;
  return [h1 >>> 0, h2 >>> 0];
}

/** Add a word to a Bloom filter of `bits` bits and `k` hashes. */
export function bloomAdd(bloom: Uint8Array, bits: number, k: number, word: string): void {
  const [h1, h2] = hashes(word);
  for (let i = 0; i < k; i++) {
    const b = (h1 + Math.imul(i, h2)) >>> 0;
    const bit = b % bits;
    bloom[bit >>> 3] |= 1 << (bit & 7);
  }
}

/** Whether a Bloom filter (probably) holds a word. */
export function bloomHas(bloom: Uint8Array, bits: number, k: number, word: string): boolean {
  const [h1, h2] = hashes(word);
  for (let i = 0; i < k; i++) {
    const b = (h1 + Math.imul(i, h2)) >>> 0;
    const bit = b % bits;
    if (!(bloom[bit >>> 3] & (1 << (bit & 7)))) return false;
  }
  return true;
}

/** Whether the model's English lexicon holds a (lower-case) word. */
export function isEnglishWord(model: TranslitModel, word: string): boolean {
  return bloomHas(model.bloom, model.header.bloom.bits, model.header.bloom.k, word);
}

/** log P(c | a b) from the trigram table (natural log), symbols as in {@link cyrIndex}, BOUNDARY for edges. */
export function lmLogp(model: TranslitModel, a: number, b: number, c: number): number {
  return -model.lm[(a * LM_SYMBOLS + b) * LM_SYMBOLS + c] / model.header.lmScale;
}

/** Log-probability of a whole Cyrillic word under the trigram model. */
export function lmWord(model: TranslitModel, word: string): number {
  let a = BOUNDARY;
  let b = BOUNDARY;
  let s = 0;
  for (const ch of word) {
    const c = cyrIndex(ch);
    if (c < 0) return -Infinity;
    s += lmLogp(model, a, b, c);
    a = b;
    b = c;
  }
  return s + lmLogp(model, a, b, BOUNDARY);
}

/** Write a model file. */
export function saveTranslitModel(model: TranslitModel, path: string | URL): void {
  const header = Buffer.from(JSON.stringify(model.header), 'utf8');
  const headerEnd = pad4(8 + header.length);
  const wBytes = pad4(model.weights.byteLength);
  const bBytes = pad4(model.bloom.byteLength);
  const lBytes = pad4(model.lm.byteLength);
  const buf = Buffer.alloc(headerEnd + wBytes + bBytes + lBytes);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).copy(buf, headerEnd);
  Buffer.from(model.bloom.buffer, model.bloom.byteOffset, model.bloom.byteLength).copy(buf, headerEnd + wBytes);
  Buffer.from(model.lm.buffer, model.lm.byteOffset, model.lm.byteLength).copy(buf, headerEnd + wBytes + bBytes);
  writeFileSync(path, buf);
}

/** Parse a model file's bytes. */
export function parseTranslitModel(bytes: Uint8Array, where = 'model'): TranslitModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) {
    throw new DossierError('E_DATA', `${where}: not a dossier transliteration model. Rebuild it with \`npm run train:mt\`.`);
  }
  const headerLength = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as ModelHeader;
  let at = pad4(8 + headerLength);
  // Copy into fresh, aligned arrays (the file buffer may be unaligned for Int16).
  const nW = 1 << header.bits;
  const weights = new Int16Array(nW);
  new Uint8Array(weights.buffer).set(buf.subarray(at, at + nW * 2));
  at += pad4(nW * 2);
  const bloom = new Uint8Array(buf.subarray(at, at + header.bloom.bits / 8));
  at += pad4(header.bloom.bits / 8);
  const lm = new Uint8Array(buf.subarray(at, at + LM_SYMBOLS ** 3));
  return { header, weights, bloom, lm };
}

/** The shipped model. */
export const DEFAULT_MT_MODEL_URL = new URL('../../models/mt-translit.bin', import.meta.url);

const cache = new Map<string, TranslitModel>();

/**
 * Load a model file once per path (default: the shipped `models/mt-translit.bin`).
 *
 * @example
 * const model = loadTranslitModel();
 * scoreWord(model, 'kupiruâ') > 0.9 // true
 */
export function loadTranslitModel(path: string | URL = DEFAULT_MT_MODEL_URL): TranslitModel {
  const key = String(path);
  let m = cache.get(key);
  if (!m) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new DossierError('E_DATA', `${key}: the transliteration model cannot be read. Rebuild it with \`npm run train:mt\`.`, { cause: error });
    }
    m = parseTranslitModel(bytes, key);
    cache.set(key, m);
  }
  return m;
}
