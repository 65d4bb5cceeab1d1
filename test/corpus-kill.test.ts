// Kill an ingest with SIGKILL midway, run it again, and check that every distinct input is stored
// exactly once. Runs the real CLI (bin/dossier.js, compiled dist/, worker threads).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { article, articlesFolder, tempDir } from '../src/corpus/fixtures/make.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/dossier.js');

const count = (db: string, sql: string): number => {
  if (!existsSync(db)) return 0;
  const conn = new Database(db, { readonly: true, timeout: 5000 });
  try {
    return (conn.prepare(sql).get() as { n: number }).n;
  } catch {
    return 0; // not migrated yet
  } finally {
    conn.close();
  }
};

const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 240_000 });

describe('dossier ingest with analysis threads', () => {
  beforeAll(() => {
    // The CLI runs from dist/: compile the current sources (type errors elsewhere do not stop emitting).
    spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'ignore' });
    expect(existsSync(join(root, 'dist/corpus/worker.js'))).toBe(true);
  }, 120_000);

  it('should store each distinct input exactly once after being killed (kill -9) midway and run again', async () => {
    const dir = articlesFolder(join(tempDir('kill'), 'in'), 300, 20);
    const db = join(tempDir('kill-db'), 'corpus.db');
    const child = spawn(process.execPath, [bin, 'ingest', dir, '--db', db, '--jobs', '2'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stored = 0;
    for (let i = 0; i < 2400 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = count(db, 'SELECT COUNT(*) AS n FROM articles');
      if (stored >= 40) break;
    }
    child.kill('SIGKILL');
    await exited;
    expect(stored).toBeGreaterThanOrEqual(40);
    const afterKill = count(db, 'SELECT COUNT(*) AS n FROM articles');
    expect(afterKill).toBeLessThan(300);

    const again = run(['ingest', dir, '--db', db, '--jobs', '2']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/\d+ stored, \d+ duplicates skipped, 0 failed/);
    expect(count(db, 'SELECT COUNT(*) AS n FROM articles')).toBe(300);
    expect(count(db, 'SELECT COUNT(DISTINCT doc_id) AS n FROM articles')).toBe(300);
    expect(count(db, 'SELECT COUNT(*) AS n FROM raw_inputs')).toBe(300);
    expect(count(db, "SELECT COUNT(*) AS n FROM raw_inputs WHERE status <> 'stored'")).toBe(0);
    // Every article is whole: its entities are there (no half-written article survived the kill).
    expect(count(db, 'SELECT COUNT(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id)')).toBe(0);

    const third = run(['ingest', dir, '--db', db]);
    expect(third.stderr).toContain('0 stored, 320 duplicates skipped, 0 failed');
    const stats = run(['stats', '--db', db, '--format', 'json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 300 });
  }, 300_000);

  it('should fail an item whose analysis runs out of memory, and analyse the rest in a new thread', () => {
    const dir = articlesFolder(join(tempDir('oom'), 'in'), 12);
    // About 2 MB of text in one file: far more than a 140 MB analysis thread can hold.
    writeFileSync(join(dir, 'a5-huge.txt'), Array.from({ length: 6000 }, (_, i) => article(i)).join('\n'));
    const db = join(tempDir('oom-db'), 'corpus.db');
    const out = run(['ingest', dir, '--db', db, '--jobs', '1', '--worker-memory', '140', '--timings']);
    expect(out.status, out.stderr).toBe(1);
    // The thread's start-up (loading the models on a short text) fits in the limit; it says when the first article came back.
    const first = Number(/first article analysed after (\d+\.\d) s/.exec(out.stderr)?.[1]);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(Number(/ in (\d+\.\d) s/.exec(out.stderr)?.[1]));
    expect(out.stderr).toContain('12 stored, 0 duplicates skipped, 1 failed');
    expect(out.stderr).toMatch(/a5-huge\.txt: the input is too large \(its analysis ran out of memory; the limit is 140 MB per analysis thread.*\[E_TOO_LARGE\]/);
    expect(count(db, "SELECT COUNT(*) AS n FROM raw_inputs WHERE status = 'failed' AND error_code = 'E_TOO_LARGE'")).toBe(1);
  }, 300_000);
});
