/**
 * Analysing one corpus item: ingest its bytes, run the pipeline (the standard stages and
 * attribution), map it to the JSON contract, compute its MinHash signature, and make the rows
 * the store will insert. Runs in a worker thread or inline; it touches no database.
 */
import { attributionStage } from '../attribution/index.js';
import { createDocument } from '../document/index.js';
import type { SourceFormat } from '../document/types.js';
import type { DossierError } from '../errors.js';
import { ingestBytes } from '../ingest/index.js';
import { toJson } from '../output/index.js';
import { buildPipeline, STANDARD_STAGES, type Pipeline } from '../pipeline/index.js';
import { articleRows, type ArticleRows } from '../store/rows.js';
import { signature } from './minhash.js';
import type { CorpusItem } from './sources.js';

/** What analysis needs of an item (what crosses to a worker). */
export type AnalyseInput = Pick<CorpusItem, 'locator' | 'path' | 'format' | 'url' | 'title' | 'date' | 'content' | 'bytes'>;

/** An analysed item: the rows to store (the document JSON, its entities, MinHash signature...). */
export type AnalyseResult = { readonly ok: true; readonly value: ArticleRows } | { readonly ok: false; readonly code: string; readonly message: string };

let pipeline: Pipeline | undefined;

/** The corpus pipeline: the standard stages, with attribution after them when they lack it. */
export function corpusPipeline(): Pipeline {
  pipeline ??= buildPipeline(STANDARD_STAGES.some((s) => s.name === attributionStage.name) ? STANDARD_STAGES : [...STANDARD_STAGES, attributionStage]);
  return pipeline;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A feed item's HTML is a fragment: give it a page around it, so that extraction finds the article. */
function wrapFragment(bytes: Uint8Array, title: string | undefined): Uint8Array {
  const html = new TextDecoder().decode(bytes);
  if (/<(?:html|body)[\s>]/i.test(html.slice(0, 2048))) return bytes;
  const head = title ? `<title>${escapeHtml(title)}</title>` : '';
  return new TextEncoder().encode(`<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body><article>${html}</article></body></html>`);
}

const failed = (error: DossierError): AnalyseResult => ({ ok: false, code: error.code, message: error.message });

/**
 * Analyse one item.
 * @example analyseItem({ locator: 'a.txt', path: 'a.txt', format: 'file', content: 'auto', bytes }).ok
 */
export function analyseItem(item: AnalyseInput): AnalyseResult {
  const ingested = ingestBytes(item.format === 'feed' && item.content === 'html' ? wrapFragment(item.bytes, item.title) : item.bytes, {
    path: item.locator,
    ...(item.url ? { url: item.url } : {}),
    format: item.content === 'auto' ? 'auto' : item.content,
  });
  if (!ingested.ok) return failed(ingested.error);
  const { text, meta, removed, messages, raw } = ingested.value;
  const format: SourceFormat = item.format === 'file' ? ingested.value.source.format : item.format;
  const source = {
    ...ingested.value.source,
    path: item.path,
    ...(item.url ? { url: item.url } : {}),
    format,
    ...(item.format === 'warc' && item.date ? { fetched: item.date } : {}),
  };
  const doc = corpusPipeline().run(
    createDocument(text, {
      source,
      meta: { ...meta, ...(item.title && !meta.title ? { title: item.title } : {}), ...(item.date && !meta.date ? { date: item.date } : {}) },
      removed,
      messages,
      raw,
    }),
  );
  return { ok: true, value: articleRows(toJson(doc), signature(doc.text)) };
}
