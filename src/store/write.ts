/**
 * Writing to the corpus store: raw inputs first (so nothing is lost), then each analysed
 * article with its entities, mentions, attributions, events, notes, actors and near-duplicate
 * buckets, all in one transaction so that an article is stored whole or not at all.
 *
 * Storing is split in two so that the single writing thread does little besides SQLite:
 * `articleRows` (rows.ts) turns an analysed document into plain rows (JSON, name keys, mention texts,
 * LSH buckets) and runs in the analysis workers; the writer only inserts them. Full-text indexing
 * is done once per transaction for the rows it added (one `INSERT … SELECT` per index), not by a
 * trigger per row.
 */
import type { OutputDocument } from '../output/index.js';
import { jaccard, NEAR_DUPLICATE, sigFromBytes } from '../corpus/minhash.js';
import { articleRows, type ArticleRows } from './rows.js';
import { DossierError } from '../errors.js';
import { writeTx, type Store } from './store.js';

/** What the writer needs to know about a raw input. */
export interface RawInput {
  readonly hash: string;
  readonly locator: string;
  readonly path?: string;
  readonly url?: string;
  readonly format: string;
  readonly title?: string;
  readonly date?: string;
  readonly bytes: Uint8Array;
}

/** The state of a raw input already in the store. */
export interface RawState {
  readonly id: number;
  readonly status: 'pending' | 'stored' | 'failed' | 'duplicate';
}

/** The outcome of storing one article. */
export type StoreOutcome = { readonly stored: true; readonly articleId: number; readonly duplicateGroup?: number } | { readonly stored: false; readonly sameAs: string };

/** Candidates looked at per LSH bucket (the earliest articles: group representatives first). */
const BUCKET_CANDIDATES = 20;
/** Candidates compared per new article (those sharing most bands). */
const COMPARED = 8;
/** Cache of actor ids by type and key, cleared when it grows past this. */
const ACTOR_CACHE = 100_000;

const now = (): string => new Date().toISOString();

