import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { evaluateEntitiesStage } from '../../eval/entities.js';
import { DossierError, fail } from '../../errors.js';
import {
  evaluateNer,
  loadNerModel,
  parseConll,
  saveNerModel,
  tokeniseText,
  trainNer,
  type ConllSentence,
  type NerModel,
} from '../../ner/index.js';
import { parent, type CliContext } from '../program.js';

const readText = (path: string): string => {
  if (!existsSync(path)) throw fail('E_FILE_NOT_FOUND', path);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DossierError('E_FILE_UNREADABLE', `${path}: cannot be read (${(error as Error).message}). Check its permissions, or that it is a file and not a folder.`, { cause: error });
  }
};

const readConll = (path: string): ConllSentence[] => {
  const s = parseConll(readText(path), path);
  if (!s.length) throw new DossierError('E_DATA', `${path}: no sentences found. Give a CoNLL file: one "word ... TAG" line per token, a blank line after each sentence.`);
  return s;
};

/** Unlabelled text: JSON lines with a `text` field (PolNeAR) or plain text. */
const readTexts = (path: string): string[][] => {
  const raw = readText(path);
  if (/\.jsonl$/.test(path)) {
    return raw
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l, n) => {
        let o: { text?: unknown };
        try {
          o = JSON.parse(l) as { text?: unknown };
        } catch (error) {
          throw new DossierError('E_DATA', `${path}:${n + 1}: not a JSON line. Give JSON lines with a "text" field, or plain text.`, { cause: error });
        }
        return typeof o.text === 'string' ? tokeniseText(o.text) : [];
      });
  }
  return tokeniseText(raw);
};

const int = (name: string, min: number, max: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new DossierError('E_BAD_OPTION', `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}.`);
  return n;
};
const num = (name: string, min: number, max: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new DossierError('E_BAD_OPTION', `${name} must be a number from ${min} to ${max}, not ${JSON.stringify(v)}.`);
  return n;
};

const pct = (x: number): string => (x * 100).toFixed(2).padStart(6);

function recase(sentences: ConllSentence[], mode: string): ConllSentence[] {
  if (mode === 'as-is') return sentences;
  const f = mode === 'upper' ? (w: string) => w.toUpperCase() : (w: string) => w.toLowerCase();
  return sentences.map((s) => ({ ...s, words: s.words.map(f) }));
}

/** The report `eval ner` prints as JSON. */
function report(r: ReturnType<typeof evaluateNer>) {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    precision: round(r.precision),
    recall: round(r.recall),
    f1: round(r.f1),
    types: Object.fromEntries(Object.entries(r.types).map(([t, v]) => [t, { precision: round(v.precision), recall: round(v.recall), f1: round(v.f1) }])),
    tokens: r.tokens,
    tokens_per_second: Math.round(r.tokens / Math.max(r.seconds, 1e-9)),
  };
}

/** conlleval's layout. */
function brief(r: ReturnType<typeof evaluateNer>): string {
  const lines = [
    `processed ${r.tokens} tokens with ${r.gold} phrases; found: ${r.predicted} phrases; correct: ${r.correct}.`,
    `accuracy: n/a; precision: ${pct(r.precision)}%; recall: ${pct(r.recall)}%; FB1: ${pct(r.f1)}`,
  ];
  for (const [t, v] of Object.entries(r.types)) {
    lines.push(`${t.padStart(17)}: precision: ${pct(v.precision)}%; recall: ${pct(v.recall)}%; FB1: ${pct(v.f1)}  ${v.predicted}`);
  }
  lines.push(`tagged at ${Math.round(r.tokens / Math.max(r.seconds, 1e-9))} tokens/s`);
  return lines.join('\n') + '\n';
}

