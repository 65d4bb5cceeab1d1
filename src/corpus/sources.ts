/**
 * Reading a corpus: files and folders (text, HTML, `.gz`), RSS and Atom feed files (one item per
 * entry, with its link, date, title and content) and WARC / WARC.gz web archives (one item per
 * HTML response, with the record's URL and date). Everything is streamed: one item at a time,
 * so memory stays flat however large the corpus. A problem with one item (a corrupt gzip, a bad
 * WARC record, a feed that is not XML) is yielded as a failure and the rest go on.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { WARCParser } from 'warcio';
import { DossierError, fail } from '../errors.js';
import { MAX_INPUT_BYTES } from '../ingest/index.js';

/** Where an item came from and how to read it. */
export type ItemFormat = 'file' | 'feed' | 'warc';

/** One input to analyse: its bytes and what the container said about it. */
export interface CorpusItem {
  readonly kind: 'item';
  /** A stable name: the path, `path#item=N` for a feed item, `path#record=<WARC-Record-ID>`. */
  readonly locator: string;
  readonly path: string;
  readonly format: ItemFormat;
  readonly url?: string;
  readonly title?: string;
  /** ISO date given by the container (feed item date, WARC-Date). */
  readonly date?: string;
  /** How to read the bytes: `auto` looks at them (plain text or HTML). */
  readonly content: 'auto' | 'html' | 'text';
  readonly bytes: Uint8Array;
}

/** An item that could not be read, with the reason; `bytes` when there were some to keep. */
export interface CorpusFailure {
  readonly kind: 'failure';
  readonly locator: string;
  readonly path: string;
  readonly error: DossierError;
  readonly bytes?: Uint8Array;
}

export type CorpusEntry = CorpusItem | CorpusFailure;

/** A file found under the given paths. */
export interface InputFile {
  readonly path: string;
  readonly size: number;
  readonly kind: ItemFormat;
}

/** Counts kept while reading; `bytesDone / bytesTotal` is the share of the input read. */
export interface ReadProgress {
  bytesTotal: number;
  bytesDone: number;
  /** WARC records that are not HTML responses (requests, metadata, images), passed over. */
  skipped: number;
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The kind of a file from its name. */
export function kindOf(path: string): ItemFormat {
  if (/\.warc(\.gz)?$/i.test(path) || /\.arc\.gz$/i.test(path)) return 'warc';
  if (/\.(rss|atom|xml)(\.gz)?$/i.test(path)) return 'feed';
  return 'file';
}

/** True when the bytes start like an RSS, Atom or RDF feed. */
export function looksLikeFeed(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
  if (!head.startsWith('<')) return false;
  return /<(?:rss|feed|rdf:RDF)[\s>]/i.test(head) && !/<html[\s>]/i.test(head);
}

/** True when the bytes start like a WARC record. */
export const looksLikeWarc = (bytes: Uint8Array): boolean => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8)).toString('latin1').startsWith('WARC/');

/**
 * The files under the given paths (folders recursively, hidden files skipped), in path order.
 * Paths that do not exist come back as failures.
 */
export async function listInputs(paths: readonly string[]): Promise<{ files: InputFile[]; failures: CorpusFailure[] }> {
  const files: InputFile[] = [];
  const failures: CorpusFailure[] = [];
  const walk = async (path: string, top: boolean): Promise<void> => {
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error) {
      const error = info.code === 'ENOENT' || info.code === 'ENOTDIR' ? fail('E_FILE_NOT_FOUND', path) : fail('E_FILE_UNREADABLE', path, info.code ?? info.message);
      failures.push({ kind: 'failure', locator: path, path, error });
      return;
    }
    if (info.isDirectory()) {
      const names = await readdir(path).catch(() => [] as string[]);
      for (const name of names.sort()) {
        if (name.startsWith('.')) continue;
        await walk(join(path, name), false);
      }
      return;
    }
    if (!info.isFile()) {
      if (top) failures.push({ kind: 'failure', locator: path, path, error: fail('E_FILE_UNREADABLE', path, 'it is not a regular file') });
      return;
    }
    files.push({ path, size: info.size, kind: kindOf(path) });
  };
  for (const p of paths) await walk(p, true);
  return { files, failures };
}

