/**
 * A data source over a corpus database (`dossier serve --db FILE`), opened read-only: the server
 * never writes to it, and another process may go on ingesting meanwhile (caches are dropped when
 * SQLite's `data_version` says the database changed).
 *
 * Uses the store's public queries (`search`, `people`, `readDocument`, `stats`) and, for what they
 * do not give (a person by id, the graph of the documents' `relations`, the timeline), read-only
 * SQL of its own over the tables of `store/migrations/001_init.sql`.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { DossierError, fail } from '../errors.js';
import type { OutputDocument } from '../output/index.js';
import { people as storePeople, readDocument, search, stats as storeStats } from '../store/queries.js';
import { loadMigrations, schemaVersion, type Store } from '../store/store.js';
import { timeOf } from './dates.js';
import { indexGraph, topGraph, type GraphIndex, type RelationRow } from './graph.js';
import { MAX_SAID_ARTICLES } from './types.js';
import type { ArticleSummary, DataSource, Graph, EdgeEvidence, PersonPage, PersonQuote, PersonSummary, TimelineEvent } from './types.js';

interface ArticleRow {
  id: number;
  doc_id: string;
  title: string | null;
  date: string | null;
  url: string | null;
}

const summary = (r: ArticleRow): ArticleSummary => ({
  id: r.doc_id,
  title: r.title ?? r.doc_id.slice(0, 12),
  ...(r.date ? { date: r.date } : {}),
  ...(r.url ? { url: r.url } : {}),
});

/**
 * Open a corpus database read-only. It must exist and be at the schema version this dossier knows.
 * @example const store = openReadOnly('dossier.db')
 */
export function openReadOnly(path: string): Store {
  if (!existsSync(path)) throw fail('E_DB', path, 'no such file; run `dossier ingest PATH --db FILE` first to make one, or serve files with `dossier serve FILE...`');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new DossierError('E_DB', fail('E_DB', path, (cause as Error).message).message, { cause });
  }
  const store: Store = { db, path, waitSeconds: 10 };
  const known = loadMigrations().at(-1)?.version ?? 0;
  let version: number;
  try {
    version = schemaVersion(db);
  } catch (cause) {
    db.close();
    throw new DossierError('E_DB', fail('E_DB', path, `not a dossier corpus database: ${(cause as Error).message}`).message, { cause });
  }
  if (version !== known) {
    db.close();
    if (version > known) throw fail('E_DB_VERSION', path, version, known);
    throw fail('E_DB', path, `its schema is at version ${version}, older than this dossier's (${known}); run \`dossier stats --db ${path}\` once to bring it up to date`);
  }
  db.pragma('busy_timeout = 10000');
  return store;
}

/**
 * A data source over an open corpus database.
 * @example storeSource(openReadOnly('dossier.db')).articles('Lavrov', 20)
 */
