import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { loadModels, saveModels } from '../../attribution/model.js';
import { nerClusters, tagScore, trainModels } from '../../attribution/train.js';
import { DossierError } from '../../errors.js';
import { evaluateAttribution, readPolnear, type AttributionReport, type EvaluateResult } from '../../eval/attribution.js';
import { parent, type CliContext } from '../program.js';

const FORMATS = ['brief', 'json'] as const;
type Format = (typeof FORMATS)[number];

const f3 = (x: number): string => x.toFixed(3);

function rows(r: AttributionReport, indent = ''): string[] {
  const prf = (p: { precision: number; recall: number; f1: number }): string => `P ${f3(p.precision)} R ${f3(p.recall)} F1 ${f3(p.f1)}`;
  return [
    ...(['source', 'cue', 'content'] as const).map((k) => `${indent}${k.padEnd(8)} exact ${prf(r[k].exact)}   overlap ${prf(r[k].overlap)}`),
    `${indent}attribution ${prf(r.attribution)}`,
    `${indent}speaker resolution: ${f3(r.speaker.rate)} of resolved sources fall on a mention of the named entity (${f3(r.speaker.resolved)} of ${r.speaker.matched} matched sources resolved)`,
  ];
}

/** The terminal report: overall figures, figures per publisher, speed. */
export function attributionBrief(result: EvaluateResult): string {
  const lines = [`attribution on PolNeAR (${result.overall.articles} articles)`, ...rows(result.overall)];
  for (const [name, r] of Object.entries(result.publishers)) lines.push('', `${name} (${r.articles} articles)`, ...rows(r, '  '));
  const tps = result.seconds ? result.tokens / result.seconds : 0;
  lines.push('', `speed: ${result.tokens} tokens in ${result.seconds.toFixed(2)} s = ${Math.round(tps)} tokens/s (whole pipeline, one core)`);
  return `${lines.join('\n')}\n`;
}

/** `dossier eval attribution --polnear FILE`: score attributions (source, cue, content) on PolNeAR. */
export function registerAttribution(program: Command, ctx: CliContext): void {
  parent(program, 'eval')
    .command('attribution')
    .description('Attribution (source, cue, content; exact and overlap P/R/F1) on PolNeAR converted JSONL.')
    .requiredOption('--polnear <file>', 'PolNeAR split as JSONL (e.g. ../shared/data/polnear/dev.jsonl)')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')}`, 'brief')
    .option('--limit <n>', 'score only the first N articles')
    .action((opts: { polnear: string; format: string; limit?: string }) => {
      const format = opts.format as Format;
      if (!FORMATS.includes(format)) throw new DossierError('E_BAD_OPTION', `--format ${opts.format} is not known. Use one of: ${FORMATS.join(', ')}.`);
      const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
      if (!(limit > 0)) throw new DossierError('E_BAD_OPTION', `--limit ${opts.limit} is not a positive number. Give how many articles to score.`);
      const result = evaluateAttribution(readPolnear(opts.polnear, limit));
      ctx.io.stdout.write(format === 'json' ? `${JSON.stringify(result.overall)}\n` : attributionBrief(result));
    });

  const int = (name: string, lo: number, hi: number) => (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new DossierError('E_BAD_OPTION', `${name} must be a whole number from ${lo} to ${hi}, not ${JSON.stringify(v)}.`);
    return n;
  };
  parent(program, 'train')
    .command('attribution')
    .description('Train the attribution models (averaged perceptrons: a sentence tagger of source/cue/content, a span tagger of source/content given a cue; a cross-fitted confirmation filter) on PolNeAR train; deterministic for a seed.')
    .requiredOption('--polnear <file>', 'PolNeAR training split as JSONL (../shared/data/polnear/train.jsonl; never dev)')
    .requiredOption('--out <path>', 'where to write the model (e.g. models/attribution.bin)')
    .option('--seed <n>', 'random seed', int('--seed', 0, 2 ** 31 - 1), 1)
    .option('--epochs <n>', 'passes over the training data', int('--epochs', 1, 100), 10)
    .option('--dev <file>', 'PolNeAR JSONL scored at the end for the log (never trained on)')
    .action((o: { polnear: string; out: string; seed: number; epochs: number; dev?: string }) => {
      const t0 = performance.now();
      const log = (line: string) => ctx.io.stderr.write(`train attribution: ${line}\n`);
      const articles = readPolnear(o.polnear);
      const clusters = nerClusters();
      const bytes = saveModels(trainModels(articles, { seed: o.seed, epochs: o.epochs, clusters, log }));
      mkdirSync(dirname(o.out), { recursive: true });
      writeFileSync(o.out, bytes);
      const seconds = (performance.now() - t0) / 1000;
      let line = `wrote ${o.out} (${(bytes.length / 1e6).toFixed(2)} MB) in ${seconds.toFixed(0)} s from ${articles.length} articles\n`;
      if (o.dev) {
        const f = tagScore(loadModels(o.out).tagger, readPolnear(o.dev));
        line += `tagger chunk F1 on ${o.dev}: source ${f3(f.source)} cue ${f3(f.cue)} content ${f3(f.content)}\n`;
      }
      ctx.io.stdout.write(line);
    });
}
