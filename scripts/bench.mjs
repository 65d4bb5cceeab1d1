#!/usr/bin/env node
// Speed and memory of `analyze`: tokens per second and articles per second on one core, peak memory,
// and the wall time of one `dossier analyze` from a cold start.
//
//   npm run bench                                  (texts of ../shared/data/polnear when present, else examples/)
//   npm run bench -- --corpus FILE.jsonl [--limit N] [--repeat N]
//
// Also prints each stage's share: its tokens per second when timed on its own inside the
// pipeline (one more pass over the corpus, each stage timed around its run).
//
// Reads the compiled program in dist/ (npm install builds it).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

const { createDocument } = await import(join(root, 'dist/document/index.js'));
const { defaultPipeline, STANDARD_STAGES } = await import(join(root, 'dist/pipeline/index.js'));
const { withLayers } = await import(join(root, 'dist/document/index.js'));

function loadCorpus() {
  const explicit = opt('corpus');
  const shared = [join(root, '../shared/data/polnear/train.jsonl'), join(root, '../shared/data/polnear/dev.jsonl')];
  const path = explicit ?? shared.find(existsSync);
  if (path) {
    const texts = readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).text);
    return { name: path, texts };
  }
  const dir = join(root, 'examples');
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const repeat = Number(opt('repeat', 200));
  return { name: `examples/*.txt x${repeat}`, texts: Array.from({ length: repeat }, () => texts).flat() };
}

const corpus = loadCorpus();
const limit = Number(opt('limit', corpus.texts.length));
const texts = corpus.texts.slice(0, limit);
const pipeline = defaultPipeline();

// Warm up: load the gazetteer and models, let the JIT settle.
for (const t of texts.slice(0, 20)) pipeline.run(createDocument(t));

let peak = process.memoryUsage().rss;
let tokens = 0;
let attributions = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < texts.length; i++) {
  const doc = pipeline.run(createDocument(texts[i]));
  for (const s of doc.layers.sentences ?? []) tokens += s.tokens.length;
  attributions += (doc.layers.attributions ?? []).length;
  if (i % 50 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
peak = Math.max(peak, process.memoryUsage().rss);

// Each stage on its own: the same pipeline run by hand, timing every stage.
const stageTime = new Map(STANDARD_STAGES.map((s) => [s.name, 0n]));
for (const text of texts) {
  let doc = createDocument(text);
  for (const stage of STANDARD_STAGES) {
    const t0 = process.hrtime.bigint();
    const out = stage.run(doc, {});
    doc = withLayers(doc, out.layers, out.messages ?? []);
    stageTime.set(stage.name, stageTime.get(stage.name) + process.hrtime.bigint() - t0);
  }
}

// Cold start: one article through the CLI, best of 5.
const example = join(root, 'examples', readdirSync(join(root, 'examples')).find((f) => f.endsWith('.txt')));
const cold = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [join(root, 'bin/dossier.js'), 'analyze', example, '--format', 'json'], { stdio: 'pipe' });
  cold.push(Number(process.hrtime.bigint() - t0) / 1e9);
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`corpus            ${corpus.name} (${texts.length} articles)`);
console.log(`tokens            ${fmt(tokens)}`);
console.log(`time              ${seconds.toFixed(2)} s (one core)`);
console.log(`tokens/s          ${fmt(tokens / seconds)}`);
console.log(`articles/s        ${(texts.length / seconds).toFixed(1)}`);
console.log(`attributions      ${fmt(attributions)}`);
console.log(`peak memory       ${fmt(peak / 1048576)} MB (rss)`);
console.log(`cold start        ${Math.min(...cold).toFixed(3)} s best, ${(cold.reduce((a, b) => a + b) / cold.length).toFixed(3)} s mean (dossier analyze, one article)`);
console.log('stages            tokens/s on one core, each stage timed inside the pipeline');
for (const [name, ns] of stageTime) {
  const sec = Number(ns) / 1e9;
  console.log(`  ${name.padEnd(16)}${fmt(tokens / sec).padStart(12)}   ${(sec * 1000).toFixed(0).padStart(6)} ms`);
}
