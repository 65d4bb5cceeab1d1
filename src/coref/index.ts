import type { Stage } from '../pipeline/stage.js';
import { resolve, type CorefOptions } from './coref.js';

export { resolve, type CorefOptions, type CorefResult } from './coref.js';

/** Entities: name mentions clustered, with pronouns, descriptions and ordinals resolved to them. */
export const corefStage: Stage<CorefOptions> = {
  name: 'coref',
  requires: ['sentences', 'mentions', 'roles'],
  produces: ['mentions', 'entities'],
  run: (doc, options) => {
    const { mentions, entities } = resolve(doc, options);
    return { layers: { mentions, entities } };
  },
};
