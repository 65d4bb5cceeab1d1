/**
 * An analysed document as the rows of the corpus store, made where the analysis ran (a worker
 * thread), so that the writing thread only inserts: the document JSON, name keys, mention
 * texts, aliases and LSH buckets are computed here. Pure; no database.
 */
import { bands, sigToBytes } from '../corpus/minhash.js';
import { nameKey } from '../corpus/names.js';
import type { OutputDocument } from '../output/index.js';

/** An entity of an article as rows: the entity, its mentions, and the name forms coreference put into it. */
export interface EntityRows {
  readonly localId: string;
  readonly type: string;
  readonly name: string;
  /** JSON array of the roles. */
  readonly roles: string;
  /** The actor key of the name ('' when the name has none). */
  readonly key: string;
  readonly mentions: readonly { readonly start: number; readonly end: number; readonly kind: string; readonly text: string }[];
  /** Other names of it in this article (PERSON, ORG): each key, as first written. */
  readonly aliases: readonly { readonly key: string; readonly name: string }[];
}

/** An analysed article as the rows to insert; made by {@link articleRows} where the analysis ran. */
export interface ArticleRows {
  readonly docId: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly url: string | null;
  /** The site of the URL, or the path. */
  readonly source: string | null;
  readonly format: string;
  readonly language: string | null;
  readonly text: string;
  /** The document JSON without its text. */
  readonly doc: string;
  /** MinHash signature as bytes, and its LSH buckets. */
  readonly signature: Uint8Array;
  readonly buckets: readonly number[];
  readonly entities: readonly EntityRows[];
  readonly attributions: readonly {
    readonly localId: string;
    readonly kind: string;
    /** Local id of the speaker's entity. */
    readonly entity: string | null;
    readonly sourceText: string | null;
    readonly cue: string;
    readonly content: string;
    readonly start: number;
    readonly end: number;
    readonly rule: string;
  }[];
  readonly events: readonly { readonly localId: string; readonly type: string; readonly modality: string | null; readonly start: number; readonly end: number; readonly json: string }[];
  /** The document's messages and removed page furniture. */
  readonly notes: readonly { readonly kind: 'message' | 'removed'; readonly code: string; readonly text: string }[];
}

/**
 * An analysed document as rows for the store: pure, so that it runs in an analysis worker.
 * @example articleRows(doc, signature(doc.text)).entities[0].key // 'sergei lavrov'
 */
export function articleRows(doc: OutputDocument, sig: Uint32Array): ArticleRows {
  const { text, ...rest } = doc;
  const url = doc.source.url ?? null;
  const site = url ? safeHost(url) : null;
  const entities = doc.entities.map((e): EntityRows => {
    const key = nameKey(e.type, e.name);
    const mentions = e.mentions.map((m) => ({ start: m.start, end: m.end, kind: m.kind, text: text.slice(m.start, m.end) }));
    const aliases = new Map<string, string>();
    if (e.type === 'PERSON' || e.type === 'ORG') {
      for (const m of mentions) {
        if (m.kind !== 'name') continue;
        const k = nameKey(e.type, m.text);
        // The first mention with the key names the alias's actor, as written.
        if (k && k !== key && !aliases.has(k)) aliases.set(k, m.text);
      }
    }
    return { localId: e.id, type: e.type, name: e.name, roles: JSON.stringify(e.roles), key, mentions, aliases: [...aliases].map(([k, name]) => ({ key: k, name })) };
  });
  return {
    docId: doc.id,
    title: doc.title ?? null,
    date: doc.date ?? null,
    url,
    source: site ?? doc.source.path ?? null,
    format: doc.source.format,
    language: doc.language ?? null,
    text,
    doc: JSON.stringify(rest),
    signature: sigToBytes(sig),
    buckets: bands(sig),
    entities,
    attributions: doc.attributions.map((a) => ({
      localId: a.id,
      kind: a.kind,
      entity: a.source?.entity ?? null,
      sourceText: a.source?.text ?? null,
      cue: a.cue.text,
      content: a.content.text,
      start: a.content.start,
      end: a.content.end,
      rule: a.rule,
    })),
    events: (doc.events as { id?: string; type?: string; modality?: string; evidence?: { start: number; end: number } }[]).map((ev) => ({
      localId: ev.id ?? '',
      type: ev.type ?? 'event',
      modality: ev.modality ?? null,
      start: ev.evidence?.start ?? 0,
      end: ev.evidence?.end ?? 0,
      json: JSON.stringify(ev),
    })),
    notes: [
      ...doc.messages.map((m) => ({ kind: 'message' as const, code: m.code, text: m.reason })),
      ...doc.removed.map((r) => ({ kind: 'removed' as const, code: r.reason, text: r.text })),
    ],
  };
}

function safeHost(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host : null;
}
