import { Command } from 'commander';
import { EXIT, processIo, reportError, type CliContext, type Io, type Register } from './program.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerExtraction } from './commands/extraction.js';
import { registerAttribution } from './commands/attribution.js';
import { registerNer } from './commands/ner.js';
import { registerCorpus } from './commands/corpus.js';
import { registerMt } from './commands/mt.js';
import { registerServe } from './commands/serve.js';
import { registerEvents } from './commands/events.js';

/** Command modules, listed explicitly (no registry filled at import time). */
const COMMANDS: readonly Register[] = [registerAnalyze, registerExtraction, registerAttribution, registerNer, registerCorpus, registerMt, registerEvents, registerServe];

/** Run the CLI with these arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT.OK };
  const program = new Command('dossier')
    .description('Read news articles and turn each into an evidence-linked account: who is in it, who said what, what happened.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run dossier --help for the commands)');
  program.command('eval').description('Measure accuracy on public benchmarks (precision, recall, F1).');
  program.command('train').description('Train the models dossier ships, from benchmark data.');
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    return reportError(io, error);
  }
  return ctx.exitCode;
}
