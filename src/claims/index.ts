import type { Stage } from '../pipeline/stage.js';
import { findClaims } from './claims.js';

export { findClaims, mainEvent } from './claims.js';

/** Competing explanations of the article's main event, one claim per holder. */
export const claimsStage: Stage = {
  name: 'claims',
  requires: ['attributions', 'events', 'entities'],
  produces: ['claims'],
  run: (doc) => ({ layers: { claims: findClaims(doc) } }),
};
