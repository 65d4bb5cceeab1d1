/**
 * Reading the corpus store: full-text search, people with roles and counts, quotes by speaker
 * or topic, counts, and the data behind the exports. Each returns plain data; the CLI prints.
 */
import type { OutputDocument } from '../output/index.js';
import { nameKey } from '../corpus/names.js';
import { fail } from '../errors.js';
import { guard, type Store } from './store.js';

/** Counts over the corpus (`dossier stats`). */
export interface Stats {
  readonly articles: number;
  readonly entities: number;
  readonly people: number;
  readonly attributions: number;
  readonly duplicate_groups: number;
}

/** A search hit. `snippet` marks the matched words with ** on each side. */
export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly snippet: string;
  readonly date?: string;
  readonly url?: string;
}

/** A person (or organisation) across the corpus. */
export interface PersonSummary {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly roles: readonly { role: string; count: number }[];
  readonly variants: readonly string[];
  readonly articles: number;
  readonly mentions: number;
  readonly quotes: number;
}

/** A quote or reported statement. */
export interface QuoteHit {
  readonly article: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly id: string;
  readonly kind: string;
  readonly speaker: string | null;
  readonly source: string | null;
  readonly cue: string;
  readonly content: string;
}

/**
 * An FTS5 query from what a user typed: words and "quoted phrases", all required; a trailing *
 * keeps a prefix search. Nothing else of FTS5's syntax gets through, so no input is an error.
 * @example ftsQuery('Lavrov "foreign minister" sanction*') === '"lavrov" "foreign minister" "sanction"*'
 */
export function ftsQuery(text: string): string {
  const parts: string[] = [];
  const re = /"([^"]*)"|([\p{L}\p{N}_]+)(\*)?/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}_]+/gu);
      if (words) parts.push(`"${words.join(' ').toLowerCase()}"`);
    } else if (m[2]) parts.push(`"${m[2].toLowerCase()}"${m[3] ?? ''}`);
  }
  if (!parts.length) throw fail('E_BAD_OPTION', `"${text}" has no words to search for. Give one or more words, or a "quoted phrase".`);
  return parts.join(' ');
}

/** Counts. */
export function stats(store: Store): Stats {
  return guard(store, () => {
    const one = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;
    return {
      articles: one('SELECT COUNT(*) AS n FROM articles'),
      entities: one('SELECT COUNT(*) AS n FROM entities'),
      people: one("SELECT COUNT(DISTINCT r.root) AS n FROM entities e JOIN actor_roots r ON r.id = e.actor_id WHERE e.type = 'PERSON'"),
      attributions: one('SELECT COUNT(*) AS n FROM attributions'),
      duplicate_groups: one('SELECT COUNT(DISTINCT group_id) AS n FROM duplicates'),
    };
  });
}

/**
 * Articles matching the words, best first (BM25, the title weighing more).
 * @example search(store, 'Lavrov Baku')[0].title
 */
export function search(store: Store, text: string, options: { readonly limit?: number } = {}): SearchHit[] {
  const q = ftsQuery(text);
  const rows = guard(store, () =>
    store.db
      .prepare(
        `SELECT a.doc_id AS id, a.title, a.date, a.url, snippet(articles_fts, 1, '**', '**', '…', 16) AS snippet
           FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
          WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?`,
      )
      .all(q, options.limit ?? 20),
  ) as { id: string; title: string | null; date: string | null; url: string | null; snippet: string }[];
  return rows.map((r) => ({ id: r.id, title: r.title ?? '', snippet: r.snippet.replace(/\s+/g, ' ').trim(), ...(r.date ? { date: r.date } : {}), ...(r.url ? { url: r.url } : {}) }));
}

/** Make a temp table of actor roots for the queries of one command. */
function roots(store: Store): void {
  store.db.exec('DROP TABLE IF EXISTS temp.roots; CREATE TEMP TABLE roots AS SELECT id, root FROM actor_roots; CREATE INDEX temp.roots_id ON roots(id); CREATE INDEX temp.roots_root ON roots(root);');
}

