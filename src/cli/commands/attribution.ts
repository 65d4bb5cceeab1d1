import type { Command } from 'commander';
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
}
