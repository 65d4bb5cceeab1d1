import { segmentStage } from '../segment/index.js';
import { buildPipeline, type Pipeline } from './pipeline.js';

export { buildPipeline, analyzeText, type Pipeline } from './pipeline.js';
export type { Stage, StageOutput } from './stage.js';

let standard: Pipeline | undefined;

/** The standard analysis pipeline (built once, frozen). */
export function defaultPipeline(): Pipeline {
  standard ??= buildPipeline([segmentStage]);
  return standard;
}