/**
 * People (or another entity type) across the corpus with their roles, name variants and counts,
 * the most written about first.
 */
export function people(store: Store, options: { readonly type?: string; readonly limit?: number; readonly name?: string } = {}): PersonSummary[] {
  return guard(store, () => {
    roots(store);
    const type = options.type ?? 'PERSON';
    const filter = options.name ? actorIds(store, options.name) : undefined;
    if (filter && !filter.length) return [];
    const top = store.db
      .prepare(
        `SELECT r.root AS id, COUNT(DISTINCT e.article_id) AS articles, SUM(e.mentions) AS mentions
           FROM entities e JOIN roots r ON r.id = e.actor_id
          WHERE e.type = ? ${filter ? `AND r.root IN (${filter.join(',')})` : ''}
          GROUP BY r.root ORDER BY articles DESC, mentions DESC LIMIT ?`,
      )
      .all(type, options.limit ?? 50) as { id: number; articles: number; mentions: number }[];
    const detail = store.db.prepare(
      `SELECT e.name, e.roles, (SELECT COUNT(*) FROM attributions t WHERE t.entity_id = e.id) AS quotes
         FROM entities e JOIN roots r ON r.id = e.actor_id WHERE r.root = ?`,
    );
    return top.map((t) => {
      const names = new Map<string, number>();
      const roles = new Map<string, number>();
      let quotes = 0;
      for (const d of detail.all(t.id) as { name: string; roles: string; quotes: number }[]) {
        names.set(d.name, (names.get(d.name) ?? 0) + 1);
        for (const r of JSON.parse(d.roles) as string[]) roles.set(r, (roles.get(r) ?? 0) + 1);
        quotes += d.quotes;
      }
      const variants = [...names].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).map(([n]) => n);
      return {
        id: t.id,
        name: variants[0] ?? '',
        type,
        roles: [...roles].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([role, count]) => ({ role, count })),
        variants,
        articles: t.articles,
        mentions: t.mentions,
        quotes,
      };
    });
  });
}

/** Root actor ids for a name: its key, else names containing it. Needs the `roots` temp table. */
function actorIds(store: Store, name: string): number[] {
  const keys = [nameKey('PERSON', name), nameKey('ORG', name)];
  let rows = store.db.prepare('SELECT DISTINCT r.root AS id FROM actors a JOIN roots r ON r.id = a.id WHERE a.key IN (?, ?)').all(...keys) as { id: number }[];
  if (!rows.length) {
    rows = store.db
      .prepare("SELECT DISTINCT r.root AS id FROM actors a JOIN roots r ON r.id = a.id WHERE a.key LIKE ? ESCAPE '\\' LIMIT 50")
      .all(`%${keys[0].replace(/[%_\\]/g, (c) => `\\${c}`)}%`) as { id: number }[];
  }
  return rows.map((r) => r.id);
}

/**
 * Quotes and reported statements by a speaker (any spelling merged into them) and/or about a topic
 * (full-text search over the contents).
 */
export function quotes(store: Store, options: { readonly by?: string; readonly about?: string; readonly limit?: number }): QuoteHit[] {
  if (!options.by && !options.about) throw fail('E_BAD_OPTION', 'Say whose quotes (--by NAME) or what about (--about TEXT), or both.');
  return guard(store, () => {
    roots(store);
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.by) {
      const ids = actorIds(store, options.by);
      if (!ids.length) return [];
      where.push(`t.entity_id IN (SELECT e.id FROM entities e JOIN roots r ON r.id = e.actor_id WHERE r.root IN (${ids.join(',')}))`);
    }
    if (options.about) {
      where.push('t.id IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)');
      params.push(ftsQuery(options.about));
    }
    const rows = store.db
      .prepare(
        `SELECT a.doc_id AS article, a.title, a.date, t.local_id AS id, t.kind, t.source_text AS source, t.cue, t.content,
                (SELECT ra.name FROM entities e JOIN roots r ON r.id = e.actor_id JOIN actors ra ON ra.id = r.root WHERE e.id = t.entity_id) AS speaker,
                (SELECT e.name FROM entities e WHERE e.id = t.entity_id) AS local
           FROM attributions t JOIN articles a ON a.id = t.article_id
          WHERE ${where.join(' AND ')}
          ORDER BY a.date DESC, a.id, t.start LIMIT ?`,
      )
      .all(...params, options.limit ?? 100) as (QuoteHit & { local: string | null })[];
    return rows.map(({ local, ...r }) => ({ ...r, speaker: local ?? r.speaker }));
  });
}

