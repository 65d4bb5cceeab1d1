import type { Stage } from '../pipeline/stage.js';
import { segment } from './segment.js';

export { segment, tokenize } from './segment.js';

/** Sentences and tokens with character offsets. */
export const segmentStage: Stage = {
  name: 'segment',
  requires: [],
  produces: ['sentences'],
  run: (doc) => ({ layers: { sentences: segment(doc.text) } }),
};