/** Prepared statements for one store; make one per writing process. */
export function createWriter(store: Store) {
  const { db } = store;
  const s = {
    rawByHash: db.prepare<[string], RawState>('SELECT id, status FROM raw_inputs WHERE hash = ?'),
    insertRaw: db.prepare(
      'INSERT INTO raw_inputs (hash, locator, path, url, format, title, date, bytes, size, status, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING',
    ),
    setRaw: db.prepare('UPDATE raw_inputs SET status = ?, error_code = ?, error_reason = ? WHERE id = ?'),
    articleByDoc: db.prepare<[string], { id: number; raw_id: number }>('SELECT id, raw_id FROM articles WHERE doc_id = ?'),
    insertArticle: db.prepare(
      'INSERT INTO articles (doc_id, raw_id, title, date, url, source, format, language, text, doc, chars, signature, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    actorByKey: db.prepare<[string, string], { id: number }>('SELECT id FROM actors WHERE type = ? AND key = ?'),
    insertActor: db.prepare('INSERT INTO actors (type, name, key) VALUES (?, ?, ?)'),
    insertEntity: db.prepare('INSERT INTO entities (article_id, local_id, type, name, roles, mentions, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertMention: db.prepare('INSERT INTO mentions (entity_id, article_id, start, end, kind, text) VALUES (?, ?, ?, ?, ?, ?)'),
    insertAttribution: db.prepare(
      'INSERT INTO attributions (article_id, local_id, kind, entity_id, source_text, cue, content, start, end, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertEvent: db.prepare('INSERT INTO events (article_id, local_id, type, modality, start, end, event) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertNote: db.prepare('INSERT INTO notes (article_id, raw_id, locator, kind, code, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    clearFailures: db.prepare("DELETE FROM notes WHERE raw_id = ? AND kind = 'failure'"),
    insertAlias: db.prepare('INSERT INTO aliases (type, alias_key, name_key, article_id) VALUES (?, ?, ?, ?)'),
    bucketArticles: db.prepare<[number, number], { article_id: number }>('SELECT article_id FROM lsh_buckets WHERE bucket = ? ORDER BY article_id LIMIT ?'),
    insertBucket: db.prepare('INSERT INTO lsh_buckets (bucket, article_id) VALUES (?, ?)'),
    signatureOf: db.prepare<[number], { signature: Uint8Array | null }>('SELECT signature FROM articles WHERE id = ?'),
    groupOf: db.prepare<[number], { group_id: number }>('SELECT group_id FROM duplicates WHERE article_id = ?'),
    insertDuplicate: db.prepare('INSERT OR REPLACE INTO duplicates (article_id, group_id, similar_to, similarity) VALUES (?, ?, ?, ?)'),
    // Full-text indexing of the rows a transaction added (rowids only grow, and one writer holds the lock).
    indexArticles: db.prepare('INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles WHERE id >= ?'),
    indexAttributions: db.prepare('INSERT INTO attributions_fts (rowid, content) SELECT id, content FROM attributions WHERE id >= ?'),
  };
  const actorCache = new Map<string, number>();

  /** The actor of a name key (made when new); `name` names a new one. */
  const actorFor = (type: string, key: string, name: string): number | null => {
    if (!key) return null;
    const ck = `${type}\u0000${key}`;
    const cached = actorCache.get(ck);
    if (cached !== undefined) return cached;
    let id = s.actorByKey.get(type, key)?.id;
    if (id === undefined) id = Number(s.insertActor.run(type, name, key).lastInsertRowid);
    if (actorCache.size >= ACTOR_CACHE) actorCache.clear();
    actorCache.set(ck, id);
    return id;
  };

  /**
   * Near duplicates: earlier articles sharing LSH buckets are candidates; the ones sharing most
   * bands are compared (estimated Jaccard), and the most similar over the threshold joins this
   * article to its group.
   */
  const dedupe = (articleId: number, signature: Uint8Array, buckets: readonly number[]): number | undefined => {
    const hits = new Map<number, number>();
    for (const b of buckets) for (const { article_id } of s.bucketArticles.all(b, BUCKET_CANDIDATES)) hits.set(article_id, (hits.get(article_id) ?? 0) + 1);
    let best: { id: number; sim: number } | undefined;
    if (hits.size) {
      const sig = sigFromBytes(signature);
      const ranked = [...hits].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, COMPARED);
      for (const [id] of ranked) {
        const other = s.signatureOf.get(id)?.signature;
        if (!other) continue;
        const sim = jaccard(sig, sigFromBytes(other));
        if (sim >= NEAR_DUPLICATE && (!best || sim > best.sim)) best = { id, sim };
      }
    }
    for (const b of buckets) s.insertBucket.run(b, articleId);
    if (!best) return undefined;
    let group = s.groupOf.get(best.id)?.group_id;
    if (group === undefined) {
      group = best.id;
      s.insertDuplicate.run(best.id, group, best.id, 1);
    }
    s.insertDuplicate.run(articleId, group, best.id, best.sim);
    return group;
  };

  // The first article and attribution ids of the open transaction, to index when it ends.
  let firstNew: { article: number; attribution: number } | undefined;

  /** Store one article's rows. Inside {@link transaction} only. */
  const storeRows = (rawId: number, rows: ArticleRows): StoreOutcome => {
    if (!firstNew) throw new DossierError('E_INTERNAL', 'internal error: an article was stored outside writer.transaction(), so it would not be indexed for search. Please report it.');
    const existing = s.articleByDoc.get(rows.docId);
    if (existing) {
      if (existing.raw_id === rawId) return { stored: false, sameAs: rows.docId };
      s.setRaw.run('duplicate', null, `same document as ${rows.docId}`, rawId);
      return { stored: false, sameAs: rows.docId };
    }
    const at = now();
    const articleId = Number(
      s.insertArticle.run(rows.docId, rawId, rows.title, rows.date, rows.url, rows.source, rows.format, rows.language, rows.text, rows.doc, rows.text.length, rows.signature, at).lastInsertRowid,
    );
    if (firstNew.article === 0) firstNew.article = articleId;
    const entityIds = new Map<string, number>();
    for (const e of rows.entities) {
      const actor = actorFor(e.type, e.key, e.name);
      const entityId = Number(s.insertEntity.run(articleId, e.localId, e.type, e.name, e.roles, e.mentions.length, actor).lastInsertRowid);
      entityIds.set(e.localId, entityId);
      for (const m of e.mentions) s.insertMention.run(entityId, articleId, m.start, m.end, m.kind, m.text);
      for (const a of e.aliases) {
        s.insertAlias.run(e.type, a.key, e.key, articleId);
        actorFor(e.type, a.key, a.name);
      }
    }
    for (const a of rows.attributions) {
      const entity = a.entity ? (entityIds.get(a.entity) ?? null) : null;
      const id = Number(s.insertAttribution.run(articleId, a.localId, a.kind, entity, a.sourceText, a.cue, a.content, a.start, a.end, a.rule).lastInsertRowid);
      if (firstNew.attribution === 0) firstNew.attribution = id;
    }
    for (const ev of rows.events) s.insertEvent.run(articleId, ev.localId, ev.type, ev.modality, ev.start, ev.end, ev.json);
    for (const n of rows.notes) s.insertNote.run(articleId, rawId, null, n.kind, n.code, n.text, at);
    const duplicateGroup = dedupe(articleId, rows.signature, rows.buckets);
    s.setRaw.run('stored', null, null, rawId);
    return { stored: true, articleId, ...(duplicateGroup !== undefined ? { duplicateGroup } : {}) };
  };

  const writer = {
    /** The state of a raw input by content hash, if stored. */
    rawState: (hash: string): RawState | undefined => s.rawByHash.get(hash),

    /** Keep the bytes of an input (idempotent by hash); returns its id and state. Inside {@link transaction}. */
    keepRaw(raw: RawInput): RawState {
      s.insertRaw.run(raw.hash, raw.locator, raw.path ?? null, raw.url ?? null, raw.format, raw.title ?? null, raw.date ?? null, raw.bytes, raw.bytes.length, 'pending', now());
      return s.rawByHash.get(raw.hash)!;
    },

    /** Mark a raw input as failed, with the reason (and a note). */
    failRaw(rawId: number, locator: string, code: string, reason: string): void {
      s.setRaw.run('failed', code, reason, rawId);
      s.clearFailures.run(rawId);
      s.insertNote.run(null, rawId, locator, 'failure', code, reason, now());
    },

    /** A failure with no bytes to keep (a path that does not exist, a WARC that breaks off). */
    noteFailure(locator: string, code: string, reason: string): void {
      s.insertNote.run(null, null, locator, 'failure', code, reason, now());
    },

    /** Store one article from its rows (see {@link articleRows}). Inside {@link transaction}. */
    storeRows,

    /** Store one analysed article and everything in it. Inside {@link transaction}. */
    storeArticle: (rawId: number, doc: OutputDocument, sig: Uint32Array): StoreOutcome => storeRows(rawId, articleRows(doc, sig)),

    /**
     * Run `fn` in one write transaction (see `writeTx`); the articles and attributions it added
     * are indexed for full-text search before it commits.
     */
    transaction<T>(fn: () => T): T {
      return writeTx(store, () => {
        if (firstNew) return fn();
        firstNew = { article: 0, attribution: 0 };
        try {
          const out = fn();
          if (firstNew.article) s.indexArticles.run(firstNew.article);
          if (firstNew.attribution) s.indexAttributions.run(firstNew.attribution);
          return out;
        } finally {
          firstNew = undefined;
        }
      });
    },
  };
  return writer;
}

export type Writer = ReturnType<typeof createWriter>;
