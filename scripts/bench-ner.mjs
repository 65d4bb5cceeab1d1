#!/usr/bin/env node
// Speed of the NER model on one core: model load time, tokens per second tagging (first,
// cold pass and warm passes) sentence by sentence (tagTokens) and article by article with the
// document features and consistency pass (tagDocument, what analyze runs), the whole entities
// stage (rules, gazetteers and the model: recogniseEntities), and the model file's size.
//
//   node scripts/bench-ner.mjs [--model PATH] [--conll FILE] [--repeat N] [--cpu] [--json]
//
// Tags the CoNLL-2003 dev sentences from ../shared/data when present, else the fixture
// sentences in src/ner/fixtures. Reads the compiled program in dist/ (npm run build).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const { loadNerModel, tagTokens, tagDocument, parseConll } = await import(join(root, 'dist/ner/index.js'));

const modelPath = opt('model', join(root, 'models/ner.bin'));
const conll = opt('conll', [join(root, '../shared/data/conll2003/dev.txt'), join(root, 'src/ner/fixtures/held-out.conll')].find(existsSync));
const repeat = Number(opt('repeat', 5));
const parsed = parseConll(readFileSync(conll, 'utf8'));
const sentences = parsed.map((s) => s.words);
let tokens = 0;
for (const s of sentences) tokens += s.length;
const byDoc = new Map();
for (const s of parsed) byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), s.words]);
const articles = [...byDoc.values()];

const t0 = performance.now();
const model = loadNerModel(modelPath);
const loadMs = performance.now() - t0;

// Wall-clock time, or with --cpu the process's CPU time (user + system): on a shared machine the
// CPU time leaves out the time the process waited for a core.
const useCpu = args.includes('--cpu');
const clock = () => {
  if (!useCpu) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const speed = (run) => {
  const pass = () => {
    const t = clock();
    run();
    return tokens / ((clock() - t) / 1000);
  };
  const cold = pass();
  const warm = [];
  for (let r = 0; r < repeat; r++) warm.push(pass());
  warm.sort((a, b) => a - b);
  return [cold, warm[Math.floor(warm.length / 2)]];
};
const [cold, median] = speed(() => {
  for (const s of sentences) tagTokens(model, s);
});
const [, docMedian] = speed(() => {
  for (const a of articles) tagDocument(model, a);
});

// The entities stage over the same articles, as analyze runs it (documents built beforehand).
const { createDocument, withLayers } = await import(join(root, 'dist/document/index.js'));
const { recogniseEntities } = await import(join(root, 'dist/entities/index.js'));
const docs = articles.map((a) => {
  let text = '';
  const layer = a.map((words, index) => {
    const start = text.length;
    const toks = words.map((w, k) => {
      if (k) text += ' ';
      const tok = { start: text.length, end: text.length + w.length, text: w };
      text += w;
      return tok;
    });
    const s = { index, paragraph: index, start, end: text.length, tokens: toks };
    text += '\n';
    return s;
  });
  return withLayers(createDocument(text), { sentences: layer });
});
const [, stageMedian] = speed(() => {
  for (const d of docs) recogniseEntities(d, { model });
});

const out = {
  model: modelPath,
  model_bytes: statSync(modelPath).size,
  load_ms: Math.round(loadMs * 10) / 10,
  corpus: conll,
  sentences: sentences.length,
  tokens,
  clock: useCpu ? 'cpu' : 'wall',
  tokens_per_second_cold: Math.round(cold),
  tokens_per_second: Math.round(median),
  document_tokens_per_second: Math.round(docMedian),
  entities_stage_tokens_per_second: Math.round(stageMedian),
};
if (args.includes('--json')) process.stdout.write(JSON.stringify(out) + '\n');
else {
  process.stdout.write(
    `model ${out.model} (${(out.model_bytes / 1e6).toFixed(2)} MB), loaded in ${out.load_ms} ms\n` +
      `${out.tokens} tokens in ${out.sentences} sentences (${conll})\n` +
      `tagging (${out.clock} clock): ${out.tokens_per_second} tokens/s (median of ${repeat} warm passes), ${out.tokens_per_second_cold} tokens/s on the first, cold pass\n` +
      `by article (tagDocument: document features and consistency): ${out.document_tokens_per_second} tokens/s\n` +
      `entities stage (rules, gazetteers and model, as analyze runs it): ${out.entities_stage_tokens_per_second} tokens/s\n`,
  );
}
