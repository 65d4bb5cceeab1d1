#!/usr/bin/env node
// Speed of `dossier serve` on a corpus database: time to first render of the article view and of
// the actor graph in headless Chromium, and the latency (p50/p95/max) of the JSON API.
//
//   node scripts/bench-web.mjs [--db /tmp/dossier-bench/bench-all.db] [--articles 20] [--requests 200]
//
// The database is any made by `dossier ingest` (scripts/bench-ingest.mjs builds a 10,000-article
// one in /tmp/dossier-bench). Reads the compiled program in dist/ (npm install builds it) and
// needs /usr/bin/chromium. Every request goes to a server on 127.0.0.1 started here; the loops
// are bounded and the script stops by itself.
//
// "First render" is the time from navigation start to the moment the view is built and laid out
// for its first paint (the page's `dossier-ready` performance mark): the HTML, the scripts, the
// API call and the drawing. "cold" is a new browser context (nothing cached), "warm" the same
// page opened again.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dbPath = opt('db', '/tmp/dossier-bench/bench-all.db');
const nArticles = Number(opt('articles', 20));
const nRequests = Number(opt('requests', 200));
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(dbPath)) {
  console.error(`bench-web: no database at ${dbPath}. Build one with scripts/bench-ingest.mjs or dossier ingest, and pass --db FILE.`);
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error('bench-web: /usr/bin/chromium is needed (apt-get install chromium).');
  process.exit(2);
}
if (!existsSync(join(root, 'dist/web/client/app.mjs'))) {
  console.error('bench-web: dist/ is not built; run npm run build.');
  process.exit(2);
}

const { createWebServer, openReadOnly, storeSource } = await import(join(root, 'dist/web/index.js'));
const { chromium } = await import('playwright-core');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs) => `median ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

// ---- server -----------------------------------------------------------------------------------
let t0 = performance.now();
const store = openReadOnly(dbPath);
const source = storeSource(store);
const stats = source.stats();
const tStats = performance.now() - t0;
t0 = performance.now();
source.graph(80);
const tGraph = performance.now() - t0;
t0 = performance.now();
source.people('', 'PERSON', 50);
const tPeople = performance.now() - t0;
const server = createWebServer({ source });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
console.log(`bench-web: ${dbPath}: ${stats.articles} articles, ${stats.people} people, ${stats.attributions} attributions`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work shares the cores)`);
console.log(`server start: counts ${tStats.toFixed(0)} ms, actor graph from the relations ${tGraph.toFixed(0)} ms, people list ${tPeople.toFixed(0)} ms (each cached after, until the database changes)`);

// Articles spread over the corpus, and the longest one.
const db = store.db;
const total = db.prepare('SELECT COUNT(*) FROM articles').pluck().get();
const step = Math.max(1, Math.floor(total / nArticles));
const ids = db.prepare('SELECT doc_id FROM articles WHERE id % ? = 0 ORDER BY id LIMIT ?').pluck().all(step, nArticles);
const longest = db.prepare('SELECT doc_id, chars FROM articles ORDER BY chars DESC LIMIT 1').get();

// ---- browser ------------------------------------------------------------------------------------
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const renderTime = async (page, path, view) => {
  await page.goto(base + path);
  await page.waitForSelector(`body[data-ready="${view}"]`, { state: 'attached', timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('dossier-ready')[0].startTime);
};
const measure = async (path, view) => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const cold = await renderTime(page, path, view);
  const warm = await renderTime(page, path, view);
  await context.close();
  return { cold, warm };
};

const articleCold = [];
const articleWarm = [];
for (const id of ids) {
  const { cold, warm } = await measure(`/article/${id}`, 'article');
  articleCold.push(cold);
  articleWarm.push(warm);
}
const long = await measure(`/article/${longest.doc_id}`, 'article');
const graphCold = [];
const graphWarm = [];
for (let i = 0; i < 5; i++) {
  const { cold, warm } = await measure('/graph', 'graph');
  graphCold.push(cold);
  graphWarm.push(warm);
}
const graph200 = await measure('/graph?limit=200', 'graph');
await browser.close();

console.log('\ntime to first render in Chromium (navigation start to the view laid out):');
console.log(`  article view, cold: ${fmt(articleCold)}`);
console.log(`  article view, warm: ${fmt(articleWarm)}`);
console.log(`  longest article (${longest.chars} chars): cold ${long.cold.toFixed(0)} ms, warm ${long.warm.toFixed(0)} ms`);
console.log(`  graph (80 actors), cold: ${fmt(graphCold)}`);
console.log(`  graph (80 actors), warm: ${fmt(graphWarm)}`);
console.log(`  graph (200 actors): cold ${graph200.cold.toFixed(0)} ms, warm ${graph200.warm.toFixed(0)} ms`);

// ---- API latency --------------------------------------------------------------------------------
const words = ['Trump', 'Clinton', 'election', 'minister', 'police said', 'economy', 'Russia', 'health care', 'court', 'vote'];
const people = source.people('', 'PERSON', 50);
const graph = source.graph(80);
const endpoints = {
  'GET /api/articles?q=': (i) => `/api/articles?q=${encodeURIComponent(words[i % words.length])}`,
  'GET /api/articles/<id>': (i) => `/api/articles/${ids[i % ids.length]}`,
  'GET /api/people': () => '/api/people',
  'GET /api/people/<id>': (i) => `/api/people/${people[i % people.length].id}`,
  'GET /api/graph': () => '/api/graph',
  'GET /api/graph/edges/<id>': (i) => `/api/graph/edges/${graph.edges[i % graph.edges.length].id}`,
  'GET /api/timeline': () => '/api/timeline',
};
console.log(`\nAPI latency (${nRequests} sequential requests each, keep-alive, 127.0.0.1):`);
const all = [];
for (const [name, path] of Object.entries(endpoints)) {
  const times = [];
  for (let i = 0; i < nRequests; i++) {
    const t = performance.now();
    const res = await fetch(base + path(i));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    times.push(performance.now() - t);
  }
  all.push(...times);
  console.log(`  ${name.padEnd(26)} p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
}
console.log(`  ${'all'.padEnd(26)} p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms`);

server.closeAllConnections();
server.close();
source.close();