const failure = (locator: string, path: string, error: DossierError, bytes?: Uint8Array): CorpusFailure => ({
  kind: 'failure',
  locator,
  path,
  error,
  ...(bytes ? { bytes } : {}),
});

const toIso = (d: Date | string | null | undefined): string | undefined => {
  if (!d) return undefined;
  const date = typeof d === 'string' ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? (typeof d === 'string' ? d : undefined) : date.toISOString();
};

/**
 * Items of an RSS or Atom feed. A feed that cannot be parsed is one failure (its bytes kept).
 * @example for (const e of feedItems(bytes, 'news.rss')) if (e.kind === 'item') console.log(e.url)
 */
export function* feedItems(bytes: Uint8Array, path: string): Generator<CorpusEntry> {
  let data = bytes;
  if (isGzip(data)) {
    try {
      data = gunzipSync(data, { maxOutputLength: MAX_INPUT_BYTES });
    } catch (cause) {
      yield failure(path, path, Object.assign(fail('E_BAD_GZIP', path, (cause as Error).message), { cause }), bytes);
      return;
    }
  }
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (cause) {
    yield failure(path, path, Object.assign(fail('E_BAD_FEED', path, (cause as Error).message), { cause }), bytes);
    return;
  }
  // Each item's URL is resolved against the feed's own URL, which the parser looks up again for
  // every item by scanning all of the channel's children: quadratic in the items (2 s of this
  // thread for 2,000 items). Look it up once; the URLs are the same.
  try {
    Object.defineProperty(feed, 'url', { value: feed.url, configurable: true });
  } catch {
    // A parser whose feed object cannot take it: its own getter is used.
  }
  let n = 0;
  for (const item of feed.items) {
    n++;
    const locator = `${path}#item=${n}`;
    const body = item.content ?? item.description;
    if (!body || !body.trim()) {
      yield failure(locator, path, fail('E_NO_ARTICLE', locator));
      continue;
    }
    const html = /<\/?[a-z][\w-]*[\s>/]/i.test(body);
    yield {
      kind: 'item',
      locator,
      path,
      format: 'feed',
      content: html ? 'html' : 'text',
      bytes: new TextEncoder().encode(body),
      ...(item.url ? { url: item.url } : {}),
      ...(item.title ? { title: item.title.trim() } : {}),
      ...(toIso(item.published ?? item.updated) ? { date: toIso(item.published ?? item.updated) } : {}),
    };
  }
}

/** A readable that counts the bytes read from it into `progress`. */
async function* counted(path: string, progress: ReadProgress): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    progress.bytesDone += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}

const HTML_TYPE = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/**
 * HTML responses in a WARC or WARC.gz file, streamed. A record that cannot be read is a failure;
 * when the archive itself breaks (truncated, corrupt gzip) the rest of the file is one failure.
 */
