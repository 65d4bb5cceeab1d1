import { attributionStage } from '../attribution/index.js';
import { claimsStage } from '../claims/index.js';
import { corefStage } from '../coref/index.js';
import { entitiesStage } from '../entities/index.js';
import { eventsStage } from '../events/index.js';
import { mtStage } from '../mt/index.js';
import { rolesStage } from '../roles/index.js';
import { relationsStage } from '../relations/index.js';
import { segmentStage } from '../segment/index.js';
import { buildPipeline, type Pipeline } from './pipeline.js';
import type { Stage } from './stage.js';

export { buildPipeline, analyzeText, type Pipeline } from './pipeline.js';
export type { Stage, StageOutput } from './stage.js';

/** The standard stages, in order. */
export const STANDARD_STAGES: readonly Stage<any>[] = [segmentStage, entitiesStage, mtStage, rolesStage, corefStage, attributionStage, eventsStage, claimsStage, relationsStage];

let standard: Pipeline | undefined;

/** The standard analysis pipeline (built once, frozen). */
export function defaultPipeline(): Pipeline {
  standard ??= buildPipeline(STANDARD_STAGES);
  return standard;
}
