#!/usr/bin/env node
// Speed of the NER model on one core: model load time, tokens per second tagging (first,
// cold pass and warm passes), and the model file's size.
//
//   node scripts/bench-ner.mjs [--model PATH] [--conll FILE] [--repeat N]
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
const { loadNerModel, tagTokens, parseConll } = await import(join(root, 'dist/ner/index.js'));

const modelPath = opt('model', join(root, 'models/ner.bin'));
const conll = opt('conll', [join(root, '../shared/data/conll2003/dev.txt'), join(root, 'src/ner/fixtures/held-out.conll')].find(existsSync));
const repeat = Number(opt('repeat', 5));
const sentences = parseConll(readFileSync(conll, 'utf8')).map((s) => s.words);
let tokens = 0;
for (const s of sentences) tokens += s.length;

const t0 = performance.now();
const model = loadNerModel(modelPath);
const loadMs = performance.now() - t0;

const pass = () => {
  const t = performance.now();
  for (const s of sentences) tagTokens(model, s);
  return tokens / ((performance.now() - t) / 1000);
};
const cold = pass();
const warm = [];
for (let r = 0; r < repeat; r++) warm.push(pass());
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)];

const out = {
  model: modelPath,
  model_bytes: statSync(modelPath).size,
  load_ms: Math.round(loadMs * 10) / 10,
  corpus: conll,
  sentences: sentences.length,
  tokens,
  tokens_per_second_cold: Math.round(cold),
  tokens_per_second: Math.round(median),
};
if (args.includes('--json')) process.stdout.write(JSON.stringify(out) + '\n');
else {
  process.stdout.write(
    `model ${out.model} (${(out.model_bytes / 1e6).toFixed(2)} MB), loaded in ${out.load_ms} ms\n` +
      `${out.tokens} tokens in ${out.sentences} sentences (${conll})\n` +
      `tagging: ${out.tokens_per_second} tokens/s (median of ${repeat} warm passes), ${out.tokens_per_second_cold} tokens/s on the first, cold pass\n`,
  );
}
