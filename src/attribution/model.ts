/**
 * Loading and saving the attribution tagger. The shipped model lives in
 * `models/attribution.bin` and is rebuilt with `npm run train:attribution`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../errors.js';
import { deserialiseTagger, serialiseTagger, type TaggerModel } from './tagger.js';

/** Where the shipped model lives, resolved from this module so that it works from src/ and dist/. */
export const DEFAULT_TAGGER_URL = new URL('../../models/attribution.bin', import.meta.url);

const cache = new Map<string, TaggerModel>();
let shipped: TaggerModel | null | undefined;

/**
 * Load a tagger file, once per path.
 * @example const tagger = loadTagger('models/attribution.bin')
 */
export function loadTagger(path: string): TaggerModel {
  const hit = cache.get(path);
  if (hit) return hit;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DossierError('E_MODEL', code === 'ENOENT' ? `the attribution model ${path} is missing.` : `the attribution model ${path} cannot be read (${code ?? String(error)}).`, { cause: error });
  }
  const model = deserialiseTagger(bytes, path);
  cache.set(path, model);
  return model;
}

/**
 * The shipped tagger, or null when `models/attribution.bin` is absent (the rules then run alone).
 * @example findAttributions(doc, { tagger: defaultTagger() })
 */
export function defaultTagger(): TaggerModel | null {
  if (shipped === undefined) {
    const file = fileURLToPath(DEFAULT_TAGGER_URL);
    shipped = existsSync(file) ? loadTagger(file) : null;
  }
  return shipped;
}

/** The tagger as file bytes. */
export function saveTagger(model: TaggerModel): Buffer {
  return serialiseTagger(model);
}
