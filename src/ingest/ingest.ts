/**
 * Bytes (a file, standard input, a gzip stream) to clean article text with its source,
 * metadata, the furniture that was trimmed and any notes.
 */
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { Message, Meta, Removed, Source } from '../document/types.js';
import { type DossierError, err, fail, ok, type Result } from '../errors.js';
import { decode, declaredCharset } from './decode.js';
import { trimBlocks, trimFurniture } from './furniture.js';
import { markupBlocks } from './blocks.js';
import { extractHtml, type HtmlArticle } from './html.js';

/** What ingestion returns: everything needed to make a Document. */
export interface Ingested {
  /** The clean text every offset will point into. */
  readonly text: string;
  readonly source: Source;
  readonly meta: Meta;
  /** Page furniture removed from the text, in text order. */
  readonly removed: Removed[];
  readonly messages: Message[];
  /** The bytes the text was decoded from (after gunzip). */
  readonly raw: Uint8Array;
}

/** Options for {@link ingestBytes}. */
export interface IngestOptions {
  /** Shown in messages and kept in `source.path`. */
  readonly path?: string;
  readonly url?: string;
  /** `auto` (the default) looks at the start of the text. */
  readonly format?: 'auto' | 'text' | 'html';
}

/** Largest input accepted, after gunzip. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;
/** Bytes looked at to tell binary from text. */
const BINARY_SAMPLE = 64 * 1024;
/** Share of control characters above which input counts as binary. */
const MAX_CONTROL_SHARE = 0.05;
/** A title line in plain text is at most this long. */
const MAX_TITLE = 200;

const STAGE = 'ingest';

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * True for bytes that are not text: a NUL byte, or many control characters, in the first 64 KB.
 * @example isBinary(new Uint8Array([0x25, 0x50, 0x00])) === true
 */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Controls other than tab, newline, vertical tab, form feed, carriage return and escape.
    if ((b < 9 || (b > 13 && b < 32 && b !== 27)) && b !== 0) controls++;
  }
  return n > 0 && controls / n > MAX_CONTROL_SHARE;
}

const isGzip = (b: Uint8Array): boolean => b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8;

/**
 * True when text looks like HTML markup (a doctype, `<html`, `<head`, `<body`, or common
 * block tags near the start).
 * @example looksLikeHtml('<!DOCTYPE html><html>') === true
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(?:<\?xml[^>]{0,200}>\s{0,20})?<!doctype html/.test(head)) return true;
  if (/^<(?:html|head|body|meta|title|!--)[\s>]/.test(head)) return true;
  if (/<(?:html|body)[\s>]/.test(head)) return true;
  // A fragment: several common tags near the start.
  const tags = head.match(/<\/?(?:p|div|span|a|br|h[1-6]|article|section|ul|li|table|img|script)[\s>/]/g);
  return (tags?.length ?? 0) >= 3 && head.startsWith('<');
}

/** Plain text as the Document text: line endings to \n, a BOM dropped. */
function normaliseText(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/** The first line, when short and followed by a blank line. */
function textTitle(text: string): string | undefined {
  const m = /^[ \t]*([^\n]{1,200})\n[ \t]*\n/.exec(text.slice(0, MAX_TITLE + 400));
  const t = m?.[1].trim();
  return t && t.length <= MAX_TITLE ? t : undefined;
}

const info = (code: string, reason: string): Message => ({ reason, code, stage: STAGE, fatal: false });

/**
 * Ingest bytes: gunzip if gzip, refuse binary, decode, extract the article from HTML,
 * trim page furniture.
 * @example ingestBytes(new TextEncoder().encode('Title\n\nBody.')).value.meta.title === 'Title'
 */
export function ingestBytes(bytes: Uint8Array, options: IngestOptions = {}): Result<Ingested, DossierError> {
  const name = options.path ?? options.url ?? '<input>';
  if (bytes.length === 0) return err(fail('E_EMPTY_INPUT', name));
  if (isGzip(bytes)) {
    const un = gunzip(bytes, name);
    if (!un.ok) return un;
    bytes = un.value;
    if (bytes.length === 0) return err(fail('E_EMPTY_INPUT', name));
  }
  if (bytes.length > MAX_INPUT_BYTES) return err(fail('E_TOO_LARGE', name, mb(bytes.length), mb(MAX_INPUT_BYTES)));
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16 && isBinary(bytes)) return err(fail('E_BINARY_INPUT', name));

  const headAscii = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const htmlish = options.format === 'html' || (options.format !== 'text' && looksLikeHtml(headAscii));
  const decoded = decode(bytes, htmlish ? declaredCharset(bytes) : undefined);
  const messages: Message[] = [];
  if (decoded.by !== 'utf-8' && decoded.by !== 'bom') {
    messages.push(info('ingest/encoding', `The bytes are not UTF-8; decoded as ${decoded.encoding} (${decoded.by === 'declared' ? 'declared by the page' : decoded.by === 'fallback' ? 'fallback' : 'detected'}).`));
  }
  if (decoded.text.trim().length === 0) return err(fail('E_EMPTY_INPUT', name));
  const isHtml = options.format === 'html' || (options.format !== 'text' && looksLikeHtml(decoded.text));

  let text: string;
  let meta: Meta;
  let removed: Removed[];
  if (isHtml) {
    let page: HtmlArticle;
    try {
      page = extractHtml(decoded.text, { url: options.url });
    } catch (cause) {
      // A DOM library failing on odd markup must not lose the input: scan the text out of it.
      const note = `HTML extraction failed (${(cause as Error).message}); the text was scanned out of the markup.`;
      page = { blocks: markupBlocks(decoded.text), meta: {}, method: 'markup', notes: [note] };
    }
    for (const note of page.notes) messages.push(info(`ingest/${page.method}`, note));
    if (page.blocks.length === 0) return err(fail('E_NO_ARTICLE', name));
    const trimmed = trimBlocks(page.blocks, { title: page.meta.title });
    text = trimmed.text;
    removed = [...trimmed.removed];
    meta = page.meta;
  } else {
    const trimmed = trimFurniture(normaliseText(decoded.text));
    text = trimmed.text;
    removed = [...trimmed.removed];
    meta = {};
  }
  if (text.trim().length === 0) return err(fail('E_NO_ARTICLE', name));
  if (!isHtml) {
    const title = textTitle(text);
    if (title) meta = { ...meta, title };
  }
  const source: Source = {
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    format: isHtml ? 'html' : 'text',
    encoding: decoded.encoding,
  };
  return ok({ text, source, meta, removed, messages, raw: bytes });
}