export function storeSource(store: Store): DataSource {
  const { db } = store;
  let version = -1;
  let roots: Map<number, number> | undefined;
  let members: Map<number, number[]> | undefined;
  let actors: Map<number, { name: string; type: string }> | undefined;
  let graphIndex: GraphIndex | undefined;
  const graphs = new Map<number, Graph>();
  /** The store's people() takes a few hundred ms on 10,000 articles: answers are kept (at most 200). */
  const peopleCache = new Map<string, PersonSummary[]>();
  let statsCache: ReturnType<DataSource['stats']> | undefined;

  /** Drop the caches when another connection changed the database. */
  const fresh = (): void => {
    const v = db.pragma('data_version', { simple: true }) as number;
    if (v === version) return;
    version = v;
    roots = members = actors = graphIndex = statsCache = undefined;
    graphs.clear();
    peopleCache.clear();
  };
  const rootMap = (): Map<number, number> => {
    if (!roots) {
      roots = new Map();
      members = new Map();
      for (const r of db.prepare('SELECT id, root FROM actor_roots').iterate() as Iterable<{ id: number; root: number }>) {
        roots.set(r.id, r.root);
        const list = members.get(r.root);
        if (list) list.push(r.id);
        else members.set(r.root, [r.id]);
      }
    }
    return roots;
  };
  const actorMap = (): Map<number, { name: string; type: string }> => {
    actors ??= new Map((db.prepare('SELECT id, name, type FROM actors').all() as { id: number; name: string; type: string }[]).map((a) => [a.id, { name: a.name, type: a.type }]));
    return actors;
  };

  const q = {
    recent: db.prepare('SELECT id, doc_id, title, date, url FROM articles ORDER BY id DESC LIMIT ?'),
    doc: db.prepare('SELECT text, doc FROM articles WHERE doc_id = ?'),
    docPrefix: db.prepare("SELECT text, doc FROM articles WHERE doc_id >= ? AND doc_id < ? || 'g' LIMIT 2"),
    articleById: db.prepare('SELECT id, doc_id, title, date, url FROM articles WHERE id = ?'),
    articleText: db.prepare('SELECT text FROM articles WHERE id = ?').pluck(),
    articlesIn: db.prepare('SELECT id, doc_id, title, date, url FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY date DESC, id DESC'),
    entitiesOf: db.prepare('SELECT id, article_id, name, type, roles, mentions FROM entities WHERE actor_id IN (SELECT value FROM json_each(?))'),
    quotesOf: db.prepare('SELECT article_id, local_id, kind, source_text, cue, content, start, end FROM attributions WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, start'),
    entityNames: db.prepare('SELECT local_id, name, actor_id FROM entities WHERE article_id = ?'),
    relations: db.prepare("SELECT id, json_extract(doc, '$.relations') AS rel FROM articles"),
    actorOfEntity: db.prepare('SELECT actor_id FROM entities WHERE article_id = ? AND local_id = ?').pluck(),
    // Every event's place and date; sorted here, since article dates come in many formats.
    eventKeys: db.prepare(
      `SELECT v.id, v.article_id AS article, coalesce(json_extract(v.event, '$.date'), a.date) AS d
         FROM events v JOIN articles a ON a.id = v.article_id
        WHERE ? IS NULL OR v.article_id IN (SELECT value FROM json_each(?))`,
    ),
    event: db.prepare('SELECT article_id AS article, local_id AS id, type, modality, start, end, event FROM events WHERE id = ?'),
  };

  const index = (): GraphIndex => {
    fresh();
    if (!graphIndex) {
      const r = rootMap();
      const rows = function* (): Generator<RelationRow> {
        for (const a of q.relations.iterate() as Iterable<{ id: number; rel: string | null }>) {
          if (!a.rel) continue;
          for (const x of JSON.parse(a.rel) as { from: string; to: string; kind: string; sign: string; weight: number; evidence: { start: number; end: number }[]; rule: string }[]) {
            const fa = q.actorOfEntity.get(a.id, x.from) as number | null | undefined;
            const ta = q.actorOfEntity.get(a.id, x.to) as number | null | undefined;
            const ev = x.evidence[0];
            if (fa == null || ta == null || !ev) continue;
            yield { article: a.id, from: String(r.get(fa) ?? fa), to: String(r.get(ta) ?? ta), kind: x.kind, sign: x.sign, weight: x.weight, start: ev.start, end: ev.end, rule: x.rule };
          }
        }
      };
      graphIndex = indexGraph(rows());
    }
    return graphIndex;
  };
  const actorLabel = (id: string): { name: string; type: string } | undefined => actorMap().get(Number(id));

  return {
    mode: 'store',
    stats() {
      fresh();
      statsCache ??= (() => {
        const s = storeStats(store);
        return { articles: s.articles, people: s.people, attributions: s.attributions, mode: 'store' as const };
      })();
      return statsCache;
    },
    articles(text, limit) {
      if (!text.trim()) return (q.recent.all(limit) as ArticleRow[]).map(summary);
      return search(store, text, { limit }).map((h) => ({ ...h, title: h.title || h.id.slice(0, 12) }));
    },
    article(id) {
      if (!/^[0-9a-f]{8,64}$/i.test(id)) return undefined;
      const key = id.toLowerCase();
      let row = q.doc.get(key) as { text: string; doc: string } | undefined;
      if (!row && key.length < 64) {
        const rows = q.docPrefix.all(key, key) as { text: string; doc: string }[];
        if (rows.length === 1) row = rows[0];
      }
      return row ? (readDocument(row) as OutputDocument) : undefined;
    },
    people(text, type, limit) {
      fresh();
      const name = text.trim();
      const key = `${type}\u0000${limit}\u0000${name}`;
      let hit = peopleCache.get(key);
      if (!hit) {
        hit = storePeople(store, { type, limit, ...(name ? { name } : {}) }).map((p) => ({
          id: String(p.id),
          name: p.name,
          type: p.type,
          roles: p.roles.map((r) => r.role),
          articles: p.articles,
          mentions: p.mentions,
          quotes: p.quotes,
        }));
        if (peopleCache.size >= 200) peopleCache.delete(peopleCache.keys().next().value!);
        peopleCache.set(key, hit);
      }
      return hit;
    },
    person(id) {
      fresh();
      const root = Number(id);
      if (!Number.isInteger(root)) return undefined;
      rootMap();
      const ids = members!.get(root);
      const actor = actorMap().get(root);
      if (!ids || !actor) return undefined;
      const ents = q.entitiesOf.all(JSON.stringify(ids)) as { id: number; article_id: number; name: string; type: string; roles: string; mentions: number }[];
      const names = new Map<string, number>();
      const roles = new Map<string, number>();
      const articleIds = new Set<number>();
      let mentions = 0;
      for (const e of ents) {
        names.set(e.name, (names.get(e.name) ?? 0) + 1);
        for (const r of JSON.parse(e.roles) as string[]) roles.set(r, (roles.get(r) ?? 0) + 1);
        articleIds.add(e.article_id);
        mentions += e.mentions;
      }
      const quotes = q.quotesOf.all(JSON.stringify(ents.map((e) => e.id))) as { article_id: number; local_id: string; kind: string; source_text: string | null; cue: string; content: string; start: number; end: number }[];
      const arts = new Map((q.articlesIn.all(JSON.stringify([...articleIds])) as ArticleRow[]).map((a) => [a.id, a]));
      const byArticle = new Map<number, PersonQuote[]>();
      for (const t of quotes) {
        const list = byArticle.get(t.article_id) ?? [];
        list.push({ id: t.local_id, kind: t.kind, cue: t.cue, content: t.content, source: t.source_text, start: t.start, end: t.end });
        byArticle.set(t.article_id, list);
      }
      const person: PersonSummary = {
        id,
        name: [...names].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? actor.name,
        type: actor.type,
        roles: [...roles].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([r]) => r),
        articles: articleIds.size,
        mentions,
        quotes: quotes.length,
      };
      // Newest first by the article's date as written (ISO or not), then the latest added.
      const ordered = [...arts.values()].sort((a, b) => timeOf(b.date) - timeOf(a.date) || b.id - a.id);
      const withQuotes = ordered.filter((a) => byArticle.has(a.id));
      return {
        person,
        said: withQuotes.slice(0, MAX_SAID_ARTICLES).map((a) => ({ article: summary(a), quotes: byArticle.get(a.id)! })),
        saidIn: withQuotes.length,
        articles: ordered.slice(0, 100).map(summary),
      } satisfies PersonPage;
    },
    graph(limit) {
      const built = index();
      let g = graphs.get(limit);
      if (!g) {
        g = topGraph(built, limit, actorLabel);
        graphs.set(limit, g);
      }
      return g;
    },
    edge(id) {
      const e = index().edges.get(id);
      if (!e) return undefined;
      const { evidence, ...edge } = e;
      const texts = new Map<number, { row: ArticleRow; text: string }>();
      const items = evidence.map((ev) => {
        const aid = Number(ev.article);
        let a = texts.get(aid);
        if (!a) {
          a = { row: q.articleById.get(aid) as ArticleRow, text: q.articleText.get(aid) as string };
          texts.set(aid, a);
        }
        return { article: summary(a.row), kind: ev.kind, sign: ev.sign, rule: ev.rule, start: ev.start, end: ev.end, text: a.text.slice(ev.start, ev.end) };
      });
      return { edge, from: actorLabel(e.source)?.name ?? e.source, to: actorLabel(e.target)?.name ?? e.target, items } satisfies EdgeEvidence;
    },
    timeline(limit, person) {
      fresh();
      let filter: string | null = null;
      let personActors: Set<number> | undefined;
      if (person) {
        rootMap();
        const ids = members!.get(Number(person));
        if (!ids) return [];
        personActors = new Set(ids);
        const ents = q.entitiesOf.all(JSON.stringify(ids)) as { article_id: number }[];
        filter = JSON.stringify([...new Set(ents.map((e) => e.article_id))]);
      }
      const keys = (q.eventKeys.all(filter, filter) as { id: number; article: number; d: string | null }[]).map((k) => ({ ...k, t: timeOf(k.d) }));
      keys.sort((a, b) => b.t - a.t || b.article - a.article || a.id - b.id);
      const perArticle = new Map<number, { row: ArticleRow; text: string; names: Map<string, { name: string; actor: number | null }> }>();
      const out: TimelineEvent[] = [];
      for (const k of keys) {
        const r = { ...(q.event.get(k.id) as { article: number; id: string; type: string; modality: string | null; start: number; end: number; event: string }), d: k.d };
        let a = perArticle.get(r.article);
        if (!a) {
          const names = new Map((q.entityNames.all(r.article) as { local_id: string; name: string; actor_id: number | null }[]).map((e) => [e.local_id, { name: e.name, actor: e.actor_id }]));
          a = { row: q.articleById.get(r.article) as ArticleRow, text: q.articleText.get(r.article) as string, names };
          perArticle.set(r.article, a);
        }
        const ev = JSON.parse(r.event) as { actors?: string[]; targets?: string[]; place?: string; time?: string };
        const involved = [...(ev.actors ?? []), ...(ev.targets ?? [])];
        if (personActors && !involved.some((x) => personActors.has(a.names.get(x)?.actor ?? -1))) continue;
        const name = (x: string): string => a.names.get(x)?.name ?? x;
        out.push({
          id: r.id,
          date: r.d,
          article: summary(a.row),
          type: r.type,
          modality: r.modality ?? 'asserted',
          actors: (ev.actors ?? []).map(name),
          targets: (ev.targets ?? []).map(name),
          ...(ev.place ? { place: name(ev.place) } : {}),
          ...(ev.time ? { time: ev.time } : {}),
          start: r.start,
          end: r.end,
          text: a.text.slice(r.start, r.end),
        });
        if (out.length >= limit) break;
      }
      return out;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
