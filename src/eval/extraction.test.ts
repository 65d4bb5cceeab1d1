import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregate, evaluateExtraction, readBodies, scorePage, shingles, tokenize } from './extraction.js';

describe('tokenize', () => {
  it('should split on anything but Unicode letters, digits and underscores', () => {
    expect(tokenize("Lavrov's visit — 2017, snake_case! Привет, мир. 東京")).toEqual(['Lavrov', 's', 'visit', '2017', 'snake_case', 'Привет', 'мир', '東京']);
  });
});

describe('shingles', () => {
  it('should make a multiset of 4-token shingles', () => {
    const s = shingles(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd']);
    expect(s.size).toBe(4);
    expect(s.get(['a', 'b', 'c', 'd'].join('\u0001'))).toBe(2);
  });

  it('should make one shorter shingle for fewer than 4 tokens and none for none', () => {
    expect([...shingles(['a', 'b']).entries()]).toEqual([['a\u0001b', 1]]);
    expect(shingles([]).size).toBe(0);
  });
});

describe('scorePage', () => {
  it('should score identical texts 1 and exact, whatever the punctuation', () => {
    expect(scorePage('One two three four five.', 'One, two; three four five')).toEqual({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, exact: true });
  });

  it('should normalise TP, FP and FN by their sum', () => {
    // truth: 6 tokens -> 3 shingles; prediction adds 2 tokens at the end -> 5 shingles, 3 shared.
    const s = scorePage('a b c d e f', 'a b c d e f g h');
    expect(s.tp).toBeCloseTo(3 / 5);
    expect(s.fp).toBeCloseTo(2 / 5);
    expect(s.fn).toBe(0);
    expect(s.precision).toBeCloseTo(3 / 5);
    expect(s.recall).toBe(1);
    expect(s.exact).toBe(false);
  });

  it('should count repeated shingles as a multiset', () => {
    const s = scorePage('a b c d', 'a b c d a b c d');
    // prediction: abcd, bcda, cdab, dabc, abcd -> abcd twice, truth once.
    expect(s.tp).toBeCloseTo(1 / 5);
    expect(s.fp).toBeCloseTo(4 / 5);
  });

  it('should give 0 and 0 when nothing is shared', () => {
    expect(scorePage('a b c d', 'e f g h')).toMatchObject({ precision: 0, recall: 0 });
  });

  it('should leave an empty prediction out of the precision mean', () => {
    expect(scorePage('a b c d', '')).toMatchObject({ precision: null, recall: 0 });
  });

  it('should leave a page with empty truth out of the recall mean', () => {
    expect(scorePage('', 'a b c d')).toMatchObject({ precision: 0, recall: null });
  });
});

describe('aggregate', () => {
  it('should take F1 of the macro means, not the mean of per-page F1', () => {
    const pages = [scorePage('a b c d e f', 'a b c d e f g h'), scorePage('a b c d e f g h', 'a b c d e f')];
    const s = aggregate(pages);
    expect(s.precision).toBeCloseTo((3 / 5 + 1) / 2);
    expect(s.recall).toBeCloseTo((1 + 3 / 5) / 2);
    expect(s.f1).toBeCloseTo((2 * 0.8 * 0.8) / 1.6);
    expect(s.accuracy).toBe(0);
  });

  it('should count accuracy as the share of exact pages', () => {
    expect(aggregate([scorePage('a b', 'a b'), scorePage('a b', 'a c')]).accuracy).toBe(0.5);
  });
});

describe('readBodies', () => {
  it('should read plain and wrapped outputs', () => {
    expect(readBodies({ x: { articleBody: 'A' } }, 'f')).toEqual(new Map([['x', 'A']]));
    expect(readBodies({ version: '1', output: { x: { articleBody: 'B' }, y: {} } }, 'f')).toEqual(
      new Map([
        ['x', 'B'],
        ['y', ''],
      ]),
    );
  });

  it('should refuse other JSON with a clear message', () => {
    expect(() => readBodies([1, 2], 'out.json')).toThrow(/out\.json: expected an object/);
  });
});

describe('evaluateExtraction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-extraction-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body = 'The harbour reopened to fishing boats on Thursday, three months after a winter storm tore away part of the outer wall.';
  mkdirSync(join(dir, 'html'));
  writeFileSync(join(dir, 'ground-truth.json'), JSON.stringify({ p1: { articleBody: body, url: 'https://example.org/p1' }, p2: { articleBody: body } }));
  const page = `<!doctype html><html><body><nav><a href="/">Home</a></nav><article><h1>Harbour</h1><p>${body}</p><p>${body}</p></article><p>Share this:</p></body></html>`;
  writeFileSync(join(dir, 'html', 'p1.html.gz'), gzipSync(page));
  writeFileSync(join(dir, 'html', 'p2.html'), page);
  writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ version: 'x', output: { p1: { articleBody: body }, p2: { articleBody: '' } } }));

  it('should run dossier on every page and time it', () => {
    const r = evaluateExtraction({ benchmark: dir });
    expect(r.pages).toBe(2);
    expect(r.failures).toBe(0);
    expect(r.recall).toBe(1);
    expect(r.timing?.meanMs).toBeGreaterThan(0);
    expect(r.perPage.map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('should score a published output', () => {
    const r = evaluateExtraction({ benchmark: dir, baseline: join(dir, 'baseline.json') });
    expect(r).toMatchObject({ pages: 2, precision: 1, recall: 0.5, accuracy: 0.5, system: join(dir, 'baseline.json') });
    expect(r.timing).toBeUndefined();
  });

  it('should say what to pass when the folder is wrong', () => {
    expect(() => evaluateExtraction({ benchmark: join(dir, 'nope') })).toThrow(/ground-truth\.json: cannot be read \(no such file\)\. Pass the benchmark folder/);
  });
});
