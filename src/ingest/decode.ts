/**
 * Bytes to a string: UTF-8 (with or without BOM) when valid, UTF-16 by BOM, else the
 * declared HTML charset or a detected encoding (chardet), with a Cyrillic-aware tie-break
 * by letter frequencies between windows-1251, KOI8-R, ISO-8859-5, IBM866 and Mac Cyrillic.
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type chardetModule from 'chardet';
import type iconvModule from 'iconv-lite';
import { CYRILLIC_ENCODINGS, CYRILLIC_LETTER_FREQUENCY } from './rules/cyrillic.js';

// The encoding tables and the detector load on the first input that is not UTF-8, not at start-up:
// `dossier analyze` of a UTF-8 file does not pay for them. Both packages are CommonJS, so they load
// synchronously.
const require = createRequire(import.meta.url);
let iconvLoaded: typeof iconvModule | undefined;
let chardetLoaded: typeof chardetModule | undefined;
const iconv = (): typeof iconvModule => (iconvLoaded ??= require('iconv-lite') as typeof iconvModule);
const chardet = (): typeof chardetModule => (chardetLoaded ??= require('chardet') as typeof chardetModule);

/** How the bytes were decoded. */
export interface Decoded {
  readonly text: string;
  /** iconv-lite / WHATWG style name, lower case: `utf-8`, `windows-1251`, `koi8-r`, … */
  readonly encoding: string;
  /** How the encoding was chosen. */
  readonly by: 'utf-8' | 'bom' | 'declared' | 'detected' | 'cyrillic-frequency' | 'fallback';
  /** Confidence (0–100) when detected. */
  readonly confidence?: number;
}

/** Bytes looked at for detection; detection on a 10 MB file needs no more than this. */
const SAMPLE = 64 * 1024;

/** Mid-word capitals cost this much (in nats per letter) in the Cyrillic score. */
const CASE_PENALTY = 3;
/** Above this cross-entropy (nats per letter), text is not taken as Cyrillic prose. */
const MAX_CYRILLIC_ENTROPY = 3.9;
/** Cyrillic prose scores about 3.0–3.2; below this the letter frequencies overrule a weak detection. */
const STRONG_CYRILLIC = 3.3;
/** chardet confidence (0–100) at or below which a clear Cyrillic reading overrules it. */
const WEAK_DETECTION = 50;

const LOG_P: ReadonlyMap<string, number> = (() => {
  const total = Object.values(CYRILLIC_LETTER_FREQUENCY).reduce((a, b) => a + b, 0);
  return new Map(Object.entries(CYRILLIC_LETTER_FREQUENCY).map(([k, v]) => [k, Math.log(v / total)]));
})();
/** Log probability given to a Cyrillic letter missing from the table (archaic or rare). */
const LOG_P_UNSEEN = Math.log(0.0002);

const isCyrillic = (c: number): boolean => c >= 0x400 && c <= 0x4ff;
const isLatin = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isLower = (ch: string): boolean => ch !== ch.toUpperCase() && ch === ch.toLowerCase();

/** How plausible a decoded sample is as Cyrillic prose: lower is better. */
export interface CyrillicScore {
  readonly encoding: string;
  /** Cyrillic letters seen. */
  readonly letters: number;
  /** Share of non-ASCII characters that are Cyrillic letters. */
  readonly cyrillicShare: number;
  /** Share of Cyrillic letters that touch a Latin letter (a wrong table on Latin text). */
  readonly mixedShare: number;
  /** Cross-entropy per letter against Russian letter frequencies, plus the case penalty. */
  readonly cost: number;
}

/**
 * Score a decoding as Cyrillic prose.
 * @example scoreCyrillic('Министр прибыл в Баку', 'windows-1251').cost < 3.5
 */
export function scoreCyrillic(text: string, encoding: string): CyrillicScore {
  let nonAscii = 0;
  let letters = 0;
  let mixed = 0;
  let midCaps = 0;
  let logp = 0;
  let prev = 0;
  let prevLowerCyr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (letters > 0 && isLatin(c) && isCyrillic(prev)) mixed++;
      prev = c;
      prevLowerCyr = false;
      continue;
    }
    nonAscii++;
    if (!isCyrillic(c)) {
      prev = c;
      prevLowerCyr = false;
      continue;
    }
    const ch = text[i];
    const lower = ch.toLowerCase();
    letters++;
    logp += LOG_P.get(lower) ?? LOG_P_UNSEEN;
    if (isLatin(prev)) mixed++;
    const lowerCase = isLower(ch);
    if (!lowerCase && prevLowerCyr) midCaps++;
    prevLowerCyr = lowerCase;
    prev = c;
  }
  const cost = letters ? -logp / letters + (CASE_PENALTY * midCaps) / letters : Infinity;
  return {
    encoding,
    letters,
    cyrillicShare: nonAscii ? letters / nonAscii : 0,
    mixedShare: letters ? mixed / letters : 0,
    cost,
  };
}

