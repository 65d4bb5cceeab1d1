import type { Stage } from '../pipeline/stage.js';
import { recogniseEntities, type EntitiesOptions } from './entities.js';

export { recogniseEntities, type EntitiesOptions } from './entities.js';
export { loadGazetteer, type Gazetteer } from './gazetteer.js';
export { titleCase } from './recognise.js';
export { ROLE_HEADS, ROLE_MODIFIERS, HONORIFICS, TITLE_ABBREVIATIONS } from './rules/roles.js';
export { ORG_HEADS, LOC_HEADS, NOT_NAMES } from './rules/names.js';

/** Name mentions (PERSON, ORG, LOC, MISC) from rules, gazetteers and, where shipped, the trained model. */
export const entitiesStage: Stage<EntitiesOptions> = {
  name: 'entities',
  requires: ['sentences'],
  produces: ['mentions'],
  run: (doc, options) => ({ layers: { mentions: recogniseEntities(doc, options) } }),
};
