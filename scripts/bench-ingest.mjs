#!/usr/bin/env node
// Speed and memory of `dossier ingest`, and search latency, on a generated corpus of 10,000+ articles.
//
//   node scripts/bench-ingest.mjs [--data ../shared/data] [--work /tmp/dossier-bench] [--articles 10000] [--jobs 2]
//
// Builds the corpus from the texts in the shared data folder (PolNeAR train/dev texts, CoNLL-2003
// documents, the article-extraction HTML pages) into --work (never into the repository): single files
// (.txt, .html.gz), one RSS feed and one WARC.gz. Variants are cut from the PolNeAR texts (windows of
// paragraphs with a paragraph of another article) to reach the size. Then it ingests a 1,000-article
// subset and the whole corpus into fresh databases with `node bin/dossier.js ingest`, sampling the
// process's resident memory, and times 100 searches through the store API. `--timings` makes the
// ingests say where the time went (analysis in the workers; reading, keeping, storing, resolving in the
// main thread; CPU seconds per thread where the system tells them).
// Reads the compiled program in dist/ (npm install builds it).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const data = resolve(opt('data', join(root, '../shared/data')));
const work = resolve(opt('work', '/tmp/dossier-bench'));
const target = Number(opt('articles', 10000));
const jobs = opt('jobs', '2');
const timings = args.includes('--timings');
if (!existsSync(join(data, 'polnear/train.jsonl'))) {
  console.error(`bench-ingest: no benchmark data in ${data} (want polnear/, conll2003/, article-extraction/). Pass --data DIR.`);
  process.exit(2);
}

