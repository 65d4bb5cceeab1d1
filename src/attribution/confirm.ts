/**
 * The confirmation filter: a logistic regression over hashed features of one draft attribution
 * (which rule or model found it, how sure the tagger was, the cue's words, the shape of its
 * source and content) that estimates how likely the draft is a right attribution, source
 * included. It lets the stage admit everything the tagger finds (recall) and drop drafts, of
 * the rules or the tagger, that are more likely wrong (precision).
 *
 * It is trained on drafts of PolNeAR train made by taggers that did not see the article
 * (cross-fitting: two halves, each drafted by the taggers of the other; train.ts), each
 * labelled by whether it matches an annotated attribution (contents and sources share a word,
 * or neither has a source).
 *
 * File section (gzip of): "DATC" magic, u32 header length, JSON header {bits, threshold,
 * fusedThreshold, version}, then u32 count and `count` pairs (u32 slot, f32 weight) of the
 * non-zero weights.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { DossierError } from '../errors.js';
import { fnv1a } from '../util/hash.js';
import { mulberry32 } from '../util/random.js';
import { tokAt, type Ctx, type Draft } from './attribution.js';
import { FRAMES } from './learned.js';
import { cueStrength } from './tagger.js';
import { PRONOUNS } from './rules/cues.js';

/** A trained confirmation filter. */
export interface ConfirmModel {
  /** log2 of the weight table size. */
  readonly bits: number;
  readonly weights: Float32Array;
  /** A draft found by one side only (rules or tagger) is dropped when its score (log-odds) is below this. */
  readonly threshold: number;
  /** A draft the rules and the tagger both found is dropped only below this (lower) score. */
  readonly fusedThreshold: number;
}

const VERSION = 1;
/** log2 of the weight table size used in training. */
export const CONFIRM_BITS = 18;
const MAGIC = 0x43544144; // "DATC"
const SOURCE_PRONOUN = /^(?:he|she|it|they|i|we|you|his|her|its|their|who|which|that)$/;

/** How many word tokens lie in spans, and the first and last (lower case). */
function wordsIn(ctx: Ctx, spans: readonly { start: number; end: number }[]): { n: number; first: string; last: string } {
  const { toks } = ctx;
  let n = 0;
  let first = '';
  let last = '';
  for (const sp of spans) {
    for (let i = tokAt(ctx, sp.start); i < toks.length && toks[i].start < sp.end; i++) {
      const c = toks[i].text.charCodeAt(0);
      // A word token starts with a letter or digit (ASCII fast path, then any script).
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && WORD_START.test(toks[i].text)))) continue;
      if (!n) first = toks[i].lower;
      last = toks[i].lower;
      n++;
    }
  }
  return { n, first, last };
}
const WORD_START = /^[\p{L}\p{N}]/u;
const lenBucket = (n: number): string => (n <= 2 ? String(n) : n <= 4 ? '3-4' : n <= 8 ? '5-8' : n <= 16 ? '9-16' : n <= 32 ? '17-32' : '33+');

/** Where the draft came from: the rules alone, the tagger alone, or both. */
function origin(d: Draft): string {
  if (d.rule === 'attribution/tagger') return 'tagger';
  if (d.rule === 'attribution/candidate') return 'candidate';
  return d.rule.endsWith('+tagger') ? 'both' : 'rules';
}

/**
 * The feature strings of a draft (hashed by `confirmKeys`).
 * @example confirmFeatures(ctx, draft) // ['bias', 'rule=attribution/subject-said', ...]
 */
