import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ingestCorpus } from '../corpus/ingest.js';
import { article, articlesFolder, atom, rss, tempDir, warc } from '../corpus/fixtures/make.js';
import { csvLine, graphml } from '../export/index.js';
import { documents, ftsQuery, graph, people, quotes, search, stats } from './queries.js';
import { listMerges, unmerge, resolveActors } from './resolve.js';
import { BANDS, sigFromBytes, signature } from '../corpus/minhash.js';
import type { OutputDocument } from '../output/index.js';
import { articleRows } from './rows.js';
import { TABLES } from './schema.js';
import { createWriter } from './write.js';
import { closeStore, loadMigrations, openStore, schemaVersion, writeTx } from './store.js';

const fresh = (name: string) => openStore(join(tempDir(name), 'corpus.db'));

/** An analysed document, by hand. */
const analysedText = 'Sergei Lavrov arrived in Baku. "We will talk," Lavrov said.';
const at = (s: string, from = 0) => ({ start: analysedText.indexOf(s, from), end: analysedText.indexOf(s, from) + s.length });
const analysed: OutputDocument = {
  schema: 'dossier.document/1',
  id: 'doc-1',
  source: { path: 'a.txt', format: 'text' },
  title: 'Lavrov in Baku',
  text: analysedText,
  entities: [{ id: 'e1', type: 'PERSON', name: 'Sergei Lavrov', roles: ['speaker'], mentions: [{ ...at('Sergei Lavrov'), kind: 'name', rule: 'r' }, { ...at('Lavrov', 20), kind: 'name', rule: 'r' }] }],
  attributions: [{ id: 'q1', kind: 'direct', source: { ...at('Lavrov', 20), entity: 'e1', text: 'Lavrov' }, cue: { ...at('said'), text: 'said', spans: [] }, content: { ...at('We will talk,'), text: 'We will talk,', spans: [] }, rule: 'r' }],
  events: [],
  artifacts: [],
  claims: [],
  relations: [],
  removed: [],
  messages: [],
};