// ---- texts ------------------------------------------------------------------------------------
const polnear = ['train', 'dev'].flatMap((s) =>
  readFileSync(join(data, `polnear/${s}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
);
const conll = [];
for (const s of ['train', 'dev']) {
  let doc = [];
  let sent = [];
  const flush = () => {
    if (sent.length) doc.push(sent.join(' ').replace(/ ([.,:;!?')])/g, '$1').replace(/([(]) /g, '$1'));
    sent = [];
  };
  for (const line of readFileSync(join(data, `conll2003/${s}.txt`), 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (doc.length) conll.push(doc);
      doc = [];
    } else if (!line.trim()) flush();
    else sent.push(line.split(' ')[0]);
  }
  flush();
  if (doc.length) conll.push(doc);
}
const htmlDir = join(data, 'article-extraction/html');
const pages = readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz')).sort();
const truth = JSON.parse(readFileSync(join(data, 'article-extraction/ground-truth.json'), 'utf8'));

// ---- corpus -----------------------------------------------------------------------------------
rmSync(work, { recursive: true, force: true });
const dirs = { files: join(work, 'corpus/files'), feeds: join(work, 'corpus/feeds'), warc: join(work, 'corpus/warc') };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
const paras = polnear.map((a) => a.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
let made = 0;
const emitted = [];
const write = (name, body) => {
  writeFileSync(join(dirs.files, name), body);
  made++;
};
polnear.forEach((a, i) => write(`polnear-${String(i).padStart(4, '0')}.txt`, a.text));
conll.forEach((d, i) => write(`conll-${String(i).padStart(4, '0')}.txt`, `${d[0]}\n\n${d.slice(1).join('\n')}\n`));
for (const p of pages) {
  writeFileSync(join(dirs.files, p), readFileSync(join(htmlDir, p)));
  made++;
}
// Variants: a window of paragraphs of one article and a paragraph of another, with a title.
let v = 0;
const variant = () => {
  const i = v % paras.length;
  const round = Math.floor(v / paras.length);
  const ps = paras[i];
  const len = Math.min(ps.length - 1, 8);
  const start = ps.length > len + 1 ? 1 + ((round * 3) % (ps.length - len)) : 1;
  const other = paras[(i * 7 + round * 13 + 1) % paras.length];
  const body = [...ps.slice(start, start + len), other[1 + (round % Math.max(1, other.length - 1))] ?? other[0]];
  v++;
  return { title: `${ps[0]} (${round + 1})`, body };
};
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// One RSS feed of 2,000 items.
const feedItems = 2000;
const feed = [`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench news</title><link>https://news.example/</link><description>generated</description>`];
for (let k = 0; k < feedItems; k++) {
  const { title, body } = variant();
  const date = new Date(Date.UTC(2016, 0, 1) + k * 3600_000).toUTCString();
  feed.push(`<item><title>${esc(title)}</title><link>https://news.example/feed/${k}</link><pubDate>${date}</pubDate><description>${esc(body.map((p) => `<p>${esc(p)}</p>`).join(''))}</description></item>`);
}
feed.push('</channel></rss>\n');
writeFileSync(join(dirs.feeds, 'bench.rss'), feed.join('\n'));
made += feedItems;
// One WARC.gz: the extraction pages and 1,500 generated pages, a request record before each response.
const warcOut = [];
const record = (type, uri, date, block, extra = '') => {
  const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:${crypto.randomUUID()}>\r\nWARC-Date: ${date}\r\nWARC-Target-URI: ${uri}\r\n${extra}Content-Length: ${block.length}\r\n\r\n`;
  warcOut.push(gzipSync(Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')])));
};
const response = (uri, date, html) => {
  const body = Buffer.from(html);
  const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  record('request', uri, date, Buffer.from(`GET / HTTP/1.1\r\nHost: example\r\n\r\n`), 'Content-Type: application/http; msgtype=request\r\n');
  record('response', uri, date, http, 'Content-Type: application/http; msgtype=response\r\n');
};
pages.forEach((p, k) => response(truth[p.replace(/\.html\.gz$/, '')]?.url ?? `https://pages.example/${k}`, '2020-01-01T00:00:00Z', gunzipSync(readFileSync(join(htmlDir, p)))));
const warcGenerated = 1500;
for (let k = 0; k < warcGenerated; k++) {
  const { title, body } = variant();
  response(`https://archive.example/story/${k}`, new Date(Date.UTC(2016, 5, 1) + k * 60_000).toISOString(), `<!DOCTYPE html><html><head><title>${esc(title)}</title></head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header><article><h1>${esc(title)}</h1>${body.map((p) => `<p>${esc(p)}</p>`).join('')}</article><footer>© Archive example</footer></body></html>`);
}
writeFileSync(join(dirs.warc, 'bench.warc.gz'), Buffer.concat(warcOut));
made += pages.length + warcGenerated;
while (made < target) {
  const { title, body } = variant();
  write(`variant-${String(v).padStart(5, '0')}.txt`, `${title}\n\n${body.join('\n\n')}\n`);
}
console.log(`corpus: ${made} items in ${work}/corpus (files ${readdirSync(dirs.files).length}, feed items ${feedItems}, WARC HTML records ${pages.length + warcGenerated})`);

// ---- ingest -----------------------------------------------------------------------------------
// CPU seconds (user + system, all threads) a process has used so far.
const sampleCpu = (pid) => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
};
const sampleMemory = (pid) => {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) * 1024, hwm: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) * 1024 };
  } catch {
    return undefined;
  }
};
async function ingest(paths, db) {
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/dossier.js'), 'ingest', ...paths, '--db', db, '--jobs', jobs, ...(timings ? ['--timings'] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  let cpu = 0;
  const samples = [];
  const timer = setInterval(() => {
    cpu = sampleCpu(child.pid) ?? cpu;
    const m = sampleMemory(child.pid);
    if (m) {
      peak = Math.max(peak, m.hwm, m.rss);
      samples.push(m.rss);
    }
  }, 100);
  const code = await new Promise((r) => child.on('exit', r));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const summary = stderr.split('\n').find((l) => l.startsWith('dossier ingest:') && l.includes(' in ')) ?? stderr.slice(-500);
  const stored = Number(/(\d+) stored/.exec(summary)?.[1] ?? 0);
  const failed = Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  const timing = stderr.split('\n').find((l) => l.startsWith('  time: ')) ?? '';
  return { code, seconds, stored, failed, rate: (stored + failed) / seconds, peak, summary, samples, timing, cpu };
}
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
// The first 1,000: a subset of the single files.
const subset = join(work, 'corpus-1000');
mkdirSync(subset, { recursive: true });
for (const f of readdirSync(dirs.files).filter((f) => f.startsWith('variant-') || f.startsWith('polnear-')).slice(0, 1000)) writeFileSync(join(subset, f), readFileSync(join(dirs.files, f)));
const small = await ingest([subset], join(work, 'bench-1000.db'));
// CPU per article by thread: the analysis threads and the main thread (from --timings), and the rest
// of the process (V8's background threads: the optimising compiler, the collector's helpers).
const perThread = (r) => {
  const workers = Number(/CPU: workers ([\d.]+) s/.exec(r.timing)?.[1]);
  const main = Number(/main thread ([\d.]+) s;/.exec(r.timing)?.[1]);
  if (!Number.isFinite(workers) || !Number.isFinite(main)) return '';
  const n = Math.max(1, r.stored + r.failed);
  const ms = (s) => ((1000 * s) / n).toFixed(1);
  return ` (workers ${ms(workers)}, main thread ${ms(main)}, V8 background threads ${ms(Math.max(0, r.cpu - workers - main))})`;
};
const cores = (r) => `CPU ${r.cpu.toFixed(0)} s = ${(r.cpu / r.seconds).toFixed(2)} cores busy on average, ${((1000 * r.cpu) / Math.max(1, r.stored + r.failed)).toFixed(1)} ms per article${perThread(r)}`;
console.log(`ingest  1,000: ${small.stored} stored, ${small.failed} failed in ${small.seconds.toFixed(1)} s = ${small.rate.toFixed(0)} articles/s (wall, with start-up), peak RSS ${mb(small.peak)}; ${cores(small)}`);
if (small.timing) console.log(small.timing);
const big = await ingest([dirs.files, dirs.feeds, dirs.warc], join(work, 'bench-all.db'));
const q = (a, p) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];
const tail = big.samples.slice(Math.floor(big.samples.length / 2));
console.log(`ingest ${big.stored + big.failed >= 1000 ? (big.stored + big.failed).toLocaleString('en') : big.stored}: ${big.stored} stored, ${big.failed} failed in ${big.seconds.toFixed(1)} s = ${big.rate.toFixed(0)} articles/s (wall, with start-up), peak RSS ${mb(big.peak)}; RSS over the second half: median ${mb(q(tail, 0.5))}, max ${mb(Math.max(...tail))}; ${cores(big)}`);
console.log(`  ${big.summary}`);
if (big.timing) console.log(big.timing);
console.log(`  RSS through the run (10%, 25%, 50%, 75%, 90% of the time): ${[0.1, 0.25, 0.5, 0.75, 0.9].map((f) => mb(big.samples[Math.floor(f * big.samples.length)] ?? 0)).join(', ')}`);
if (big.code !== 0 && big.code !== 1) console.log(`  exit code ${big.code}`);

// ---- search -----------------------------------------------------------------------------------
const { openStore, closeStore } = await import(join(root, 'dist/store/store.js'));
const { search } = await import(join(root, 'dist/store/queries.js'));
const store = openStore(join(work, 'bench-all.db'), { mustExist: true });
const words = [...new Set(polnear.flatMap((a) => a.title.match(/\b[A-Z][a-z]{3,}\b/g) ?? []))];
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const queries = Array.from({ length: 100 }, (_, k) => (k % 3 === 0 ? words[Math.floor(rnd() * words.length)] : `${words[Math.floor(rnd() * words.length)]} ${words[Math.floor(rnd() * words.length)]}`));
for (const w of queries.slice(0, 5)) search(store, w); // warm the page cache
const times = [];
let hits = 0;
for (const w of queries) {
  const t = performance.now();
  hits += search(store, w, { limit: 20 }).length;
  times.push(performance.now() - t);
}
closeStore(store);
console.log(`search: 100 queries (1-2 capitalised title words, top 20 with snippets): p50 ${q(times, 0.5).toFixed(1)} ms, p95 ${q(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms, ${hits} hits`);
