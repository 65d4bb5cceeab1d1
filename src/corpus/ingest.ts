/**
 * Ingesting a corpus into the store: read items (files, feeds, WARC), keep each raw input,
 * analyse in worker threads (both cores), and write from this thread only, in batched
 * transactions, so that an article is stored whole or not at all. Idempotent by content hash:
 * a raw input already stored is skipped; one kept but not stored (a crash, `kill -9`) is
 * analysed again. Ends with cross-document resolution.
 *
 * This thread does as little as it can, so that the workers are never waiting for it: the
 * workers hand back the rows to insert (not the document), raw inputs are kept a few at a time
 * in one transaction, and each worker has several items queued so that it keeps going while
 * this thread writes.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sha256 } from '../document/index.js';
import { fail as dossierError } from '../errors.js';
import { resolveActors } from '../store/resolve.js';
import { getHeapStatistics } from 'node:v8';
import type { Store } from '../store/store.js';
import { createWriter } from '../store/write.js';
import { threadCpu } from './cpu.js';
import { analyseItem, type AnalyseInput, type AnalyseResult } from './analyse.js';
import { readCorpus, type CorpusEntry, type ReadProgress } from './sources.js';
import type { WorkReply, WorkRequest } from './worker.js';

/** A failed item, with its reason. */
export interface IngestFailure {
  readonly locator: string;
  readonly code: string;
  readonly reason: string;
}

/** Where an ingest's time went, in seconds, and the largest heaps seen (bytes). */
export interface IngestTiming {
  /** Analysis, summed over the worker threads (or in this thread with `jobs: 0`). */
  analysis: number;
  /** Analysis threads. */
  workers: number;
  /** The workers waiting for items to analyse, summed over them. */
  workerIdle: number;
  /** This thread waiting for the next item (reading files, gunzip, parsing feeds and WARC). */
  read: number;
  /** This thread hashing items, looking them up and keeping their raw bytes. */
  keep: number;
  /** This thread writing analysed articles (with full-text indexing and near duplicates). */
  write: number;
  /** Cross-document resolution at the end. */
  resolve: number;
  /** From the start until the first analysed item came back (start-up: loading the models, listing the inputs). */
  first: number;
  /** This thread idle, waiting for the workers. */
  wait: number;
  /** CPU seconds used by the workers (all of it, model loading too) and by this thread, where known (Linux). */
  workerCpu?: number;
  mainCpu?: number;
  /** Largest JavaScript heap of a worker, and of this thread. */
  workerHeap: number;
  mainHeap: number;
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
  timing: IngestTiming;
}

/** Progress, reported a few times a second. */
export interface IngestProgress extends Readonly<Omit<IngestSummary, 'failures' | 'merges' | 'timing'>> {
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
  /**
   * Megabytes of JavaScript heap an analysis thread may use (default 320): it keeps memory flat
   * however long the ingest. An item whose analysis needs more fails with `E_TOO_LARGE`, and a
   * new thread goes on with the rest.
   */
  readonly workerHeapMb?: number;
}

const MAX_FAILURES_KEPT = 1000;
/**
 * Items queued per worker: enough to keep it busy while this thread writes a batch or parses a
 * feed (a feed of 2,000 items takes this thread about 2 s to parse).
 */
const QUEUE_PER_WORKER = 24;
/**
 * Articles written per transaction. Each commit writes the pages the transaction changed (the
 * indexes' pages again and again at every commit): 128 to a transaction take this thread 15% less
 * CPU than 32 (0.96 against 1.13 ms an article, 3,000 analysed articles of the bench written back
 * to back), and a batch (about 0.15 s) is written well within the time the workers' queues last.
 */
const WRITE_BATCH = 128;
/** Raw inputs kept per transaction (fewer when they are large). */
const KEEP_BATCH = 16;
const KEEP_BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Default heap limit of an analysis thread, MB. A thread holds about 150 MB (models, caches); without
 * a limit V8 lets its heap grow to 400 MB and more over a long ingest. With it, V8 collects sooner
 * (no slower on news articles) and a 1 MB text still fits.
 */
const WORKER_HEAP_MB = 320;

interface Pending {
  readonly rawId: number;
  readonly locator: string;
  readonly hash: string;
}

