import type { Command } from 'commander';
import { DossierError } from '../../errors.js';
import { EVENT_LEVELS, EXPLANATION_LEVELS, evaluateEvents, readEventsGold, readPolnearTexts, type EvaluateEventsResult, type EventsReport } from '../../eval/events.js';
import { parent, type CliContext } from '../program.js';

const FORMATS = ['brief', 'json'] as const;
type Format = (typeof FORMATS)[number];

const f3 = (x: number): string => x.toFixed(3);
const row = (name: string, p: { precision: number; recall: number; f1: number; tp: number; predicted: number; gold: number }): string =>
  `  ${name.padEnd(16)} P ${f3(p.precision)} R ${f3(p.recall)} F1 ${f3(p.f1)}   (${p.tp} right of ${p.predicted} predicted, ${p.gold} gold)`;

function block(title: string, r: EventsReport): string[] {
  return [
    `${title} (${r.articles} articles)`,
    ...EVENT_LEVELS.map((l) => row(`events ${l}`, r.events[l])),
    ...EXPLANATION_LEVELS.map((l) => row(l === 'holder' ? 'claims holder' : 'explanations', r.explanations[l])),
    ...Object.entries(r.types).map(([t, p]) => row(`  ${t}`, p)),
  ];
}

/** The terminal report: each half, then all articles, then speed (and the errors when asked). */
export function eventsBrief(result: EvaluateEventsResult, errors = false): string {
  const lines: string[] = [];
  for (const [key, r] of Object.entries(result.halves)) {
    if (key === 'all') continue;
    lines.push(...block(`half ${key}${key === 'A' ? ' (tuned on)' : key === 'B' ? ' (held out)' : ''}`, r), '');
  }
  if (result.halves.all) lines.push(...block('all', result.halves.all), '');
  lines.push(`speed: ${result.tokens} tokens in ${result.seconds.toFixed(2)} s = ${Math.round(result.seconds ? result.tokens / result.seconds : 0)} tokens/s (whole pipeline, one core)`);
  if (errors) {
    lines.push('');
    for (const e of result.errors) lines.push(`${e.kind.padEnd(18)} ${e.article} @${e.at.start}: ${e.note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `dossier eval events --polnear FILE --gold FILE`: events and explanations against the hand-annotated set. */
export function registerEvents(program: Command, ctx: CliContext): void {
  parent(program, 'eval')
    .command('events')
    .description('Events (type, actor, place, modality) and explanations (holder, content): P/R/F1 on hand-annotated PolNeAR dev articles.')
    .requiredOption('--polnear <file>', 'PolNeAR split as JSONL with the annotated articles (../shared/data/polnear/dev.jsonl)')
    .requiredOption('--gold <file>', 'the annotation (eval/gold/polnear-dev-events.json)')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')}`, 'brief')
    .option('--half <half>', 'score only the articles of one half (A: tuned on, B: held out)')
    .option('--errors', 'list missed and false events and explanations (brief format)')
    .action((opts: { polnear: string; gold: string; format: string; half?: string; errors?: boolean }) => {
      const format = opts.format as Format;
      if (!FORMATS.includes(format)) throw new DossierError('E_BAD_OPTION', `--format ${opts.format} is not known. Use one of: ${FORMATS.join(', ')}.`);
      let gold = readEventsGold(opts.gold);
      if (opts.half !== undefined) {
        const halves = new Set(gold.map((g) => g.half));
        if (!halves.has(opts.half)) throw new DossierError('E_BAD_OPTION', `--half ${opts.half} is not in ${opts.gold}. Use one of: ${[...halves].join(', ')}.`);
        gold = gold.filter((g) => g.half === opts.half);
      }
      const texts = readPolnearTexts(opts.polnear, new Set(gold.map((g) => g.id)));
      const result = evaluateEvents(gold, texts);
      if (format === 'json') {
        const { halves, tokens, seconds } = result;
        ctx.io.stdout.write(`${JSON.stringify({ halves, tokens, seconds: Math.round(seconds * 1000) / 1000 })}\n`);
      } else ctx.io.stdout.write(eventsBrief(result, !!opts.errors));
    });
}
