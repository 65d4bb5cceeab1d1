import { createHash } from 'node:crypto';
import type { Document, Layers, Message, Meta, Removed, Source, Span } from './types.js';

/** Options for {@link createDocument}. */
export interface CreateOptions {
  readonly id?: string;
  readonly source?: Source;
  readonly meta?: Meta;
  readonly removed?: readonly Removed[];
  readonly messages?: readonly Message[];
  /** Raw input the id is hashed from; defaults to the text. */
  readonly raw?: Uint8Array | string;
}

/** sha256 hex of bytes or a string. */
export function sha256(input: Uint8Array | string): string {
  return createHash('sha256').update(input).digest('hex');
}

/**
 * Make a Document from clean text. The text is fixed from here on.
 * @example createDocument('Lavrov said so.').text === 'Lavrov said so.'
 */
export function createDocument(text: string, options: CreateOptions = {}): Document {
  return Object.freeze({
    id: options.id ?? sha256(options.raw ?? text),
    text,
    source: options.source ?? { format: 'text' as const },
    meta: options.meta ?? {},
    layers: Object.freeze({}),
    removed: options.removed ?? [],
    messages: options.messages ?? [],
  });
}

/** A new Document with some layers set (or replaced) and messages appended. */
export function withLayers(doc: Document, layers: Partial<Layers>, messages: readonly Message[] = []): Document {
  return Object.freeze({
    ...doc,
    layers: Object.freeze({ ...doc.layers, ...layers }),
    messages: messages.length ? [...doc.messages, ...messages] : doc.messages,
  });
}

/** The text of a span. */
export function spanText(doc: Pick<Document, 'text'>, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

/** 1-based line and column of an offset (computed on demand, like vfile-location). */
export function toPoint(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** True when a span lies inside a text of this length and is not empty. */
export function isValidSpan(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start < span.end && span.end <= length;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
export const contains = (outer: Span, inner: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