export async function* warcItems(path: string, progress: ReadProgress): AsyncGenerator<CorpusEntry> {
  let n = 0;
  const parser = new WARCParser(counted(path, progress));
  const records = parser[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Awaited<ReturnType<typeof parser.parse>> & object>;
    try {
      next = (await records.next()) as typeof next;
    } catch (cause) {
      const where = `${path}#offset=${parser.offset}`;
      yield failure(where, path, Object.assign(fail('E_BAD_WARC', where, `${(cause as Error).message}; the records after it cannot be reached`), { cause }));
      return;
    }
    if (next.done) break;
    const record = next.value;
    n++;
    const id = record.warcHeader('WARC-Record-ID')?.replace(/^<|>$/g, '') ?? `n=${n}`;
    const locator = `${path}#record=${id}`;
    const type = record.warcType;
    if (!type) {
      yield failure(locator, path, fail('E_BAD_WARC', `${path}#offset=${parser.offset}`, 'no WARC-Type header here; the record before it probably has a wrong length'));
      continue;
    }
    if (type !== 'response' && type !== 'resource') {
      progress.skipped++;
      continue;
    }
    const url = record.warcTargetURI ?? undefined;
    const date = toIso(record.warcDate ?? undefined);
    const contentType = type === 'response' ? record.httpHeaders?.headers.get('content-type') : record.warcContentType;
    const status = type === 'response' ? record.httpHeaders?.statusCode : 200;
    if (type === 'response' && !/^HTTP\/\d(?:\.\d)? \d{3}\b/.test(record.httpHeaders?.statusline ?? '')) {
      yield failure(locator, path, fail('E_BAD_WARC', locator, 'the response does not start with an HTTP status line'));
      continue;
    }
    if ((contentType && !HTML_TYPE.test(contentType)) || (status !== undefined && Number(status) >= 300)) {
      progress.skipped++;
      continue;
    }
    let payload: Uint8Array;
    try {
      payload = await record.readFully(true);
    } catch (cause) {
      yield failure(locator, path, Object.assign(fail('E_BAD_WARC', locator, (cause as Error).message), { cause }));
      continue;
    }
    yield {
      kind: 'item',
      locator,
      path,
      format: 'warc',
      content: 'html',
      bytes: payload,
      ...(url ? { url } : {}),
      ...(date ? { date } : {}),
    };
  }
  // warcio stops quietly at a corrupt gzip member: say so when the archive was not read to its end.
  const size = await stat(path).then((s) => s.size, () => parser.offset);
  if (parser.offset < size) {
    const where = `${path}#offset=${parser.offset}`;
    yield failure(where, path, fail('E_BAD_WARC', where, `the archive stops being readable at byte ${parser.offset} of ${size} (corrupt gzip or truncated); the records after it cannot be reached`));
  }
}

/**
 * Every item under the given paths, in order, with failures in their place.
 * @example for await (const e of readCorpus(['news/'])) console.log(e.locator)
 */
export async function* readCorpus(paths: readonly string[], progress: ReadProgress = { bytesTotal: 0, bytesDone: 0, skipped: 0 }): AsyncGenerator<CorpusEntry> {
  const { files, failures } = await listInputs(paths);
  progress.bytesTotal = files.reduce((s, f) => s + f.size, 0);
  yield* failures;
  for (const file of files) {
    if (file.kind === 'warc') {
      const before = progress.bytesDone;
      yield* warcItems(file.path, progress);
      progress.bytesDone = before + file.size;
      continue;
    }
    if (file.size > MAX_INPUT_BYTES) {
      progress.bytesDone += file.size;
      yield failure(file.path, file.path, fail('E_TOO_LARGE', file.path, `${(file.size / 1048576).toFixed(1)} MB`, `${MAX_INPUT_BYTES / 1048576} MB`));
      continue;
    }
    const buf = await readFile(file.path).catch((e: NodeJS.ErrnoException) => e);
    if (buf instanceof Error) {
      progress.bytesDone += file.size;
      yield failure(file.path, file.path, fail('E_FILE_UNREADABLE', file.path, buf.code ?? buf.message));
      continue;
    }
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    if (looksLikeWarc(bytes)) {
      progress.bytesDone += file.size;
      yield* warcItems(file.path, { ...progress });
      continue;
    }
    if (file.kind === 'feed' || looksLikeFeed(bytes)) {
      const entries = [...feedItems(bytes, file.path)];
      const share = file.size / Math.max(1, entries.length);
      for (const e of entries) {
        progress.bytesDone += share;
        yield e;
      }
      continue;
    }
    progress.bytesDone += file.size;
    if (/\.gz$/i.test(file.path) && !isGzip(bytes)) {
      yield failure(file.path, file.path, fail('E_BAD_GZIP', file.path, 'no gzip header'), bytes);
      continue;
    }
    yield { kind: 'item', locator: file.path, path: file.path, format: 'file', content: 'auto', bytes };
  }
}
