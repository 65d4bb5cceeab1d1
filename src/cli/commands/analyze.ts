import type { Command } from 'commander';
import { createDocument, type Document } from '../../document/index.js';
import { DossierError } from '../../errors.js';
import { readInput } from '../../ingest/index.js';
import { toBrief, toJson } from '../../output/index.js';
import { defaultPipeline } from '../../pipeline/index.js';
import { EXIT, type CliContext } from '../program.js';

const FORMATS = ['brief', 'json', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command('analyze')
    .description('Analyse articles (plain text or HTML, .gz too; - reads standard input) and report who is in them and who said what.')
    .argument('<file...>', 'article files')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')}`, 'brief')
    .addHelpText(
      'after',
      '\nExit codes: 0 all analysed; 1 some files failed (the rest were analysed); 2 every file failed or the command was wrong.',
    )
    .action(async (files: string[], opts: { format: string }) => {
      const format = opts.format as Format;
      if (!FORMATS.includes(format)) {
        throw new DossierError('E_BAD_OPTION', `--format ${opts.format} is not known. Use one of: ${FORMATS.join(', ')}.`);
      }
      const pipeline = defaultPipeline();
      const { stdout, stderr } = ctx.io;
      const docs: Document[] = [];
      let failed = 0;
      for (const file of files) {
        const input = await readInput(file, ctx.io.stdin);
        if (!input.ok) {
          failed++;
          stderr.write(`dossier: ${input.error.message} [${input.error.code}]\n`);
          continue;
        }
        const { text, source, meta, removed, messages, raw } = input.value;
        const doc = pipeline.run(createDocument(text, { source, meta, removed, messages, raw }));
        if (format === 'jsonl') stdout.write(`${JSON.stringify(toJson(doc))}\n`);
        else if (format === 'brief') stdout.write(`${docs.length ? '\n' + '─'.repeat(60) + '\n\n' : ''}${toBrief(doc, { color: !!stdout.isTTY, width: process.stdout.columns })}`);
        docs.push(doc);
      }
      if (format === 'json' && docs.length) {
        const out = files.length === 1 ? toJson(docs[0]) : docs.map(toJson);
        stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      }
      if (failed) {
        if (files.length > 1) stderr.write(`dossier: ${failed} of ${files.length} inputs failed; the others were analysed.\n`);
        ctx.exitCode = failed === files.length ? EXIT.BAD_INPUT : EXIT.SOME_FAILED;
      }
    });
}