describe('store schema', () => {
  it('should declare in schema.ts every column the migrations create, with the same type', () => {
    const store = fresh('schema');
    for (const table of TABLES) {
      const cols = store.db.prepare(`PRAGMA table_info(${table.name})`).all() as { name: string; type: string; notnull: number; pk: number }[];
      expect(cols.map((c) => c.name).sort(), table.name).toEqual(Object.keys(table.columns).sort());
      for (const c of cols) {
        const declared = table.columns[c.name];
        expect(c.type.toLowerCase(), `${table.name}.${c.name}`).toBe(declared.type);
        if (!c.pk) expect(c.notnull === 0, `${table.name}.${c.name} nullable`).toBe(declared.nullable);
      }
    }
    closeStore(store);
  });

  it('should apply migrations once, in order, and record them', () => {
    const dir = tempDir('migrate');
    const path = join(dir, 'c.db');
    closeStore(openStore(path));
    const store = openStore(path);
    const versions = store.db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(versions).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(schemaVersion(store.db)).toBe(loadMigrations().at(-1)!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    closeStore(store);
  });

  it('should refuse a database of a newer schema, saying what to do', () => {
    const path = join(tempDir('newer'), 'c.db');
    closeStore(openStore(path));
    const db = new Database(path);
    db.prepare("INSERT INTO schema_version VALUES (999, '999_future', 'now')").run();
    db.close();
    expect(() => openStore(path)).toThrow(/schema version 999, newer than this dossier knows/);
  });
});

describe('articleRows', () => {
  it('should make the rows of a document: mention texts, name keys, aliases, and the JSON without the text', () => {
    const rows = articleRows(analysed, signature(analysed.text));
    expect(rows.entities[0]).toMatchObject({ key: 'sergei lavrov', aliases: [{ key: 'lavrov', name: 'Lavrov' }], mentions: [{ text: 'Sergei Lavrov' }, { text: 'Lavrov' }] });
    expect(rows.attributions[0]).toMatchObject({ entity: 'e1', sourceText: 'Lavrov', cue: 'said', content: 'We will talk,' });
    expect(JSON.parse(rows.doc)).not.toHaveProperty('text');
    expect(rows.buckets).toHaveLength(BANDS);
    expect(sigFromBytes(rows.signature)).toEqual(signature(analysed.text));
  });
});

describe('ingestCorpus', () => {
  it('should store each distinct input once, however often it is ingested', async () => {
    const dir = articlesFolder(join(tempDir('idem'), 'in'), 30, 3);
    const store = fresh('idem');
    const first = await ingestCorpus(store, [dir], { jobs: 0 });
    expect(first).toMatchObject({ read: 33, stored: 30, duplicates: 3, failed: 0 });
    const second = await ingestCorpus(store, [dir, join(dir, 'a1.txt')], { jobs: 0 });
    expect(second).toMatchObject({ read: 34, stored: 0, duplicates: 34, failed: 0 });
    expect(stats(store).articles).toBe(30);
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM raw_inputs').get() as { n: number }).n).toBe(30);
    closeStore(store);
  });

  it('should index every stored article and quote for search, whatever the batch size', async () => {
    const dir = articlesFolder(join(tempDir('fts'), 'in'), 25);
    const store = fresh('fts');
    const summary = await ingestCorpus(store, [dir], { jobs: 0, batch: 4 });
    expect(summary.stored).toBe(25);
    const count = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM articles_fts_docsize')).toBe(25);
    expect(count('SELECT COUNT(*) AS n FROM attributions_fts_docsize')).toBe(count('SELECT COUNT(*) AS n FROM attributions'));
    expect(count('SELECT COUNT(*) AS n FROM attributions')).toBeGreaterThan(0);
    // The full-text indexes hold exactly the rows of their tables.
    expect(() => store.db.exec("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect(() => store.db.exec("INSERT INTO attributions_fts (attributions_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect(search(store, '"round 17"').some((h) => h.title?.includes('round 17'))).toBe(true);
    closeStore(store);
  });

  it('should refuse to store an article outside a writer transaction, where it would not be indexed', () => {
    const store = fresh('outside');
    const writer = createWriter(store);
    const raw = writer.transaction(() => writer.keepRaw({ hash: 'h', locator: 'a.txt', format: 'file', bytes: new Uint8Array([104]) }));
    const doc = { ...analysed, id: 'doc-outside' };
    expect(() => writer.storeArticle(raw.id, doc, signature(doc.text))).toThrow(/outside writer.transaction/);
    expect(writer.transaction(() => writer.storeArticle(raw.id, doc, signature(doc.text)))).toMatchObject({ stored: true });
    expect(search(store, 'Lavrov').map((h) => h.id)).toEqual(['doc-outside']);
    closeStore(store);
  });

  it('should keep the raw bytes and the document, and give the text back', async () => {
    const dir = articlesFolder(join(tempDir('raw'), 'in'), 4);
    const store = fresh('raw');
    await ingestCorpus(store, [dir], { jobs: 0 });
    const raw = store.db.prepare("SELECT bytes FROM raw_inputs WHERE locator LIKE '%a3.txt.gz'").get() as { bytes: Uint8Array };
    expect(Buffer.from(raw.bytes)).toEqual(gzipSync(article(3)));
    const docs = [...documents(store)];
    expect(docs).toHaveLength(4);
    expect(Object.keys(docs[0])).toEqual(expect.arrayContaining(['schema', 'id', 'source', 'title', 'text', 'entities', 'attributions']));
    expect(Object.keys(docs[0]).indexOf('text')).toBe(Object.keys(docs[0]).indexOf('language') + 1);
    const first = docs.find((d) => d.source.path?.endsWith('a0.txt'))!;
    expect(first.text).toContain('Sergei Lavrov arrived in Baku');
    for (const e of first.entities) for (const m of e.mentions) expect(first.text.slice(m.start, m.end).length).toBe(m.end - m.start);
    closeStore(store);
  });

  it('should report bad items with their reasons, keep their bytes, and store the rest', async () => {
    const dir = join(tempDir('bad'), 'in');
    articlesFolder(dir, 3);
    writeFileSync(join(dir, 'corrupt.txt.gz'), gzipSync(article(50)).subarray(0, 30));
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(dir, 'empty-page.html'), '<!DOCTYPE html><html><head><title>x</title></head><body><nav><a href="/">Home</a></nav></body></html>');
    writeFileSync(join(dir, 'feed.rss'), '<html><body>Not found</body></html>');
    writeFileSync(join(dir, 'broken.warc'), warc({ broken: true }));
    const store = fresh('bad');
    const summary = await ingestCorpus(store, [dir], { jobs: 0 });
    const codes = summary.failures.map((f) => f.code).sort();
    expect(codes).toEqual(expect.arrayContaining(['E_BAD_GZIP', 'E_BINARY_INPUT', 'E_NO_ARTICLE', 'E_BAD_FEED', 'E_BAD_WARC']));
    for (const f of summary.failures) expect(f.reason).toContain(f.locator.split('#')[0].split('/').pop()!);
    expect(summary.stored).toBe(3 + 1); // three articles, one good WARC record before the broken one
    const kept = store.db.prepare("SELECT status, error_code FROM raw_inputs WHERE locator LIKE '%binary.txt'").get();
    expect(kept).toEqual({ status: 'failed', error_code: 'E_BINARY_INPUT' });
    expect((store.db.prepare("SELECT COUNT(*) AS n FROM notes WHERE kind = 'failure'").get() as { n: number }).n).toBe(summary.failed);
    closeStore(store);
  });

  it('should store feed items and WARC responses with their URL, date and title', async () => {
    const dir = join(tempDir('feeds'), 'in');
    articlesFolder(dir, 0);
    writeFileSync(join(dir, 'news.rss'), rss());
    writeFileSync(join(dir, 'atom.xml'), atom());
    writeFileSync(join(dir, 'crawl.warc.gz'), warc({ gzip: true }));
    const store = fresh('feeds');
    const summary = await ingestCorpus(store, [dir], { jobs: 0 });
    expect(summary).toMatchObject({ stored: 5, failed: 0 });
    const rows = store.db.prepare('SELECT url, date, title, format FROM articles ORDER BY url').all();
    expect(rows).toEqual([
      { url: 'https://atom.example/bekova', date: '2024-03-07T10:00:00.000Z', title: 'Bekova on transit', format: 'feed' },
      { url: 'https://feed.example/grain', date: '2024-03-06T12:00:00.000Z', title: 'Grain exports resume', format: 'feed' },
      { url: 'https://feed.example/tokayev', date: '2024-03-05T09:30:00.000Z', title: 'Tokayev visits Tbilisi', format: 'feed' },
      { url: 'https://news.example/a', date: '2024-03-01T10:00:00.000Z', title: 'Lavrov in Baku', format: 'warc' },
      { url: 'https://news.example/b', date: '2024-03-01T10:00:00.000Z', title: 'Mamedyarov in Moscow', format: 'warc' },
    ]);
    closeStore(store);
  });
});

describe('queries', () => {
  const corpus = async () => {
    const dir = join(tempDir('q'), 'in');
    articlesFolder(dir, 40);
    writeFileSync(join(dir, 'crawl.warc'), warc());
    writeFileSync(join(dir, 'news.rss'), rss());
    // A syndicated copy with a new headline and one word changed.
    writeFileSync(join(dir, 'syndicated.txt'), article(5).replace(/^[^\n]+/, 'Syndicated: the talks go on').replace('told reporters', 'said'));
    const store = fresh('q');
    await ingestCorpus(store, [dir], { jobs: 0 });
    return store;
  };

  it('should search article text and return id, title and snippet', async () => {
    const store = await corpus();
    const hits = search(store, 'Tokayev bypass');
    expect(hits[0]).toMatchObject({ title: 'Tokayev visits Tbilisi' });
    expect(Object.keys(hits[0])).toEqual(expect.arrayContaining(['id', 'title', 'snippet']));
    expect(hits[0].snippet).toContain('**bypass**');
    expect(search(store, '"transit routes"').length).toBeGreaterThan(0);
    expect(search(store, '"routes transit"')).toEqual([]);
    expect(search(store, 'zzzqqq')).toEqual([]);
    expect(() => ftsQuery('"" ***')).toThrow(/no words to search for/);
    expect(ftsQuery('NEAR(a b) OR c*')).toBe('"near" "a" "b" "or" "c"*');
    closeStore(store);
  });

  it('should count, group near duplicates, list people with roles and find quotes by any spelling', async () => {
    const store = await corpus();
    const s = stats(store);
    expect(Object.keys(s)).toEqual(['articles', 'entities', 'people', 'attributions', 'duplicate_groups']);
    expect(s.articles).toBe(40 + 2 + 2 + 1);
    expect(s.duplicate_groups).toBeGreaterThanOrEqual(1);
    const group = store.db
      .prepare("SELECT d.group_id FROM duplicates d JOIN articles a ON a.id = d.article_id WHERE a.title LIKE 'Syndicated%'")
      .get() as { group_id: number } | undefined;
    expect(group).toBeDefined();
    const lavrov = people(store, { name: 'Sergey Lavrov' });
    expect(lavrov).toHaveLength(1);
    expect(lavrov[0].variants).toEqual(expect.arrayContaining(['Sergei Lavrov', 'Sergey Lavrov']));
    expect(lavrov[0].roles.map((r) => r.role)).toContain('Russian Foreign Minister');
    const byOther = quotes(store, { by: 'Sergey Lavrov' });
    expect(byOther.length).toBeGreaterThan(0);
    expect(quotes(store, { by: 'Sergei Lavrov' }).length).toBe(byOther.length);
    const about = quotes(store, { about: 'peace treaty' });
    expect(about.length).toBeGreaterThan(0);
    for (const q of about) expect(q.content.toLowerCase()).toContain('treaty');
    closeStore(store);
  });

  it('should list merges with evidence, undo one, and not merge that pair again', async () => {
    const store = await corpus();
    const merges = listMerges(store);
    const m = merges.find((x) => x.rule === 'transliteration' && /Lavrov/.test(x.winner.name));
    expect(m).toBeDefined();
    expect(m!.evidence).toMatchObject({ surnameSimilarity: 1 });
    unmerge(store, m!.id);
    expect(people(store, { name: m!.loser.name })[0].variants).not.toContain(m!.winner.name);
    resolveActors(store);
    expect(listMerges(store).find((x) => x.loser.id === m!.loser.id && x.winner.id === m!.winner.id)).toBeUndefined();
    expect(() => unmerge(store, m!.id)).toThrow(/already undone/);
    expect(() => unmerge(store, 99999)).toThrow(/There is no merge 99999/);
    closeStore(store);
  });

  it('should export a graph that parses as GraphML, with speaks-about and appears-with edges', async () => {
    const store = await corpus();
    const g = graph(store, { minCooccurrence: 1 });
    expect(g.edges.some((e) => e.kind === 'speaks about')).toBe(true);
    expect(g.edges.some((e) => e.kind === 'appears with')).toBe(true);
    const xml = [
      ...graphml(
        g.nodes.map((n) => ({ id: n.id, attributes: { label: n.label, type: n.type, articles: n.articles } })),
        g.edges.map((e) => ({ source: e.source, target: e.target, directed: e.kind === 'speaks about', attributes: { kind: e.kind, weight: e.weight, evidence: e.evidence.join(' ') } })),
      ),
    ].join('');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('attr.name="weight" attr.type="long"');
    expect(xml).toMatch(/<data key="e_kind">speaks about<\/data>/);
    expect(csvLine(['a', 'b,c', 'say "hi"', null])).toBe('a,"b,c","say ""hi""",\r\n');
    closeStore(store);
  });
});

describe('concurrent writers', () => {
  it('should fail with a clear error when another process holds the write lock too long', async () => {
    const path = join(tempDir('busy'), 'c.db');
    closeStore(openStore(path));
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const store = openStore(path, { waitSeconds: 0.2 });
    const started = Date.now();
    expect(() => writeTx(store, () => store.db.prepare("INSERT INTO notes (kind, code, text, at) VALUES ('x', 'x', 'x', 'x')").run())).toThrow(
      /another dossier process is writing to this database and did not finish within 0.2 s/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    other.exec('ROLLBACK');
    other.close();
    closeStore(store);
  });

  it('should wait for another writer (another process) that finishes in time', async () => {
    const path = join(tempDir('wait'), 'c.db');
    closeStore(openStore(path));
    const dir = articlesFolder(join(tempDir('wait-in'), 'in'), 3);
    // Another process takes the write lock, holds it 500 ms, then commits.
    const child = spawn(process.execPath, ['-e', `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)}); db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 500);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const store = openStore(path, { waitSeconds: 10 });
    const started = Date.now();
    const summary = await ingestCorpus(store, [dir], { jobs: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(summary.stored).toBe(3);
    closeStore(store);
  });
});
