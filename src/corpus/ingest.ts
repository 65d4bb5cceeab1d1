/**
 * Ingesting a corpus into the store: read items (files, feeds, WARC), keep each raw input,
 * analyse in worker threads (both cores), and write from this thread only, in batched
 * transactions, so that an article is stored whole or not at all. Idempotent by content hash:
 * a raw input already stored is skipped; one kept but not stored (a crash, `kill -9`) is
 * analysed again. Ends with cross-document resolution.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sha256 } from '../document/index.js';
import { resolveActors } from '../store/resolve.js';
import { writeTx, type Store } from '../store/store.js';
import { createWriter } from '../store/write.js';
import { analyseItem, type AnalyseInput, type AnalyseResult } from './analyse.js';
import { readCorpus, type CorpusEntry, type ReadProgress } from './sources.js';
import type { WorkReply, WorkRequest } from './worker.js';

/** A failed item, with its reason. */
export interface IngestFailure {
  readonly locator: string;
  readonly code: string;
  readonly reason: string;
}

/** What an ingest did. */
export interface IngestSummary {
  /** Items read (files, feed items, HTML records). */
  read: number;
  /** New articles stored. */
  stored: number;
  /** Items skipped because the same bytes (or the same document) were stored before. */
  duplicates: number;
  failed: number;
  /** WARC records that are not HTML responses. */
  skipped: number;
  /** New articles that joined a near-duplicate group. */
  nearDuplicates: number;
  /** Cross-document merges made. */
  merges: number;
  seconds: number;
  /** The failures (the first 1,000). */
  failures: IngestFailure[];
}

/** Progress, reported a few times a second. */
export interface IngestProgress extends Readonly<Omit<IngestSummary, 'failures' | 'merges'>> {
  /** Share of the input bytes read, 0..1. */
  readonly fraction: number;
}

/** Options for {@link ingestCorpus}. */
export interface IngestOptions {
  /** Worker threads; 0 analyses in this thread. Default: the number of cores. */
  readonly jobs?: number;
  /** Articles written per transaction. */
  readonly batch?: number;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Milliseconds between progress reports (default 250). */
  readonly progressEvery?: number;
}

const MAX_FAILURES_KEPT = 1000;

interface Pending {
  readonly rawId: number;
  readonly locator: string;
  readonly hash: string;
}