/** An item read and hashed, waiting to have its raw bytes kept and to be sent for analysis. */
interface Intake {
  readonly item: AnalyseInput;
  readonly hash: string;
  /** Its id when the raw input was kept before (an interrupted ingest). */
  readonly rawId?: number;
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
  const cpuAtStart = threadCpu();
  const writer = createWriter(store);
  const url = workerUrl();
  const jobs = url ? Math.max(0, options.jobs ?? availableParallelism()) : 0;
  const batchSize = options.batch ?? WRITE_BATCH;
  const timing: IngestTiming = { analysis: 0, workers: jobs, workerIdle: 0, read: 0, keep: 0, write: 0, resolve: 0, first: 0, wait: 0, workerHeap: 0, mainHeap: 0 };
  const summary: IngestSummary = { read: 0, stored: 0, duplicates: 0, failed: 0, skipped: 0, nearDuplicates: 0, merges: 0, seconds: 0, failures: [], timing };
  const progress: ReadProgress = { bytesTotal: 0, bytesDone: 0, skipped: 0 };
  // Milliseconds, turned into seconds at the end.
  const ms = { analysis: 0, workerIdle: 0, read: 0, keep: 0, write: 0, resolve: 0, wait: 0 };

  const fail = (f: IngestFailure): void => {
    summary.failed++;
    if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push(f);
  };

