import { Command } from 'commander';
import { EXIT, processIo, reportError, type CliContext, type Io, type Register } from './program.js';
/**
 * Command modules, listed explicitly (no registry filled at import time), with the commands each
 * registers. A run loads only the module of the command it names, so `dossier analyze` does not
 * pay for the corpus, feed and web archive readers; help and unknown commands load them all.
 */
interface CommandModule {
  /** Top-level commands, or subcommands of `eval` / `train`. */
  readonly commands: readonly string[];
  readonly eval?: string;
  readonly train?: string;
  readonly load: () => Promise<Register>;
}

export const COMMAND_MODULES: readonly CommandModule[] = [
  { commands: ['analyze'], load: async () => (await import('./commands/analyze.js')).registerAnalyze },
  { commands: [], eval: 'extraction', load: async () => (await import('./commands/extraction.js')).registerExtraction },
  { commands: [], eval: 'attribution', train: 'attribution', load: async () => (await import('./commands/attribution.js')).registerAttribution },
  { commands: [], eval: 'ner', train: 'ner', load: async () => (await import('./commands/ner.js')).registerNer },
  {
    commands: ['ingest', 'search', 'people', 'quotes', 'stats', 'merges', 'unmerge', 'export'],
    load: async () => (await import('./commands/corpus.js')).registerCorpus,
  },
  { commands: [], eval: 'mt', train: 'mt', load: async () => (await import('./commands/mt.js')).registerMt },
  { commands: [], eval: 'events', load: async () => (await import('./commands/events.js')).registerEvents },
  { commands: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
];

/** The modules a command line needs: the one that registers its command, or all of them. */
export function modulesFor(argv: readonly string[]): readonly CommandModule[] {
  const words = argv.filter((a) => !a.startsWith('-'));
  const [first, second] = words;
  const wanted =
    first === 'eval' || first === 'train'
      ? COMMAND_MODULES.filter((m) => m[first] !== undefined && m[first] === second)
      : COMMAND_MODULES.filter((m) => m.commands.includes(first));
  const help = argv.includes('--help') || argv.includes('-h');
  return wanted.length === 1 && !(help && (first === 'eval' || first === 'train') && second === undefined) ? wanted : COMMAND_MODULES;
}

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
  for (const module of modulesFor(argv)) (await module.load())(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    return reportError(io, error);
  }
  return ctx.exitCode;
}
