/**
 * The analysis worker: receives items from the ingesting thread, analyses each, and posts back
 * the rows to store, with the time the analysis took and the size of this thread's heap. One
 * writer (the main thread) stores them.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { analyseItem, type AnalyseInput, type AnalyseResult } from './analyse.js';
import { threadCpu } from './cpu.js';

/** A message to a worker. */
export interface WorkRequest {
  readonly seq: number;
  readonly item: AnalyseInput;
}

/** A worker's reply. */
export interface WorkReply {
  readonly seq: number;
  readonly result: AnalyseResult;
  /** Milliseconds spent analysing the item. */
  readonly ms: number;
  /** Milliseconds this worker waited for the item since it finished the one before (or since it started). */
  readonly idle: number;
  /** Bytes of this worker's JavaScript heap after the item. */
  readonly heap: number;
  /** CPU seconds this worker has used so far, where known. */
  readonly cpu?: number;
}

/**
 * A short text analysed when the worker starts, before any item arrives: it loads the models and
 * lexicons (about a second) while the ingesting thread is still listing, reading and keeping the
 * first inputs. Its result is thrown away; a model that cannot be loaded fails the first item.
 */
const WARM_UP = 'Maria Petrova, a spokeswoman for the ministry, said on Monday that the talks would continue. "We are ready," she told reporters.';

function warmUp(): void {
  try {
    analyseItem({ locator: 'warm-up', path: 'warm-up', format: 'file', content: 'text', bytes: new TextEncoder().encode(WARM_UP) });
  } catch {
    // The first item says what is wrong.
  }
}

if (parentPort) warmUp();
let lastDone = performance.now();

parentPort?.on('message', (msg: WorkRequest) => {
  const started = performance.now();
  const idle = started - lastDone;
  let result: AnalyseResult;
  try {
    result = analyseItem(msg.item);
  } catch (error) {
    // A bug in a stage is caught by the pipeline; this is for ingest itself.
    result = { ok: false, code: 'E_INTERNAL', message: `internal error while analysing ${msg.item.locator}: ${(error as Error).message}. Please report it with the input that caused it.` };
  }
  const cpu = threadCpu();
  lastDone = performance.now();
  const reply: WorkReply = { seq: msg.seq, result, ms: lastDone - started, idle, heap: getHeapStatistics().total_heap_size, ...(cpu !== undefined ? { cpu } : {}) };
  parentPort!.postMessage(reply);
});