  // Results waiting to be written, in one transaction per batch.
  let ready: { pending: Pending; result: AnalyseResult }[] = [];
  const flush = (): void => {
    if (!ready.length) return;
    const t = performance.now();
    const batch = ready;
    ready = [];
    // A hash stays "in hand" until its article is written, so that a copy read meanwhile is a duplicate.
    for (const { pending } of batch) hashes.delete(pending.hash);
    writer.transaction(() => {
      for (const { pending, result } of batch) {
        if (result.ok) {
          const out = writer.storeRows(pending.rawId, result.value);
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
    ms.write += performance.now() - t;
    timing.mainHeap = Math.max(timing.mainHeap, getHeapStatistics().total_heap_size);
  };

  // Workers, each with the items sent to it, in the order it analyses them.
  interface Slot {
    worker: Worker;
    readonly queue: number[];
    /** Items it has analysed. */
    done: number;
    /** CPU seconds it reported last. */
    cpu: number;
    /** Ended (replaced, or the ingest is over): its events are ignored. */
    ended: boolean;
  }
  const inFlight = new Map<number, { pending: Pending; item: AnalyseInput }>();
  const hashes = new Set<string>();
  let seq = 0;
  let wake: (() => void) | undefined;
  const slots: Slot[] = [];
  let workerError: Error | undefined;
  let retiredCpu = 0;
  const settle = (n: number, result: AnalyseResult): void => {
    const sent = inFlight.get(n);
    if (!sent) return;
    inFlight.delete(n);
    if (!timing.first) timing.first = (performance.now() - started) / 1000;
    ready.push({ pending: sent.pending, result });
    wake?.();
  };
  const send = (slot: Slot, n: number): void => {
    slot.queue.push(n);
    const req: WorkRequest = { seq: n, item: inFlight.get(n)!.item };
    slot.worker.postMessage(req);
  };
  const heapLimitMb = options.workerHeapMb ?? WORKER_HEAP_MB;
  const start = (slot?: Slot): Slot => {
    const s: Slot = slot ?? { worker: undefined as unknown as Worker, queue: [], done: 0, cpu: 0, ended: false };
    const worker = new Worker(url!, { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    s.worker = worker;
    s.done = 0;
    s.cpu = 0;
    s.ended = false;
    worker.on('message', (reply: WorkReply) => {
      if (s.worker !== worker) return;
      s.queue.splice(s.queue.indexOf(reply.seq), 1);
      s.done++;
      if (reply.cpu !== undefined) s.cpu = reply.cpu;
      ms.analysis += reply.ms;
      ms.workerIdle += reply.idle;
      if (reply.heap > timing.workerHeap) timing.workerHeap = reply.heap;
      settle(reply.seq, reply.result);
    });
    const died = (error: Error): void => {
      if (s.worker !== worker || s.ended) return;
      s.ended = true;
      retiredCpu += s.cpu;
      const [current, ...waiting] = s.queue.splice(0);
      const locator = current === undefined ? '' : inFlight.get(current)!.pending.locator;
      const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (s.done === 0 && !oom) {
        // It stopped before analysing anything: every worker would. Fail its items; the ingest stops.
        workerError = error;
        const message = `internal error: an analysis thread stopped (${error.message}). Run the ingest again to resume; please report it if it happens again.`;
        for (const n of [current, ...waiting]) if (n !== undefined) settle(n, { ok: false, code: 'E_INTERNAL', message });
        return;
      }
      // The item it was analysing fails; a new worker takes the ones waiting behind it.
      if (current !== undefined) {
        const error_ = oom
          ? dossierError('E_TOO_LARGE', locator, 'its analysis ran out of memory', `${heapLimitMb} MB per analysis thread; raise it with --worker-memory`)
          : dossierError('E_INTERNAL', `an analysis thread stopped while analysing ${locator} (${error.message})`);
        settle(current, { ok: false, code: error_.code, message: error_.message });
      }
      start(s);
      for (const n of waiting) send(s, n);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`exit code ${code}`)));
    if (!slot) slots.push(s);
    return s;
  };
  for (let i = 0; i < jobs; i++) start();
  const maxInFlight = Math.max(1, jobs * QUEUE_PER_WORKER);

  const dispatch = (item: AnalyseInput, pending: Pending): void => {
    const n = seq++;
    inFlight.set(n, { pending, item });
    if (!slots.length) {
      const t = performance.now();
      const result = analyseItem(item);
      ms.analysis += performance.now() - t;
      settle(n, result);
      return;
    }
    send(slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a)), n);
  };

  // Items read but not yet kept: their raw bytes are kept in one transaction, then they are sent.
  let intake: Intake[] = [];
  let intakeBytes = 0;
  const keepIntake = (): void => {
    if (!intake.length) return;
    const t = performance.now();
    const items = intake;
    intake = [];
    intakeBytes = 0;
    const ids = writer.transaction(() =>
      items.map(({ item, hash, rawId }) => rawId ?? writer.keepRaw({ hash, locator: item.locator, path: item.path, url: item.url, format: item.format, title: item.title, date: item.date, bytes: item.bytes }).id),
    );
    ms.keep += performance.now() - t;
    items.forEach(({ item, hash }, i) => dispatch(item, { rawId: ids[i], locator: item.locator, hash }));
  };

  const waitForRoom = async (limit: number): Promise<void> => {
    while (inFlight.size > limit) {
      if (ready.length >= batchSize) {
        flush();
        continue;
      }
      const t = performance.now();
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
      ms.wait += performance.now() - t;
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
    const { timing: _, failures: __, ...counts } = summary;
    report({ ...counts, skipped: progress.skipped, seconds: (t - started) / 1000, fraction: progress.bytesTotal ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 0 });
  };

  try {
    const entries = readCorpus(paths, progress) as AsyncGenerator<CorpusEntry>;
    for (;;) {
      let t = performance.now();
      const next = await entries.next();
      ms.read += performance.now() - t;
      if (next.done || workerError) break;
      const entry = next.value;
      t = performance.now();
      summary.read++;
      if (entry.kind === 'failure') {
        if (entry.bytes) {
          const hash = sha256(entry.bytes);
          const state = writer.rawState(hash);
          if (state?.status === 'stored') {
            summary.duplicates++;
            ms.keep += performance.now() - t;
            continue;
          }
          writer.transaction(() => {
            const raw = writer.keepRaw({ hash, locator: entry.locator, path: entry.path, format: 'file', bytes: entry.bytes! });
            writer.failRaw(raw.id, entry.locator, entry.error.code, entry.error.message);
          });
        } else writer.transaction(() => writer.noteFailure(entry.locator, entry.error.code, entry.error.message));
        fail({ locator: entry.locator, code: entry.error.code, reason: entry.error.message });
        ms.keep += performance.now() - t;
        tick();
        continue;
      }
      const hash = sha256(entry.bytes);
      const state = hashes.has(hash) ? undefined : writer.rawState(hash);
      if (hashes.has(hash) || state?.status === 'stored' || state?.status === 'duplicate') {
        summary.duplicates++;
        ms.keep += performance.now() - t;
        tick();
        continue;
      }
      hashes.add(hash);
      const item: AnalyseInput = { locator: entry.locator, path: entry.path, format: entry.format, url: entry.url, title: entry.title, date: entry.date, content: entry.content, bytes: entry.bytes };
      intake.push({ item, hash, ...(state ? { rawId: state.id } : {}) });
      intakeBytes += entry.bytes.length;
      ms.keep += performance.now() - t;
      // Keep and send the intake when it is full, or at once when the workers are short of work.
      if (intake.length >= KEEP_BATCH || intakeBytes >= KEEP_BATCH_BYTES || inFlight.size < jobs * 2) keepIntake();
      if (ready.length >= batchSize) flush();
      await waitForRoom(maxInFlight);
      tick();
    }
    keepIntake();
    await waitForRoom(0);
    flush();
  } finally {
    for (const s of slots) s.ended = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
  const t = performance.now();
  summary.skipped = progress.skipped;
  summary.merges = resolveActors(store);
  store.db.pragma('optimize');
  ms.resolve = performance.now() - t;
  for (const k of Object.keys(ms) as (keyof typeof ms)[]) timing[k] = ms[k] / 1000;
  timing.mainHeap = Math.max(timing.mainHeap, getHeapStatistics().total_heap_size);
  const cpuAtEnd = threadCpu();
  if (cpuAtStart !== undefined && cpuAtEnd !== undefined) timing.mainCpu = cpuAtEnd - cpuAtStart;
  if (slots.length && cpuAtStart !== undefined) timing.workerCpu = slots.reduce((sum, s) => sum + s.cpu, retiredCpu);
  summary.seconds = (performance.now() - started) / 1000;
  tick(true);
  return summary;
}
