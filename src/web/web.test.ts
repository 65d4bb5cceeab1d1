import { describe, expect, it } from 'vitest';
import { pieces } from './client/article.mjs';
import { safeHref } from './client/dom.mjs';
import { timeOf } from './dates.js';
import { indexGraph, layout, MAX_EDGES_PER_NODE, topGraph, type RelationRow } from './graph.js';
import * as web from './index.js';

const rel = (from: string, to: string, sign = 'cooperation', article = 1): RelationRow => ({ article, from, to, kind: 'meets', sign, weight: 1, start: 0, end: 5, rule: 'test' });

describe('web', () => {
  it('should keep its public API', () => {
    expect(Object.keys(web).sort()).toEqual(['CSP', 'MAX_EVIDENCE', 'analyseFiles', 'createWebServer', 'defaultAssets', 'handler', 'indexGraph', 'memorySource', 'openReadOnly', 'storeSource', 'topGraph'].sort());
  });

  it('should merge relations between the same two actors into one edge with their evidence', () => {
    const g = indexGraph([rel('a', 'b'), rel('a', 'b', 'conflict', 2), rel('b', 'a'), rel('a', 'a')]);
    expect(g.edges.size).toBe(2);
    const ab = [...g.edges.values()].find((e) => e.source === 'a')!;
    expect(ab).toMatchObject({ count: 2, sign: 'mixed', kinds: ['meets'] });
    expect(ab.evidence.map((e) => e.article)).toEqual([1, 2]);
    expect(g.degree.get('a')).toBe(3);
  });

  it('should show the most connected actors, the strongest edges, at the same places every time', () => {
    const rows: RelationRow[] = [];
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) if (i !== j && (i * j) % 3 === 0) rows.push(rel(`n${i}`, `n${j}`));
    const g = indexGraph(rows);
    const label = (id: string) => ({ name: id.toUpperCase(), type: 'PERSON' });
    const top = topGraph(g, 10, label);
    expect(top.nodes).toHaveLength(10);
    expect(top.edges.length).toBeLessThanOrEqual(10 * MAX_EDGES_PER_NODE);
    expect(top.total.nodes).toBe(30);
    expect(topGraph(g, 10, label)).toEqual(top);
    for (const n of top.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  });

  it('should lay out nodes apart from each other', () => {
    const at = layout(['a', 'b', 'c'], [{ source: 'a', target: 'b' }]);
    const [a, b, c] = ['a', 'b', 'c'].map((k) => at.get(k)!);
    const d = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);
    expect(d(a, b)).toBeGreaterThan(10);
    expect(d(a, c)).toBeGreaterThan(10);
  });

  it.each([
    ['/article/x', '/article/x'],
    ['https://example.com/a?b', 'https://example.com/a?b'],
    ['javascript:alert(1)', '#'],
    [' JaVaScRiPt:alert(1)', '#'],
    ['data:text/html,<script>alert(1)</script>', '#'],
    ['//evil.example/x', '#'],
    ['vbscript:x', '#'],
  ])('should make the link target %s safe', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });

  it('should cut the text at every annotation boundary, pieces covering the text once', () => {
    const text = 'Lavrov said "peace".';
    const out = pieces(text, [
      { start: 0, end: 6, kind: 'mention', entity: 'e1', type: 'PERSON' },
      { start: 12, end: 19, kind: 'quote', attr: 'a1' },
      { start: 13, end: 18, kind: 'at' },
      { start: 5, end: 99, kind: 'at' },
    ]);
    expect(out.map((p) => text.slice(p.start, p.end)).join('')).toBe(text);
    expect(out.find((p) => text.slice(p.start, p.end) === 'peace')!.cover.map((c) => c.kind).sort()).toEqual(['at', 'quote']);
  });

  it('should sort dates in the forms pages give, undated last', () => {
    const dates = [null, '2019-11-20T10:18:01+05:30', 'November 21, 2019 13:42', 'not a date'];
    expect([...dates].sort((a, b) => timeOf(b) - timeOf(a) || 0).slice(0, 2)).toEqual(['November 21, 2019 13:42', '2019-11-20T10:18:01+05:30']);
  });
});
