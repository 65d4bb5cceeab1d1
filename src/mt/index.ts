/**
 * The mt stage: what machine translation from Russian left in an English text
 * (transliterated words restored to Cyrillic, Russian acronyms, literal idioms, shouting,
 * lower-cased names), as `artifacts`. The transliteration model ships as
 * `models/mt-translit.bin` and is rebuilt with `npm run train:mt`.
 *
 * @example
 * import { mtStage } from './mt/index.js';
 * buildPipeline([segmentStage, entitiesStage, mtStage]);
 */
import type { Stage } from '../pipeline/stage.js';
import { findArtifacts, type MtOptions } from './mt.js';

export { findArtifacts, ARTIFACT_KINDS, type MtArtifact, type MtOptions, type ArtifactKind } from './mt.js';
export { loadTranslitModel, saveTranslitModel, scoreWord, isEnglishWord, DEFAULT_MT_MODEL_URL, type TranslitModel, type SchemeFamily } from './model.js';
export { restore, decode, type Reading } from './restore.js';
export { analyse, type Analysis } from './russian.js';
export { normaliseLatin } from './latin.js';
export { ACRONYMS, acronymForms, type AcronymEntry } from './rules/acronyms.js';
export { IDIOMS, type IdiomEntry } from './rules/idioms.js';

/** Translation leftovers (artifacts) from sentences and name mentions. */
export const mtStage: Stage<MtOptions> = {
  name: 'mt',
  requires: ['sentences', 'mentions'],
  produces: ['artifacts'],
  run: (doc, options) => ({ layers: { artifacts: findArtifacts(doc, options) } }),
};