/**
 * The most plausible single-byte Cyrillic decoding of the bytes, or undefined when none
 * reads as Cyrillic prose (too few letters, mixed with Latin, or an unlikely letter mix).
 */
export function bestCyrillic(sample: Uint8Array): CyrillicScore | undefined {
  let best: CyrillicScore | undefined;
  for (const encoding of CYRILLIC_ENCODINGS) {
    const s = scoreCyrillic(iconv().decode(sample, encoding), encoding);
    if (s.letters < 2 || s.cyrillicShare < 0.8 || s.mixedShare > 0.15 || s.cost > MAX_CYRILLIC_ENTROPY) continue;
    if (!best || s.cost < best.cost) best = s;
  }
  return best;
}

/** chardet's names mapped to iconv-lite's. */
function iconvName(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n === 'ascii') return 'utf-8';
  if (n === 'utf-32') return undefined;
  return iconv().encodingExists(n) ? n : undefined;
}

/** The charset an HTML page declares in its first few kilobytes (`<meta charset>` or http-equiv). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]{0,300}?charset\s{0,5}=\s{0,5}["']?\s{0,5}([\w.:-]{1,40})/i.exec(head);
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  if (name === 'utf8') return 'utf-8';
  return iconv().encodingExists(name) ? name : undefined;
}

const CYRILLIC_SET = new Set(CYRILLIC_ENCODINGS.concat(['cp1251', 'win-1251', 'koi8', 'iso_8859-5', 'cp866', 'x-mac-cyrillic']));

/**
 * Decode bytes. Never throws: an unknown encoding falls back to windows-1252.
 * @example decode(new TextEncoder().encode('Привет')).encoding === 'utf-8'
 */
export function decode(bytes: Uint8Array, declared?: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', by: 'bom' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv().decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', by: 'bom' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv().decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', by: 'bom' };
  if (isUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8', by: 'utf-8' };

  const sample = highByteSample(buf);
  const cyr = bestCyrillic(sample);
  if (declared && declared !== 'utf-8' && iconv().encodingExists(declared)) {
    // A declared Cyrillic table loses only to a clearly better Cyrillic reading.
    const keep = !cyr || !CYRILLIC_SET.has(declared) || scoreCyrillic(iconv().decode(sample, declared), declared).cost <= cyr.cost + 0.3;
    if (keep) return { text: iconv().decode(buf, declared), encoding: declared, by: 'declared' };
  }
  const matches = chardet().analyse(sample);
  const top = matches.find((m) => iconvName(m.name) && iconvName(m.name) !== 'utf-8');
  const topName = top && iconvName(top.name);
  if (cyr) {
    // chardet tells languages apart well but confuses the Cyrillic tables with one another;
    // the letter frequencies choose among those, and win outright only when they are clear.
    const chardetSaysCyrillic = !top || top.lang === 'ru' || (topName !== undefined && CYRILLIC_SET.has(topName));
    if (chardetSaysCyrillic || (cyr.cost <= STRONG_CYRILLIC && (top?.confidence ?? 0) <= WEAK_DETECTION)) {
      return { text: iconv().decode(buf, cyr.encoding), encoding: cyr.encoding, by: 'cyrillic-frequency' };
    }
  }
  if (top && topName) return { text: iconv().decode(buf, topName), encoding: topName, by: 'detected', confidence: top.confidence };
  return { text: iconv().decode(buf, 'windows-1252'), encoding: 'windows-1252', by: 'fallback' };
}

/**
 * Up to 64 KB for detection. Long pages often start with kilobytes of ASCII markup, so the
 * sample starts a little before the first non-ASCII byte.
 */
function highByteSample(buf: Buffer): Uint8Array {
  if (buf.length <= SAMPLE) return buf;
  let first = 0;
  while (first < buf.length && buf[first] < 128) first++;
  const start = Math.max(0, Math.min(first - 256, buf.length - SAMPLE));
  return buf.subarray(start, start + SAMPLE);
}
