import { createDocument, withLayers, type CreateOptions, type Document, type Layer, type Message } from '../document/index.js';
import { DossierError } from '../errors.js';
import type { Stage } from './stage.js';

/** A built, frozen pipeline: stages in order, their requirements checked. */
export interface Pipeline {
  readonly stages: readonly Stage<any>[];
  run(doc: Document): Document;
}

/**
 * Build a pipeline from stages, checking that each stage's `requires` is produced by an
 * earlier one (as spaCy checks `requires`/`assigns`).
 */
export function buildPipeline(stages: readonly Stage<any>[], options: Readonly<Record<string, unknown>> = {}): Pipeline {
  const produced = new Set<Layer>();
  for (const stage of stages) {
    const missing = stage.requires.filter((l) => !produced.has(l));
    if (missing.length) {
      throw new DossierError(
        'E_INTERNAL',
        `stage '${stage.name}' needs ${missing.join(', ')}, which no earlier stage produces. Put a stage that produces it before '${stage.name}'.`,
      );
    }
    for (const l of stage.produces) produced.add(l);
  }
  const frozen = Object.freeze([...stages]);
  return Object.freeze({
    stages: frozen,
    run(doc: Document): Document {
      let current = doc;
      for (const stage of frozen) {
        try {
          const out = stage.run(current, (options[stage.name] ?? {}) as never);
          current = withLayers(current, out.layers, out.messages ?? []);
        } catch (error) {
          // One failing stage becomes a fatal message on the document; the batch goes on.
          const reason = error instanceof Error ? error.message : String(error);
          const message: Message = { reason: `stage ${stage.name} failed: ${reason}`, code: 'E_STAGE', stage: stage.name, fatal: true };
          current = withLayers(current, {}, [message]);
        }
      }
      return current;
    },
  });
}

/** Analyse a text with a pipeline. */
export function analyzeText(pipeline: Pipeline, text: string, options: CreateOptions = {}): Document {
  return pipeline.run(createDocument(text, options));
}