export function confirmFeatures(ctx: Ctx, d: Draft): string[] {
  const { toks, text } = ctx;
  const f: string[] = ['bias'];
  const from = origin(d);
  const rule = d.rule.replace(/\+tagger$/, '');
  f.push(`o=${from}`, `r=${rule}`);
  const conf = d.confidence;
  const cb = conf === undefined ? 'none' : String(Math.max(-3, Math.min(8, Math.floor(conf / 100))));
  f.push(`c=${from}:${cb}`);
  // The cue: its head, first and last words, length, and how often PolNeAR marks the head a cue.
  const cw = wordsIn(ctx, d.cue);
  const head = toks[d.head]?.lower ?? '';
  const strength = cueStrength(head);
  const cls = ctx.lex.heads.get(head) ?? 'none';
  f.push(`h=${head}`, `hs=${strength}`, `hso=${strength}:${from}:${cb}`, `hcap=${/^\p{Lu}/u.test(toks[d.head]?.text ?? '')}`, `hc=${cls}`, `ho=${head}:${from}`, `hco=${cls}:${from}:${cb}`, `cn=${lenBucket(cw.n)}`);
  if (cw.n) f.push(`cf=${cw.first}`, `cl=${cw.last}`);
  const cueFirst = d.cue[0].start;
  const cueLast = d.cue[d.cue.length - 1].end;
  // Words just around the cue.
  let before = d.head - 1;
  while (before >= 0 && toks[before].end > cueFirst) before--;
  let after = d.head + 1;
  while (after < toks.length && toks[after].start < cueLast) after++;
  const sameSentence = (i: number): boolean => i >= 0 && i < toks.length && toks[i].s === toks[d.head]?.s;
  f.push(`pb=${sameSentence(before) ? toks[before].lower : '<s>'}`, `pa=${sameSentence(after) ? toks[after].lower : '</s>'}`);
  f.push(`ha=${head}:${sameSentence(after) ? toks[after].lower : '</s>'}`);
  // The content: length, first word, quoted or not, side of the cue.
  const ct = wordsIn(ctx, d.content);
  const quoted = d.quotes.length > 0;
  const cStart = d.content[0].start;
  const side = cStart >= cueLast ? 'after' : d.content[d.content.length - 1].end <= cueFirst ? 'before' : 'around';
  const firstChar = text[cStart] ?? '';
  const qmark = /["\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019]/u.test(firstChar);
  f.push(`n=${lenBucket(ct.n)}`, `q=${quoted ? (qmark ? 'open' : 'part') : 'no'}`, `side=${side}`, `parts=${Math.min(d.content.length, 3)}`);
  f.push(`c0=${ct.first}`, `hc0=${head}:${ct.first}`, `clsc0=${cls}:${ct.first}`, `nq=${lenBucket(ct.n)}:${quoted}:${from}`);
  // The source: none, a pronoun, a name or a description; its side and length.
  if (!d.source) f.push('s=none', `s=none:${rule}`, `sk=none:${from}:${cb}`);
  else {
    const sw = wordsIn(ctx, [d.source]);
    const s0 = sw.first;
    const kind = sw.n === 1 && SOURCE_PRONOUN.test(s0) ? 'pron' : /^\p{Lu}/u.test(text.slice(d.source.start, d.source.end)) ? 'cap' : 'low';
    const sside = d.source.end <= cueFirst ? 'before' : 'after';
    f.push(`s=${kind}`, `sn=${lenBucket(sw.n)}`, `ss=${sside}`, `sk=${kind}:${sside}:${from}`, `sk=${kind}:${from}:${cb}`);
    if (PRONOUNS.has(s0) || kind !== 'cap') f.push(`s0=${s0}`);
    // A lone capitalised word and a comma ("True, ...") is an adverb, not a speaker.
    const after = text.slice(d.source.end, d.source.end + 2);
    if (sw.n === 1 && after.startsWith(',')) f.push('s1comma');
  }
  // The sentence: in quotes, where in the paragraph.
  const s = toks[d.head]?.s ?? d.sentence;
  const sent = ctx.sentences[s];
  const firstOfPara = s === 0 || ctx.sentences[s - 1].paragraph !== sent.paragraph;
  f.push(`inq=${(toks[d.head]?.q ?? -1) >= 0}`, `p1=${firstOfPara}`);
  return f;
}

/** Hash feature strings into slots of a table of 2^bits. */
export function confirmKeys(features: readonly string[], bits: number): Uint32Array {
  const mask = (1 << bits) - 1;
  const out = new Uint32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = fnv1a(features[i]) & mask;
  return out;
}

/**
 * Whether the filter keeps a draft: the special frames ("according to", "in his view", a quote
 * going on...) know their parts and always stay; a draft both the rules and the tagger found
 * needs `fusedThreshold`, any other `threshold` (plus `shift`).
 */
export function confirmKeeps(model: ConfirmModel, ctx: Ctx, d: Draft, shift = 0): boolean {
  const base = d.rule.replace(/\+tagger$/, '');
  if (FRAMES.has(base)) return true;
  const z = confirmScore(model, ctx, d);
  return z >= (d.rule.endsWith('+tagger') ? model.fusedThreshold : model.threshold) + shift;
}

/** The model's score (log-odds that the draft is an attribution). */
export function confirmScore(model: ConfirmModel, ctx: Ctx, d: Draft): number {
  const keys = confirmKeys(confirmFeatures(ctx, d), model.bits);
  let z = 0;
  for (const k of keys) z += model.weights[k];
  return z;
}

/** One training example: hashed features and whether the draft is an attribution. */
export interface ConfirmSample {
  readonly keys: Uint32Array;
  readonly label: 0 | 1;
}

/**
 * Train the filter: logistic regression with AdaGrad and L2, deterministic for the seed. A
 * draft found by one side is dropped below `threshold` (default -1.5: p = 0.18), a draft both
 * sides found below `fusedThreshold` (default -2: p = 0.12).
 * @example trainConfirm(samples, { seed: 1 })
 */
export function trainConfirm(samples: readonly ConfirmSample[], o: { bits?: number; epochs?: number; seed?: number; l2?: number; rate?: number; threshold?: number; fusedThreshold?: number } = {}): ConfirmModel {
  const bits = o.bits ?? CONFIRM_BITS;
  const epochs = o.epochs ?? 12;
  const l2 = o.l2 ?? 1e-3;
  const rate = o.rate ?? 0.2;
  const w = new Float32Array(1 << bits);
  const g2 = new Float32Array(1 << bits).fill(1e-6);
  const rnd = mulberry32(o.seed ?? 1);
  const order = samples.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const x = samples[k];
      let z = 0;
      for (const f of x.keys) z += w[f];
      const p = 1 / (1 + Math.exp(-z));
      const g = p - x.label;
      for (const f of x.keys) {
        const grad = g + l2 * w[f];
        g2[f] += grad * grad;
        w[f] -= (rate * grad) / Math.sqrt(g2[f]);
      }
    }
  }
  return { bits, weights: w, threshold: o.threshold ?? THRESHOLD, fusedThreshold: o.fusedThreshold ?? FUSED_THRESHOLD };
}

