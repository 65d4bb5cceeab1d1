import { describe, expect, it } from 'vitest';
import type { Attribution, Mention } from '../document/index.js';
import { emptyCounts, maxMatching, prf, scoreArticle, scoreSpeakers, trimSpan, type GoldAttribution } from './attribution.js';

const text = '"We stay," said Anna Berg. "We will not leave." Officials said taxes will rise.';
const at = (s: string, from = 0) => {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`not in text: ${s}`);
  return { start, end: start + s.length };
};
const el = (...parts: string[]) => {
  const spans = parts.map((p) => at(p));
  return { start: spans[0].start, end: spans[spans.length - 1].end, spans };
};
const gold: GoldAttribution[] = [
  { source: el('Anna Berg'), cue: el('said'), content: el('"We stay,"', '"We will not leave."') },
  { source: el('Officials'), cue: el('said taxes'.slice(0, 4)), content: el('taxes will rise') },
];
// The second "said" is at a later offset.
const secondSaid = { start: text.indexOf('said', text.indexOf('Officials')), end: text.indexOf('said', text.indexOf('Officials')) + 4 };
gold[1] = { ...gold[1], cue: { ...secondSaid, spans: [secondSaid] } };

describe('attribution scorer', () => {
  it('should trim white space and punctuation at both ends', () => {
    expect(trimSpan('  "Hi," ', { start: 0, end: 8 })).toEqual({ start: 3, end: 5 });
    expect(trimSpan(' ,. ', { start: 0, end: 4 })).toBeNull();
  });

  it('should score a perfect prediction as 1 everywhere', () => {
    const c = scoreArticle(text, gold, gold);
    for (const k of ['source', 'cue', 'content'] as const) {
      expect(prf(c[k].exact).f1).toBe(1);
      expect(prf(c[k].overlap).f1).toBe(1);
    }
    expect(prf(c.attribution).f1).toBe(1);
  });

  it('should count quote marks and end punctuation as outside the exact extent', () => {
    const pred: GoldAttribution[] = [{ ...gold[0], content: el('We stay', 'We will not leave') }];
    const c = scoreArticle(text, gold, pred);
    expect(c.content.exact).toEqual({ tp: 1, predicted: 1, gold: 2 });
  });

  it('should need every fragment of a discontinuous content for exact, one shared token for overlap', () => {
    const pred: GoldAttribution[] = [{ ...gold[0], content: el('"We stay,"') }];
    const c = scoreArticle(text, gold, pred);
    expect(c.content.exact.tp).toBe(0);
    expect(c.content.overlap.tp).toBe(1);
    expect(c.attribution.tp).toBe(1);
  });

  it('should match a cue of punctuation alone (a headline colon) by its extent', () => {
    const t = 'Pollster: Voters are tired. Others: no.';
    const colon = (from: number) => ({ start: t.indexOf(':', from), end: t.indexOf(':', from) + 1 });
    const mk = (c: { start: number; end: number }): GoldAttribution => ({ source: null, cue: { ...c, spans: [c] }, content: { start: c.end + 1, end: c.end + 5, spans: [{ start: c.end + 1, end: c.end + 5 }] } });
    const c = scoreArticle(t, [mk(colon(0))], [mk(colon(0))]);
    expect(c.cue.exact.tp).toBe(1);
    expect(c.cue.overlap.tp).toBe(1);
    const wrong = scoreArticle(t, [mk(colon(0))], [mk(colon(12))]);
    expect(wrong.cue.exact.tp).toBe(0);
    expect(wrong.cue.overlap.tp).toBe(0);
  });

  it('should match one-to-one', () => {
    const pred: GoldAttribution[] = [gold[0], gold[0]];
    const c = scoreArticle(text, gold, pred);
    expect(c.content.overlap).toEqual({ tp: 1, predicted: 2, gold: 2 });
  });

  it('should not count missing sources, and match whole attributions without a source only to each other', () => {
    const noSource: GoldAttribution[] = [{ ...gold[1], source: null }];
    const c = scoreArticle(text, noSource, noSource, emptyCounts());
    expect(c.source.exact).toEqual({ tp: 0, predicted: 0, gold: 0 });
    expect(c.attribution.tp).toBe(1);
    const d = scoreArticle(text, noSource, [gold[1]]);
    expect(d.attribution.tp).toBe(0);
  });

  it('should find a maximum matching, not a greedy one', () => {
    // left 0 -> {0,1}, left 1 -> {0}: greedy 0-0 would leave 1 unmatched.
    expect(maxMatching(2, 2, (i, j) => (i === 0 ? true : j === 0))).toBe(2);
  });

  it('should give 0, not NaN, for empty counts', () => {
    expect(prf({ tp: 0, predicted: 0, gold: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('speaker resolution', () => {
  it('should count a matched source right when its entity has a mention on the gold source', () => {
    const text = 'Anna Berg said the plant will close. She said more.';
    const el = (s: string, from = 0) => {
      const start = text.indexOf(s, from);
      return { start, end: start + s.length, spans: [{ start, end: start + s.length }] };
    };
    const gold = [
      { source: el('Anna Berg'), cue: el('said'), content: el('the plant will close') },
      { source: el('She'), cue: el('said', 20), content: el('more') },
    ];
    const mention = (s: string, entity: string, from = 0): Mention => ({ id: s, start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length, label: 'PERSON', kind: 'name', entity, evidence: [], rule: 't' });
    const pred = (src: string, entity: string | null, from = 0): Attribution => {
      const s = el(src, from);
      return { id: 'a', label: 'indirect', kind: 'indirect', start: 0, end: 1, evidence: [], rule: 't', source: { start: s.start, end: s.end, entity }, cue: el('said'), content: el('more') };
    };
    const counts = scoreSpeakers(text, gold, [pred('Anna Berg', 'e1'), pred('She', 'e2'), pred('plant', 'e1')], [mention('Anna Berg', 'e1'), mention('She', 'e1')], { matched: 0, resolved: 0, right: 0 });
    expect(counts).toEqual({ matched: 2, resolved: 2, right: 1 });
  });
});