/** `dossier train ner` and `dossier eval ner`. */
export function registerNer(program: Command, ctx: CliContext): void {
  parent(program, 'train')
    .command('ner')
    .description('Train the named-entity model (averaged perceptron) from CoNLL-2003 data; deterministic for a seed.')
    .requiredOption('--train <file>', 'CoNLL training file (IOB1 or IOB2)')
    .requiredOption('--dev <file>', 'CoNLL dev file, scored at the end (never trained on)')
    .requiredOption('--out <path>', 'where to write the model (e.g. models/ner.bin)')
    .option('--text <file...>', 'unlabelled text for word clusters and casing: JSON lines with a "text" field, or plain text')
    .option('--seed <n>', 'random seed', int('--seed', 0, 2 ** 31 - 1), 1)
    .option('--epochs <n>', 'passes over the training data', int('--epochs', 1, 200), 12)
    .option('--augment <share>', 'share of sentences also trained as ALL-CAPS and as lower-case copies', num('--augment', 0, 1), 0.3)
    .option('--bits <n>', 'bits per stored weight (8 or 16)', int('--bits', 8, 16), 8)
    .action((o: { train: string; dev: string; out: string; text?: string[]; seed: number; epochs: number; augment: number; bits: number }) => {
      if (o.bits !== 8 && o.bits !== 16) throw new DossierError('E_BAD_OPTION', `--bits must be 8 or 16, not ${o.bits}.`);
      const t0 = performance.now();
      const train = readConll(o.train);
      const dev = readConll(o.dev);
      const texts = (o.text ?? []).flatMap(readTexts);
      const log = (line: string) => ctx.io.stderr.write(`train ner: ${line}\n`);
      log(`${train.length} training sentences, ${texts.length} unlabelled sentences`);
      const model = trainNer(train, { seed: o.seed, epochs: o.epochs, augment: o.augment, texts, log, bits: o.bits as 8 | 16 });
      const bytes = saveNerModel(model, { bits: o.bits as 8 | 16 });
      mkdirSync(dirname(o.out), { recursive: true });
      writeFileSync(o.out, bytes);
      const seconds = (performance.now() - t0) / 1000;
      const r = evaluateNer(loadNerModel(o.out), dev, { document: true });
      const rs = evaluateNer(loadNerModel(o.out), dev);
      ctx.io.stdout.write(
        `wrote ${o.out} (${(bytes.length / 1e6).toFixed(2)} MB) in ${seconds.toFixed(0)} s\n` +
          `dev (${o.dev}), sentence by sentence: F1 ${(rs.f1 * 100).toFixed(2)}; with document consistency:\n${brief(r)}`,
      );
    });

  parent(program, 'eval')
    .command('ner')
    .description('Score the named-entity model on a CoNLL file (IOB1 or IOB2): conlleval precision, recall, F1, and tokens/s.')
    .requiredOption('--conll <file>', 'CoNLL file with gold tags in the last column')
    .option('--model <path>', 'model file (default: the shipped models/ner.bin)')
    .option('--case <mode>', 'as-is | upper | lower: re-case the words first, to measure robustness', 'as-is')
    .option('--sentences', 'tag each sentence on its own (no document-level consistency across -DOCSTART- documents)')
    .option('--stage <which>', 'model: the trained model alone; entities: the whole entities stage as analyze runs it (rules, gazetteers and model); rules: the stage without the model', 'model')
    .option('-f, --format <format>', 'brief | json', 'brief')
    .action((o: { conll: string; model?: string; case: string; sentences?: boolean; stage: string; format: string }) => {
      if (!['model', 'entities', 'rules'].includes(o.stage)) throw new DossierError('E_BAD_OPTION', `--stage must be model, entities or rules, not ${JSON.stringify(o.stage)}.`);
      if (o.format !== 'brief' && o.format !== 'json') throw new DossierError('E_BAD_OPTION', `--format must be brief or json, not ${JSON.stringify(o.format)}.`);
      if (!['as-is', 'upper', 'lower'].includes(o.case)) throw new DossierError('E_BAD_OPTION', `--case must be as-is, upper or lower, not ${JSON.stringify(o.case)}.`);
      if (o.model && !existsSync(o.model)) throw fail('E_FILE_NOT_FOUND', o.model);
      const sentences = recase(readConll(o.conll), o.case);
      const model: NerModel = loadNerModel(o.model);
      const r =
        o.stage === 'model' ? evaluateNer(model, sentences, { document: !o.sentences }) : evaluateEntitiesStage(sentences, o.stage === 'rules' ? false : model);
      ctx.io.stdout.write(o.format === 'json' ? JSON.stringify(report(r)) + '\n' : brief(r));
    });
}