/** Put the text back into a stored document. */
export function readDocument(row: { text: string; doc: string }): OutputDocument {
  const rest = JSON.parse(row.doc) as Omit<OutputDocument, 'text'>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k] = v;
    if (k === 'language') out.text = row.text;
  }
  if (!('text' in out)) out.text = row.text;
  return out as unknown as OutputDocument;
}

/** Every stored document, in the order they were stored (streamed). */
export function* documents(store: Store): Generator<OutputDocument> {
  for (const row of store.db.prepare('SELECT text, doc FROM articles ORDER BY id').iterate() as Iterable<{ text: string; doc: string }>) yield readDocument(row);
}

/** Rows for a CSV export. */
export function tableRows(store: Store, table: 'articles' | 'people' | 'attributions'): { header: string[]; rows: Iterable<unknown[]> } {
  roots(store);
  if (table === 'articles') {
    return {
      header: ['id', 'title', 'date', 'url', 'source', 'format', 'chars', 'entities', 'attributions', 'duplicate_group'],
      rows: store.db
        .prepare(
          `SELECT a.doc_id, a.title, a.date, a.url, a.source, a.format, a.chars,
                  (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id),
                  (SELECT COUNT(*) FROM attributions t WHERE t.article_id = a.id),
                  (SELECT g.doc_id FROM duplicates d JOIN articles g ON g.id = d.group_id WHERE d.article_id = a.id)
             FROM articles a ORDER BY a.id`,
        )
        .raw()
        .iterate() as Iterable<unknown[]>,
    };
  }
  if (table === 'people') {
    const all = [...people(store, { type: 'PERSON', limit: 1_000_000 }), ...people(store, { type: 'ORG', limit: 1_000_000 })];
    return {
      header: ['id', 'type', 'name', 'articles', 'mentions', 'quotes', 'roles', 'variants'],
      rows: all.map((p) => [p.id, p.type, p.name, p.articles, p.mentions, p.quotes, p.roles.map((r) => r.role).join('; '), p.variants.join('; ')]),
    };
  }
  return {
    header: ['article', 'title', 'date', 'attribution', 'kind', 'speaker', 'speaker_id', 'source', 'cue', 'content'],
    rows: store.db
      .prepare(
        `SELECT a.doc_id, a.title, a.date, t.local_id, t.kind, e.name, r.root, t.source_text, t.cue, t.content
           FROM attributions t JOIN articles a ON a.id = t.article_id
           LEFT JOIN entities e ON e.id = t.entity_id LEFT JOIN roots r ON r.id = e.actor_id
          ORDER BY a.id, t.start`,
      )
      .raw()
      .iterate() as Iterable<unknown[]>,
  };
}

/** A node of the entity graph. */
export interface GraphNode {
  readonly id: number;
  readonly label: string;
  readonly type: string;
  readonly articles: number;
  readonly mentions: number;
  readonly quotes: number;
}

/** An edge: `speaks about` (directed: speaker → entity mentioned in what they said) or `appears with`. */
export interface GraphEdge {
  readonly source: number;
  readonly target: number;
  readonly kind: 'speaks about' | 'appears with';
  readonly weight: number;
  /** Ids of the evidence: `article:attribution` for speaks-about, article ids for appears-with (at most 20). */
  readonly evidence: readonly string[];
}

