/**
 * dossier as a library: analyse a text into a Document and print it.
 *
 * @example
 * import { analyze, toJson } from 'dossier';
 * const doc = analyze('Foreign Minister Sergei Lavrov said that talks went well.');
 * console.log(toJson(doc).attributions);
 */
import { createDocument, type CreateOptions, type Document } from './document/index.js';
import { defaultPipeline } from './pipeline/index.js';

export { createDocument, withLayers, spanText, toPoint, isValidSpan } from './document/index.js';
export type * from './document/types.js';
export { buildPipeline, defaultPipeline, analyzeText, STANDARD_STAGES, type Pipeline, type Stage, type StageOutput } from './pipeline/index.js';
export { ingestBytes, readInput, type Ingested } from './ingest/index.js';
export { toJson, toBrief, type OutputDocument, type BriefOptions } from './output/index.js';
export { DossierError, ERRORS, type ErrorCode, type Result } from './errors.js';

/** Analyse clean text with the standard pipeline. */
export function analyze(text: string, options: CreateOptions = {}): Document {
  return defaultPipeline().run(createDocument(text, options));
}
