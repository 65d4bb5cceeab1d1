import type { Stage } from '../pipeline/stage.js';
import { findRelations } from './relations.js';

export { findRelations, signOf } from './relations.js';

/** Actor-to-actor relations with a sign (cooperation, conflict, neutral) and their evidence. */
export const relationsStage: Stage = {
  name: 'relations',
  requires: ['entities', 'events', 'attributions'],
  produces: ['relations'],
  run: (doc) => ({ layers: { relations: findRelations(doc) } }),
};
