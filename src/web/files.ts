/**
 * `dossier serve FILE...`: analyse files (and the files in folders) when the server starts and
 * keep the documents in memory.
 */
import { createDocument } from '../document/index.js';
import { listInputs } from '../corpus/sources.js';
import type { DossierError } from '../errors.js';
import { readInput } from '../ingest/index.js';
import { toJson, type OutputDocument } from '../output/index.js';
import { defaultPipeline } from '../pipeline/index.js';

/** What analysing the files gave: documents, and the inputs that failed with why. */
export interface Analysed {
  readonly docs: OutputDocument[];
  readonly failures: { readonly path: string; readonly error: DossierError }[];
}

/**
 * Analyse article files (plain text or HTML, .gz too; folders are walked) with the standard pipeline.
 * @example const { docs } = await analyseFiles(['examples/'])
 */
export async function analyseFiles(paths: readonly string[], onDone?: (path: string, ok: boolean) => void): Promise<Analysed> {
  const { files, failures: missing } = await listInputs(paths);
  const failures: { path: string; error: DossierError }[] = missing.map((f) => ({ path: f.path, error: f.error }));
  const docs: OutputDocument[] = [];
  const seen = new Set<string>();
  const pipeline = defaultPipeline();
  for (const f of files) {
    const input = await readInput(f.path);
    if (!input.ok) {
      failures.push({ path: f.path, error: input.error });
      onDone?.(f.path, false);
      continue;
    }
    const { text, source, meta, removed, messages, raw } = input.value;
    const doc = toJson(pipeline.run(createDocument(text, { source, meta, removed, messages, raw })));
    if (!seen.has(doc.id)) docs.push(doc);
    seen.add(doc.id);
    onDone?.(f.path, true);
  }
  return { docs, failures };
}
