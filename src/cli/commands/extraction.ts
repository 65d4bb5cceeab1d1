import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DossierError } from '../../errors.js';
import { evaluateExtraction, type ExtractionReport } from '../../eval/extraction.js';
import { parent, type CliContext } from '../program.js';

const FORMATS = ['brief', 'json'] as const;
type Format = (typeof FORMATS)[number];

const f3 = (x: number): string => x.toFixed(3);

/** The terminal report: the figures, timing and the worst pages. */
export function extractionBrief(report: ExtractionReport, worst = 10): string {
  const lines = [
    `article extraction: ${report.system} on ${report.benchmark} (${report.pages} pages)`,
    `F1 ${f3(report.f1)}  precision ${f3(report.precision)}  recall ${f3(report.recall)}  accuracy ${f3(report.accuracy)}`,
  ];
  if (report.timing) {
    const t = report.timing;
    lines.push(`time per page: mean ${t.meanMs.toFixed(1)} ms, median ${t.medianMs.toFixed(1)} ms, max ${t.maxMs.toFixed(0)} ms (total ${(t.totalMs / 1000).toFixed(1)} s)`);
  }
  if (report.failures) lines.push(`${report.failures} pages failed to ingest (scored as empty)`);
  const f1 = (p: { precision: number | null; recall: number | null }): number => {
    const P = p.precision ?? 0;
    const R = p.recall ?? 0;
    return P + R ? (2 * P * R) / (P + R) : 0;
  };
  const sorted = [...report.perPage].sort((a, b) => f1(a) - f1(b)).slice(0, worst);
  if (sorted.length) {
    lines.push('', `worst ${sorted.length} pages (F1 P R id url):`);
    for (const p of sorted) {
      lines.push(`  ${f3(f1(p))} ${f3(p.precision ?? 0)} ${f3(p.recall ?? 0)} ${p.id.slice(0, 12)} ${p.url ?? ''}${p.error ? `  [${p.error}]` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `dossier eval extraction`: score dossier's HTML ingestion on the article-extraction benchmark. */
export function registerExtraction(program: Command, ctx: CliContext): void {
  parent(program, 'eval')
    .command('extraction')
    .description('Main-text extraction on the Zyte article-extraction benchmark (F1, precision, recall, accuracy over 4-token shingles).')
    .requiredOption('-b, --benchmark <dir>', 'benchmark folder with ground-truth.json and html/ (e.g. ../shared/data/article-extraction)')
    .option('--baseline <file>', 'score a published output ({id: {articleBody}}) instead of running dossier')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')}`, 'brief')
    .option('-o, --out <file>', 'also write the full JSON report (with per-page scores) to this file')
    .option('--only <ids>', 'comma-separated page ids (for quick checks)')
    .action((opts: { benchmark: string; baseline?: string; format: string; out?: string; only?: string }) => {
      const format = opts.format as Format;
      if (!FORMATS.includes(format)) {
        throw new DossierError('E_BAD_OPTION', `--format ${opts.format} is not known. Use one of: ${FORMATS.join(', ')}.`);
      }
      const { stderr, stdout } = ctx.io;
      const progress = stderr.isTTY && !opts.baseline;
      const report = evaluateExtraction({
        benchmark: opts.benchmark,
        baseline: opts.baseline,
        only: opts.only?.split(',').map((s) => s.trim()).filter(Boolean),
        onPage: progress ? (done, total) => stderr.write(`\r${done}/${total} pages`) : undefined,
      });
      if (progress) stderr.write('\n');
      if (opts.out) writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
      if (format === 'json') {
        const { perPage, ...summary } = report;
        stdout.write(`${JSON.stringify(opts.out ? summary : { ...summary, perPage }, null, 2)}\n`);
      } else {
        stdout.write(extractionBrief(report));
      }
    });
}
