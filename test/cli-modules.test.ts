import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, modulesFor } from '../src/cli/index.js';
import { EXIT, processIo, type CliContext } from '../src/cli/program.js';

/** The commands a module registers, read from a program it registered on. */
async function registered(load: () => Promise<(p: Command, c: CliContext) => void>): Promise<{ top: string[]; eval: string[]; train: string[] }> {
  const program = new Command('dossier');
  program.command('eval');
  program.command('train');
  (await load())(program, { io: processIo(), exitCode: EXIT.OK });
  const sub = (name: string): string[] => program.commands.find((c) => c.name() === name)!.commands.map((c) => c.name());
  return { top: program.commands.map((c) => c.name()).filter((n) => n !== 'eval' && n !== 'train'), eval: sub('eval'), train: sub('train') };
}

describe('lazy command modules', () => {
  it('should list, for each module, exactly the commands it registers', async () => {
    for (const m of COMMAND_MODULES) {
      const r = await registered(m.load);
      // A command added to a module must be listed in COMMAND_MODULES (src/cli/index.ts) too.
      expect(r.top, 'top-level commands of a module in COMMAND_MODULES').toEqual(m.commands);
      expect(r.eval).toEqual(m.eval ? [m.eval] : []);
      expect(r.train).toEqual(m.train ? [m.train] : []);
    }
  });

  it('should load one module for a named command and all of them for help or an unknown command', () => {
    expect(modulesFor(['analyze', 'a.txt', '--format', 'json'])).toHaveLength(1);
    expect(modulesFor(['eval', 'ner', '--conll', 'dev.txt'])[0].eval).toBe('ner');
    expect(modulesFor(['train', 'mt'])[0].train).toBe('mt');
    expect(modulesFor(['search', 'Lavrov'])[0].commands).toContain('search');
    expect(modulesFor(['--help'])).toHaveLength(COMMAND_MODULES.length);
    expect(modulesFor(['eval', '--help'])).toHaveLength(COMMAND_MODULES.length);
    expect(modulesFor(['frobnicate'])).toHaveLength(COMMAND_MODULES.length);
  });
});
