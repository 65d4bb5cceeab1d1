#!/usr/bin/env node
// Speed of the NER model on one core: model load time, tokens per second tagging (first,
// cold pass and warm passes) sentence by sentence (tagTokens) and article by article with the
// document features and consistency pass (tagDocument, what analyze runs), the whole entities
// stage (rules, gazetteers and the model: recogniseEntities), and the model file's size; then
// the entities stage inside the pipeline, as analyze runs it on news text: the PolNeAR training
// articles (--texts, one JSON object with a "text" a line) segmented by the standard segment
// stage, then the standard entities stage timed over all of them (best of the warm passes).
//
//   node scripts/bench-ner.mjs [--model PATH] [--conll FILE] [--texts FILE] [--repeat N] [--cpu] [--json]
//
// Tags the CoNLL-2003 dev sentences from ../shared/data when present, else the fixture
// sentences in src/ner/fixtures; the pipeline figure needs --texts (default
// ../shared/data/polnear/train.jsonl) and is left out without it. Reads the compiled program in
// dist/ (npm run build).
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

// The entities stage in the pipeline over news articles (the shipped model: what analyze loads).
const textsPath = opt('texts', join(root, '../shared/data/polnear/train.jsonl'));
let pipeline;
if (existsSync(textsPath)) {
  const { STANDARD_STAGES } = await import(join(root, 'dist/pipeline/index.js'));
  const segment = STANDARD_STAGES.find((s) => s.name === 'segment');
  const entities = STANDARD_STAGES.find((s) => s.name === 'entities');
  const texts = readFileSync(textsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
  const segmented = texts.map((t) => {
    const d = createDocument(t);
    const o = segment.run(d, {});
    return withLayers(d, o.layers, o.messages ?? []);
  });
  let ptokens = 0;
  for (const d of segmented) for (const s of d.layers.sentences) ptokens += s.tokens.length;
  const pass = () => {
    const t = clock();
    for (const d of segmented) entities.run(d, {});
    return ptokens / ((clock() - t) / 1000);
  };
  const cold = pass();
  let best = 0;
  for (let r = 0; r < Math.min(repeat, 3); r++) best = Math.max(best, pass());
  pipeline = { texts: textsPath, articles: texts.length, tokens: ptokens, cold: Math.round(cold), best: Math.round(best) };
}

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
  pipeline_entities_tokens_per_second: pipeline?.best,
  pipeline_entities_tokens_per_second_cold: pipeline?.cold,
  pipeline_tokens: pipeline?.tokens,
};
if (args.includes('--json')) process.stdout.write(JSON.stringify(out) + '\n');
else {
  process.stdout.write(
    `model ${out.model} (${(out.model_bytes / 1e6).toFixed(2)} MB), loaded in ${out.load_ms} ms\n` +
      `${out.tokens} tokens in ${out.sentences} sentences (${conll})\n` +
      `tagging (${out.clock} clock): ${out.tokens_per_second} tokens/s (median of ${repeat} warm passes), ${out.tokens_per_second_cold} tokens/s on the first, cold pass\n` +
      `by article (tagDocument: document features and consistency): ${out.document_tokens_per_second} tokens/s\n` +
      `entities stage (rules, gazetteers and model, as analyze runs it): ${out.entities_stage_tokens_per_second} tokens/s\n` +
      (pipeline
        ? `entities stage in the pipeline on ${pipeline.articles} articles, ${pipeline.tokens} tokens (${pipeline.texts}): ${pipeline.best} tokens/s (best of the warm passes), ${pipeline.cold} on the first pass\n`
        : `entities stage in the pipeline: left out (no ${textsPath})\n`),
  );
}
