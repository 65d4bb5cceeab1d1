import type { Stage } from '../pipeline/stage.js';
import { findEvents } from './events.js';

export { findEvents } from './events.js';
export { findTimes, normaliseTime } from './time.js';

/** Events (visits, meetings, calls, agreements, sanctions, military actions) with actors, place, time and modality. */
export const eventsStage: Stage = {
  name: 'events',
  requires: ['sentences', 'mentions', 'entities'],
  produces: ['events'],
  run: (doc) => ({ layers: { events: findEvents(doc) } }),
};