/** Evidence ids kept per edge. */
const MAX_EVIDENCE = 20;
/** Entities of one article that count for appears-with (the most mentioned), so that edges stay O(articles). */
const MAX_COOCCURRING = 20;

/**
 * The entity graph: nodes are actors (after merges), edges are "speaks about" and "appears with".
 * `minCooccurrence` drops appears-with edges seen in fewer articles.
 */
export function graph(store: Store, options: { readonly minCooccurrence?: number; readonly types?: readonly string[] } = {}): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const types = options.types ?? ['PERSON', 'ORG', 'LOC', 'MISC'];
  const typeList = types.map((t) => `'${t.replace(/'/g, '')}'`).join(',');
  return guard(store, () => {
    roots(store);
    const nodes = (
      store.db
        .prepare(
          `SELECT r.root AS id, COUNT(DISTINCT e.article_id) AS articles, SUM(e.mentions) AS mentions,
                  SUM((SELECT COUNT(*) FROM attributions t WHERE t.entity_id = e.id)) AS quotes
             FROM entities e JOIN roots r ON r.id = e.actor_id WHERE e.type IN (${typeList}) GROUP BY r.root`,
        )
        .all() as { id: number; articles: number; mentions: number; quotes: number }[]
    ).map((n) => ({ ...n, ...(store.db.prepare('SELECT name AS label, type FROM actors WHERE id = ?').get(n.id) as { label: string; type: string }) }));
    const inGraph = new Set(nodes.map((n) => n.id));
    const edges = new Map<string, { source: number; target: number; kind: GraphEdge['kind']; weight: number; evidence: string[] }>();
    const add = (source: number, target: number, kind: GraphEdge['kind'], evidence: string): void => {
      const k = `${kind}|${source}|${target}`;
      const e = edges.get(k) ?? { source, target, kind, weight: 0, evidence: [] };
      e.weight++;
      if (e.evidence.length < MAX_EVIDENCE) e.evidence.push(evidence);
      edges.set(k, e);
    };
    const speaks = store.db
      .prepare(
        `SELECT DISTINCT a.doc_id AS doc, t.local_id AS attr, rs.root AS src, rt.root AS dst
           FROM attributions t
           JOIN entities es ON es.id = t.entity_id JOIN roots rs ON rs.id = es.actor_id
           JOIN mentions m ON m.article_id = t.article_id AND m.start >= t.start AND m.end <= t.end
           JOIN entities et ON et.id = m.entity_id JOIN roots rt ON rt.id = et.actor_id
           JOIN articles a ON a.id = t.article_id
          WHERE rs.root <> rt.root`,
      )
      .iterate() as Iterable<{ doc: string; attr: string; src: number; dst: number }>;
    for (const s of speaks) if (inGraph.has(s.src) && inGraph.has(s.dst)) add(s.src, s.dst, 'speaks about', `${s.doc.slice(0, 16)}:${s.attr}`);
    const co = store.db
      .prepare(
        `SELECT e.article_id AS article, a.doc_id AS doc, r.root AS root, SUM(e.mentions) AS n
           FROM entities e JOIN roots r ON r.id = e.actor_id JOIN articles a ON a.id = e.article_id
          WHERE e.type IN (${typeList}) GROUP BY e.article_id, r.root ORDER BY e.article_id, n DESC, r.root`,
      )
      .iterate() as Iterable<{ article: number; doc: string; root: number }>;
    let current = -1;
    let doc = '';
    let members: number[] = [];
    const flush = (): void => {
      members.sort((a, b) => a - b);
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) add(members[i], members[j], 'appears with', doc.slice(0, 16));
    };
    for (const row of co) {
      if (row.article !== current) {
        flush();
        current = row.article;
        doc = row.doc;
        members = [];
      }
      if (members.length < MAX_COOCCURRING) members.push(row.root);
    }
    flush();
    const min = options.minCooccurrence ?? 2;
    return {
      nodes,
      edges: [...edges.values()].filter((e) => e.kind === 'speaks about' || e.weight >= min),
    };
  });
}
