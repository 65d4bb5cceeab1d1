import type { Command } from 'commander';
import type { CliContext } from '../program.js';

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command('analyze')
    .description('Analyse articles (plain text or HTML; - reads standard input).')
    .argument('<file...>', 'article files')
    .option('-f, --format <format>', 'brief | json | jsonl', 'brief')
    .action(async (files: string[], opts: { format: string }) => {
      ctx.io.stdout.write(`analyze ${files.join(' ')} (${opts.format}): not yet wired\n`);
    });
}
