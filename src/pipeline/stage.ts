import type { Document, Layer, Layers, Message } from '../document/index.js';

/** What a stage returns: the layers it produces and any messages about the document. */
export interface StageOutput {
  readonly layers: Partial<Layers>;
  readonly messages?: readonly Message[];
}

/**
 * A pipeline stage: a pure function from a Document (and options) to new layers.
 * `requires` and `produces` are checked when the pipeline is built.
 */
export interface Stage<Options = Record<string, never>> {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly produces: readonly Layer[];
  run(doc: Document, options: Readonly<Options>): StageOutput;
}