function gunzip(bytes: Uint8Array, name: string): Result<Uint8Array, DossierError> {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES + 1 });
    return ok(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return err(fail('E_TOO_LARGE', name, `over ${mb(MAX_INPUT_BYTES)} unpacked`, mb(MAX_INPUT_BYTES)));
    const error = fail('E_BAD_GZIP', name, (cause as Error).message);
    return err(Object.assign(error, { cause }));
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += b.length;
    chunks.push(b);
    if (size > MAX_INPUT_BYTES * 2) break;
  }
  return Buffer.concat(chunks);
}

/**
 * Read a file (or standard input for `-`), gunzipping `.gz`, and ingest it.
 * @example const r = await readInput('article.html'); if (r.ok) console.log(r.value.text)
 */
export async function readInput(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Result<Ingested, DossierError>> {
  if (path === '-') {
    const bytes = await readStream(stdin).catch((cause: unknown) => cause as Error);
    if (bytes instanceof Error) return err(Object.assign(fail('E_FILE_UNREADABLE', 'standard input', bytes.message), { cause: bytes }));
    return ingestBytes(bytes, { path: '-' });
  }
  const info = await stat(path).catch((cause: NodeJS.ErrnoException) => cause);
  if (info instanceof Error) {
    if (info.code === 'ENOENT' || info.code === 'ENOTDIR') return err(fail('E_FILE_NOT_FOUND', path));
    return err(Object.assign(fail('E_FILE_UNREADABLE', path, info.code ?? info.message), { cause: info }));
  }
  if (info.isDirectory()) return err(fail('E_FILE_UNREADABLE', path, 'it is a folder'));
  if (!info.isFile() && !info.isFIFO()) return err(fail('E_FILE_UNREADABLE', path, 'it is not a regular file'));
  if (info.size > MAX_INPUT_BYTES) return err(fail('E_TOO_LARGE', path, mb(info.size), mb(MAX_INPUT_BYTES)));
  const bytes = await readFile(path).catch((cause: NodeJS.ErrnoException) => cause);
  if (bytes instanceof Error) return err(Object.assign(fail('E_FILE_UNREADABLE', path, bytes.code ?? bytes.message), { cause: bytes }));
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (/\.gz$/i.test(path) && !isGzip(data) && data.length > 0) return err(fail('E_BAD_GZIP', path, 'no gzip header'));
  return ingestBytes(data, { path });
}
