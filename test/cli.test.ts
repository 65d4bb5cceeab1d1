import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

const root = new URL('..', import.meta.url).pathname;
const example = join(root, 'examples/tokayev-visit.txt');

/** Run the CLI in-process with captured output. */
async function run(args: string[], stdinText?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  const code = await main(args, { stdout, stderr, stdin });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'dossier-cli-'));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('dossier analyze', () => {
  it('should print a brief with people, their roles, who said what and the removed furniture', async () => {
    const { code, out } = await run(['analyze', example]);
    expect(code).toBe(0);
    expect(out).toContain('What brought the Kazakh president to Tbilisi?');
    expect(out).toMatch(/Irakli Kobakhidze — Georgian Prime Minister/);
    expect(out).toMatch(/PEOPLE \(\d+\)/);
    expect(out).toMatch(/WHO SAID OR BELIEVES WHAT/);
    expect(out).toMatch(/removed page furniture \(comment-form\): “Leave a Reply”/);
  });

  it('should print one JSON document following the contract, with spans inside the text', async () => {
    const { code, out } = await run(['analyze', example, '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.schema).toBe('dossier.document/1');
    expect(doc.text).not.toContain('Leave a Reply');
    const people = doc.entities.filter((e: { type: string }) => e.type === 'PERSON').map((e: { name: string }) => e.name);
    expect(people).toEqual(expect.arrayContaining(['Kassym-Jomart Tokayev', 'Irakli Kobakhidze', 'Gia Nodia', 'Natalia Bekova']));
    for (const e of doc.entities) for (const m of e.mentions) expect(m.end).toBeGreaterThan(m.start);
  });

  it('should print an array for several files and one line per document with jsonl', async () => {
    const other = file('other.txt', 'Prime Minister Nikol Pashinyan said that Armenia wants peace.\n');
    const json = await run(['analyze', example, other, '--format', 'json']);
    expect(JSON.parse(json.out)).toHaveLength(2);
    const jsonl = await run(['analyze', example, other, '--format', 'jsonl']);
    expect(jsonl.out.trim().split('\n').map((l) => JSON.parse(l).schema)).toEqual(['dossier.document/1', 'dossier.document/1']);
  });

  it('should read standard input for -', async () => {
    const { code, out } = await run(['analyze', '-', '--format', 'json'], 'President Emmanuel Macron arrived in Berlin.\n');
    expect(code).toBe(0);
    expect(JSON.parse(out).entities.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Berlin']));
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.txt'), /no such file/, 'E_FILE_NOT_FOUND'],
    ['an empty file', () => file('empty.txt', ''), /empty/, 'E_EMPTY_INPUT'],
    ['a binary file', () => file('bin.dat', new Uint8Array([0, 1, 2, 3, 0, 255, 0, 7, 0, 0, 9, 0, 1, 0, 4, 0].concat(Array(400).fill(0)))), /binary/, 'E_BINARY_INPUT'],
  ])('should reject %s with a clear message, its code and exit code 2', async (_name, make, message, code) => {
    const path = make();
    const r = await run(['analyze', path]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(path);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(`[${code}]`);
  });

  it('should analyse the good files of a batch, report the bad one and exit 1', async () => {
    const r = await run(['analyze', example, join(dir, 'missing.txt'), '--format', 'jsonl']);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/1 of 2 inputs failed/);
  });

  it('should refuse an unknown format', async () => {
    const r = await run(['analyze', example, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--format xml is not known/);
  });

  it('should run as a program through bin/dossier.js', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/dossier.js'), 'analyze', example, '--format', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).entities.length).toBeGreaterThan(5);
  });
});