/** The compiled worker, when there is one (not when running the TypeScript sources). */
function workerUrl(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Ingest files, folders, feeds and web archives into a store.
 * @example const summary = await ingestCorpus(openStore('dossier.db'), ['news/'])
 */
export async function ingestCorpus(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const writer = createWriter(store);
  const url = workerUrl();
  const jobs = url ? Math.max(0, options.jobs ?? availableParallelism()) : 0;
  const batchSize = options.batch ?? 32;
  const summary: IngestSummary = { read: 0, stored: 0, duplicates: 0, failed: 0, skipped: 0, nearDuplicates: 0, merges: 0, seconds: 0, failures: [] };
  const progress: ReadProgress = { bytesTotal: 0, bytesDone: 0, skipped: 0 };

  const fail = (f: IngestFailure): void => {
    summary.failed++;
    if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push(f);
  };

  // Results waiting to be written, in one transaction per batch.
  let ready: { pending: Pending; result: AnalyseResult }[] = [];
  const flush = (): void => {
    if (!ready.length) return;
    const batch = ready;
    ready = [];
    // A hash stays "in hand" until its article is written, so that a copy read meanwhile is a duplicate.
    for (const { pending } of batch) hashes.delete(pending.hash);
    writeTx(store, () => {
      for (const { pending, result } of batch) {
        if (result.ok) {
          const out = writer.storeArticle(pending.rawId, result.value.doc, result.value.signature);
          if (out.stored) {
            summary.stored++;
            if (out.duplicateGroup !== undefined) summary.nearDuplicates++;
          } else summary.duplicates++;
        } else {
          writer.failRaw(pending.rawId, pending.locator, result.code, result.message);
          fail({ locator: pending.locator, code: result.code, reason: result.message });
        }
      }
    });
  };

  // Workers, each with the items it is analysing.
  const inFlight = new Map<number, Pending>();
  const hashes = new Set<string>();
  let seq = 0;
  let wake: (() => void) | undefined;
  const workers: { worker: Worker; busy: Set<number> }[] = [];
  let workerError: Error | undefined;
  const settle = (n: number, result: AnalyseResult): void => {
    const pending = inFlight.get(n);
    if (!pending) return;
    inFlight.delete(n);
    ready.push({ pending, result });
    wake?.();
  };
  for (let i = 0; i < jobs; i++) {
    const slot = { worker: new Worker(url!), busy: new Set<number>() };
    slot.worker.on('message', (reply: WorkReply) => {
      slot.busy.delete(reply.seq);
      settle(reply.seq, reply.result);
    });
    slot.worker.on('error', (error) => {
      // A worker that dies fails its items; the ingest stops after them (run it again to resume).
      workerError = error;
      for (const n of slot.busy) settle(n, { ok: false, code: 'E_INTERNAL', message: `internal error: an analysis worker stopped (${error.message}). Run the ingest again to resume.` });
      slot.busy.clear();
    });
    workers.push(slot);
  }
  const maxInFlight = Math.max(1, jobs * 4);

  const dispatch = (item: AnalyseInput, pending: Pending): void => {
    const n = seq++;
    inFlight.set(n, pending);
    hashes.add(pending.hash);
    if (!workers.length) {
      settle(n, analyseItem(item));
      return;
    }
    const slot = workers.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
    slot.busy.add(n);
    const req: WorkRequest = { seq: n, item };
    slot.worker.postMessage(req);
  };

  const waitForRoom = async (limit: number): Promise<void> => {
    while (inFlight.size > limit) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
      if (ready.length >= batchSize) flush();
    }
  };

  const report = options.onProgress;
  let lastReport = 0;
  const every = options.progressEvery ?? 250;
  const tick = (force = false): void => {
    if (!report) return;
    const t = performance.now();
    if (!force && t - lastReport < every) return;
    lastReport = t;
    report({ ...summary, skipped: progress.skipped, seconds: (t - started) / 1000, fraction: progress.bytesTotal ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 0 });
  };

  try {
    for await (const entry of readCorpus(paths, progress) as AsyncGenerator<CorpusEntry>) {
      if (workerError) break;
      summary.read++;
      if (entry.kind === 'failure') {
        if (entry.bytes) {
          const hash = sha256(entry.bytes);
          const state = writer.rawState(hash);
          if (state?.status === 'stored') {
            summary.duplicates++;
            continue;
          }
          const raw = writer.keepRaw({ hash, locator: entry.locator, path: entry.path, format: 'file', bytes: entry.bytes });
          writeTx(store, () => writer.failRaw(raw.id, entry.locator, entry.error.code, entry.error.message));
        } else writeTx(store, () => writer.noteFailure(entry.locator, entry.error.code, entry.error.message));
        fail({ locator: entry.locator, code: entry.error.code, reason: entry.error.message });
        tick();
        continue;
      }
      const hash = sha256(entry.bytes);
      const state = writer.rawState(hash);
      if (state?.status === 'stored' || state?.status === 'duplicate' || hashes.has(hash)) {
        summary.duplicates++;
        tick();
        continue;
      }
      const raw = state ?? writeTx(store, () => writer.keepRaw({ hash, locator: entry.locator, path: entry.path, url: entry.url, format: entry.format, title: entry.title, date: entry.date, bytes: entry.bytes }));
      dispatch(
        { locator: entry.locator, path: entry.path, format: entry.format, url: entry.url, title: entry.title, date: entry.date, content: entry.content, bytes: entry.bytes },
        { rawId: raw.id, locator: entry.locator, hash },
      );
      if (ready.length >= batchSize) flush();
      await waitForRoom(maxInFlight);
      tick();
    }
    await waitForRoom(0);
    flush();
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  summary.skipped = progress.skipped;
  summary.merges = resolveActors(store);
  store.db.pragma('optimize');
  summary.seconds = (performance.now() - started) / 1000;
  tick(true);
  return summary;
}
