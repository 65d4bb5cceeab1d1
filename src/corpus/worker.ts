/**
 * The analysis worker: receives items from the ingesting thread, analyses each and posts the
 * result back. One writer (the main thread) stores them.
 */
import { parentPort } from 'node:worker_threads';
import { analyseItem, type AnalyseInput } from './analyse.js';

/** A message to a worker. */
export interface WorkRequest {
  readonly seq: number;
  readonly item: AnalyseInput;
}

/** A worker's reply. */
export interface WorkReply {
  readonly seq: number;
  readonly result: ReturnType<typeof analyseItem>;
}

parentPort?.on('message', (msg: WorkRequest) => {
  let result: ReturnType<typeof analyseItem>;
  try {
    result = analyseItem(msg.item);
  } catch (error) {
    // A bug in a stage is caught by the pipeline; this is for ingest itself.
    result = { ok: false, code: 'E_INTERNAL', message: `internal error while analysing ${msg.item.locator}: ${(error as Error).message}. Please report it with the input that caused it.` };
  }
  const reply: WorkReply = { seq: msg.seq, result };
  parentPort!.postMessage(reply);
});
