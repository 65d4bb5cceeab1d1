/**
 * Writing to the corpus store: raw inputs first (so nothing is lost), then each analysed
 * article with its entities, mentions, attributions, events, notes, actors and near-duplicate
 * buckets, all in the caller's transaction so that an article is stored whole or not at all.
 */
import type { OutputDocument } from '../output/index.js';
import { bands, jaccard, NEAR_DUPLICATE, sigFromBytes, sigToBytes } from '../corpus/minhash.js';
import { nameKey } from '../corpus/names.js';
import type { Store } from './store.js';

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
  };
  const actorCache = new Map<string, number>();

  const actorFor = (type: string, name: string): number | null => {
    const key = nameKey(type, name);
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
  const dedupe = (articleId: number, sig: Uint32Array): number | undefined => {
    const hits = new Map<number, number>();
    const buckets = bands(sig);
    for (const b of buckets) for (const { article_id } of s.bucketArticles.all(b, BUCKET_CANDIDATES)) hits.set(article_id, (hits.get(article_id) ?? 0) + 1);
    let best: { id: number; sim: number } | undefined;
    const ranked = [...hits].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, COMPARED);
    for (const [id] of ranked) {
      const other = s.signatureOf.get(id)?.signature;
      if (!other) continue;
      const sim = jaccard(sig, sigFromBytes(other));
      if (sim >= NEAR_DUPLICATE && (!best || sim > best.sim)) best = { id, sim };
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

  return {
    /** The state of a raw input by content hash, if stored. */
    rawState: (hash: string): RawState | undefined => s.rawByHash.get(hash),

    /** Keep the bytes of an input (idempotent by hash); returns its id and state. */
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

    /** Store one analysed article and everything in it. Call inside a transaction. */
    storeArticle(rawId: number, doc: OutputDocument, sig: Uint32Array): StoreOutcome {
      const existing = s.articleByDoc.get(doc.id);
      if (existing) {
        if (existing.raw_id === rawId) return { stored: false, sameAs: doc.id };
        s.setRaw.run('duplicate', null, `same document as ${doc.id}`, rawId);
        return { stored: false, sameAs: doc.id };
      }
      const { text, ...rest } = doc;
      const url = doc.source.url ?? null;
      const site = url ? safeHost(url) : null;
      const articleId = Number(
        s.insertArticle.run(doc.id, rawId, doc.title ?? null, doc.date ?? null, url, site ?? doc.source.path ?? null, doc.source.format, doc.language ?? null, text, JSON.stringify(rest), text.length, sigToBytes(sig), now())
          .lastInsertRowid,
      );
      const entityIds = new Map<string, number>();
      for (const e of doc.entities) {
        const actor = actorFor(e.type, e.name);
        const entityId = Number(s.insertEntity.run(articleId, e.id, e.type, e.name, JSON.stringify(e.roles), e.mentions.length, actor).lastInsertRowid);
        entityIds.set(e.id, entityId);
        const own = nameKey(e.type, e.name);
        const aliases = new Set<string>();
        for (const m of e.mentions) {
          const mt = text.slice(m.start, m.end);
          s.insertMention.run(entityId, articleId, m.start, m.end, m.kind, mt);
          if (m.kind === 'name' && (e.type === 'PERSON' || e.type === 'ORG')) {
            const k = nameKey(e.type, mt);
            if (k && k !== own) aliases.add(k);
          }
        }
        for (const k of aliases) {
          s.insertAlias.run(e.type, k, own, articleId);
          actorFor(e.type, mt0(text, e.mentions, k, e.type) ?? k);
        }
      }
      for (const a of doc.attributions) {
        const entity = a.source?.entity ? (entityIds.get(a.source.entity) ?? null) : null;
        s.insertAttribution.run(articleId, a.id, a.kind, entity, a.source?.text ?? null, a.cue.text, a.content.text, a.content.start, a.content.end, a.rule);
      }
      for (const ev of doc.events as { id?: string; type?: string; modality?: string; evidence?: { start: number; end: number } }[]) {
        s.insertEvent.run(articleId, ev.id ?? '', ev.type ?? 'event', ev.modality ?? null, ev.evidence?.start ?? 0, ev.evidence?.end ?? 0, JSON.stringify(ev));
      }
      const at = now();
      for (const m of doc.messages) s.insertNote.run(articleId, rawId, null, 'message', m.code, m.reason, at);
      for (const r of doc.removed) s.insertNote.run(articleId, rawId, null, 'removed', r.reason, r.text, at);
      const duplicateGroup = dedupe(articleId, sig);
      s.setRaw.run('stored', null, null, rawId);
      return { stored: true, articleId, ...(duplicateGroup !== undefined ? { duplicateGroup } : {}) };
    },
  };
}

export type Writer = ReturnType<typeof createWriter>;

/** The surface form of the first mention whose key is `key` (to name a new actor as written). */
function mt0(text: string, mentions: readonly { start: number; end: number; kind: string }[], key: string, type: string): string | undefined {
  for (const m of mentions) {
    const t = text.slice(m.start, m.end);
    if (m.kind === 'name' && nameKey(type, t) === key) return t;
  }
  return undefined;
}

function safeHost(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host : null;
}
