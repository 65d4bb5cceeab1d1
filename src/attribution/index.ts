import type { Stage } from '../pipeline/stage.js';
import { findAttributions, type AttributionOptions } from './attribution.js';

export { findAttributions, type AttributionOptions } from './attribution.js';
export { findQuotes, type Quote } from './quotes.js';
export { buildLexicon, type CueLexicon, type CueClass, type LexiconOptions } from './lexicon.js';

/**
 * Who said or believes what: direct quotes, reported speech and beliefs, each with a
 * source (resolved to an entity through the mentions layer), a cue and a content.
 * @example buildPipeline([segmentStage, entitiesStage, rolesStage, corefStage, attributionStage])
 */
export const attributionStage: Stage<AttributionOptions> = {
  name: 'attribution',
  requires: ['sentences', 'mentions', 'entities'],
  produces: ['attributions'],
  run: (doc, options) => ({ layers: { attributions: findAttributions(doc, options) } }),
};
