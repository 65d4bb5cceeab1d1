/**
 * Loading and saving the attribution models: the sentence tagger (tagger.ts), the
 * cue-conditioned span tagger (span.ts) and the confirmation filter (confirm.ts), kept in one file. The shipped file is
 * `models/attribution.bin`, rebuilt with `npm run train:attribution`.
 *
 * File: u32 magic "DAT2", then for each model a u32 length and its bytes (tagger.ts format);
 * a span model length of 0 means none; then, when present, a u32 length and the confirmation
 * filter (confirm.ts format).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../errors.js';
import { deserialiseConfirm, serialiseConfirm, type ConfirmModel } from './confirm.js';
import { SPAN_SLOTS } from './span.js';
import { deserialiseTagger, serialiseTagger, SLOTS, type Clusters, type TaggerModel } from './tagger.js';

/** Where the shipped model lives, resolved from this module so that it works from src/ and dist/. */
export const DEFAULT_TAGGER_URL = new URL('../../models/attribution.bin', import.meta.url);

/** The two trained parts of the attribution stage. */
export interface AttributionModels {
  readonly tagger: TaggerModel;
  readonly spans: TaggerModel | null;
  /** The confirmation filter (confirm.ts), or null (older files, or trained without it). */
  readonly confirm?: ConfirmModel | null;
}

const MAGIC = 0x32544144; // "DAT2"
const cache = new Map<string, AttributionModels>();
let shipped: AttributionModels | null | undefined;

/**
 * The models as file bytes; features whose int8 weights are all within `prune` steps of 0 are
 * dropped (2 by default: a third of the features, the same PolNeAR dev figures, faster tagging).
 */
export function saveModels(m: AttributionModels, prune = 2): Buffer {
  const a = serialiseTagger(m.tagger, prune);
  const b = m.spans ? serialiseTagger(m.spans, prune) : Buffer.alloc(0);
  const head = Buffer.alloc(8);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(a.length, 4);
  const mid = Buffer.alloc(4);
  mid.writeUInt32LE(b.length, 0);
  // The confirmation filter follows as a third section (length, bytes) when there is one.
  const c = m.confirm ? serialiseConfirm(m.confirm) : Buffer.alloc(0);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(c.length, 0);
  return Buffer.concat([head, a, mid, b, ...(c.length ? [tail, c] : [])]);
}

/** Read a models file's bytes. */
export function readModels(bytes: Uint8Array, name = 'model'): AttributionModels {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.readUInt32LE(0) !== MAGIC) throw new DossierError('E_MODEL', `${name} is not a dossier attribution model (bad magic number).`);
  const la = buf.readUInt32LE(4);
  if (8 + la + 4 > buf.length) throw new DossierError('E_MODEL', `${name} is cut short.`);
  const tagger = deserialiseTagger(buf.subarray(8, 8 + la), name, SLOTS);
  const lb = buf.readUInt32LE(8 + la);
  let spans = lb ? deserialiseTagger(buf.subarray(12 + la, 12 + la + lb), name, SPAN_SLOTS) : null;
  // Both taggers are trained with the same word clusters: one table, so that the word
  // attributes are computed and cached once for both (tagger.ts keys its cache by the table).
  if (spans && sameClusters(tagger.clusters, spans.clusters)) spans = { ...spans, clusters: tagger.clusters };
  const at = 12 + la + lb;
  const lc = buf.length >= at + 4 ? buf.readUInt32LE(at) : 0;
  if (lc && at + 4 + lc > buf.length) throw new DossierError('E_MODEL', `${name} is cut short.`);
  const confirm = lc ? deserialiseConfirm(buf.subarray(at + 4, at + 4 + lc), name) : null;
  return { tagger, spans, confirm };
}

function sameClusters(a: Clusters, b: Clusters): boolean {
  if (a.size !== b.size) return false;
  for (const [w, c] of a) if (b.get(w) !== c) return false;
  return true;
}

/**
 * Load a models file, once per path.
 * @example const { tagger, spans } = loadModels('models/attribution.bin')
 */
export function loadModels(path: string): AttributionModels {
  const hit = cache.get(path);
  if (hit) return hit;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DossierError('E_MODEL', code === 'ENOENT' ? `the attribution model ${path} is missing.` : `the attribution model ${path} cannot be read (${code ?? String(error)}).`, { cause: error });
  }
  const models = readModels(bytes, path);
  cache.set(path, models);
  return models;
}

/** The sentence tagger of a models file. */
export const loadTagger = (path: string): TaggerModel => loadModels(path).tagger;

/**
 * The shipped models, or null when `models/attribution.bin` is absent (the rules then run alone).
 * @example findAttributions(doc, { tagger: defaultModels()?.tagger })
 */
export function defaultModels(): AttributionModels | null {
  if (shipped === undefined) {
    const file = fileURLToPath(DEFAULT_TAGGER_URL);
    shipped = existsSync(file) ? loadModels(file) : null;
  }
  return shipped;
}

/** The sentence tagger alone as file bytes (no span model). */
export function saveTagger(model: TaggerModel, prune = 0): Buffer {
  return saveModels({ tagger: model, spans: null }, prune);
}
