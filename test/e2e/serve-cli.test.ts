/**
 * `dossier serve` as a command: bad options and databases fail with a code and what to do; the
 * compiled program serves files and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { EXAMPLE, ROOT } from './helpers.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough() });
  return { code, out, err };
}

describe('dossier serve', () => {
  it('should fail with E_DB and what to do when the database does not exist', async () => {
    const { code, err } = await run(['serve', '--db', '/nonexistent/dossier.db']);
    expect(code).toBe(2);
    expect(err).toMatch(/no such file; run `dossier ingest PATH --db FILE` first.*\[E_DB\]/);
  });

  it('should fail with E_BAD_OPTION on a port that is not a number', async () => {
    const { code, err } = await run(['serve', EXAMPLE, '--port', 'eighty']);
    expect(code).toBe(2);
    expect(err).toMatch(/--port eighty is not a port number.*\[E_BAD_OPTION\]/);
  });

  const bin = join(ROOT, 'bin/dossier.js');
  it.skipIf(!existsSync(join(ROOT, 'dist/web/client/app.mjs')))(
    'should serve files on a free loopback port, print the address, and stop on SIGTERM',
    async () => {
      const child = spawn(process.execPath, [bin, 'serve', EXAMPLE, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address printed: ${out}`)), 60_000);
        child.stdout.on('data', (c) => {
          out += c;
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const articles = (await (await fetch(`${url}api/articles`)).json()) as { title: string }[];
      expect(articles.map((a) => a.title)).toEqual(['What brought the Kazakh president to Tbilisi?']);
      expect((await fetch(url)).headers.get('content-security-policy')).toContain("script-src 'self'");
      const code = await new Promise<number | null>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', resolve);
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    },
    90_000,
  );
});