/**
 * Default scores (log-odds) under which a draft is dropped: one side's drafts need p ≥ 0.18,
 * drafts both sides found p ≥ 0.12. Chosen by the attribution F1 of out-of-fold scores on the
 * cross-fitted PolNeAR train drafts (two folds by article), among -2 .. 0 in steps of 0.5.
 */
export const THRESHOLD = -1.5;
export const FUSED_THRESHOLD = -2;

/** The model as a file section. */
export function serialiseConfirm(m: ConfirmModel): Buffer {
  const header = Buffer.from(JSON.stringify({ bits: m.bits, threshold: m.threshold, fusedThreshold: m.fusedThreshold, version: VERSION }));
  const idx: number[] = [];
  for (let i = 0; i < m.weights.length; i++) if (Math.abs(m.weights[i]) >= 1e-4) idx.push(i);
  const body = Buffer.alloc(4 + idx.length * 8);
  body.writeUInt32LE(idx.length, 0);
  idx.forEach((k, j) => {
    body.writeUInt32LE(k, 4 + j * 8);
    body.writeFloatLE(m.weights[k], 8 + j * 8);
  });
  const head = Buffer.alloc(8);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(header.length, 4);
  return gzipSync(Buffer.concat([head, header, body]), { level: 9 });
}

/** Read a file section written by `serialiseConfirm`. */
export function deserialiseConfirm(bytes: Uint8Array, name = 'model'): ConfirmModel {
  let buf: Buffer;
  try {
    buf = gunzipSync(bytes);
  } catch (error) {
    throw new DossierError('E_MODEL', `${name}: the confirmation filter is not gzip data.`, { cause: error });
  }
  if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) throw new DossierError('E_MODEL', `${name}: the confirmation filter has a bad magic number.`);
  const hl = buf.readUInt32LE(4);
  const header = JSON.parse(buf.subarray(8, 8 + hl).toString('utf8')) as { bits: number; threshold: number; fusedThreshold: number; version: number };
  if (header.version !== VERSION) throw new DossierError('E_MODEL', `${name}: confirmation filter version ${header.version} is not ${VERSION}; retrain with npm run train:attribution.`);
  const w = new Float32Array(1 << header.bits);
  let p = 8 + hl;
  const n = buf.readUInt32LE(p);
  p += 4;
  for (let j = 0; j < n; j++, p += 8) w[buf.readUInt32LE(p)] = buf.readFloatLE(p + 4);
  return { bits: header.bits, weights: w, threshold: header.threshold, fusedThreshold: header.fusedThreshold };
}
