import { describe, expect, it } from 'vitest';
import { createDocument, withLayers, type Span } from '../document/index.js';
import { segment } from '../segment/index.js';
import { findAttributions } from './index.js';
import { readModels, saveModels, saveTagger } from './model.js';
import { featuriseSpan, SPAN_SLOTS, spanEmissions, tagSpans } from './span.js';
import { addWeights, chunksOf, deserialiseTagger, featurise, L, SLOTS, sentenceEmissions, TAGS, viterbi, type TaggerModel } from './tagger.js';
import { defaultModels } from './model.js';
import { articleTokens, confirmSamples, goldLabels, tagScore, trainAttribution, trainSpans, type TrainingArticle } from './train.js';
import { confirmKeeps, confirmKeys, confirmScore, trainConfirm, type ConfirmSample } from './confirm.js';
import { draftAttributions } from './attribution.js';
import { buildLexicon } from './lexicon.js';
import { tagSentence } from './tagger.js';

/** A hand-written annotated article: parts marked in the text as [S ...], [C ...], [T ...]. */
function article(marked: string): TrainingArticle {
  let text = '';
  const open: { part: string; start: number }[] = [];
  const parts: Record<string, Span[]> = { S: [], C: [], T: [] };
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === '[' && /[SCT]/.test(marked[i + 1]) && marked[i + 2] === ' ') {
      open.push({ part: marked[i + 1], start: text.length });
      i += 2;
    } else if (c === ']' && open.length) {
      const o = open.pop()!;
      parts[o.part].push({ start: o.start, end: text.length });
    } else text += c;
  }
  // One attribution per sentence in these fixtures: group parts by order.
  const attributions = parts.C.map((cue, k) => ({
    source: parts.S[k] ? { spans: [parts.S[k]] } : null,
    cue: { spans: [cue] },
    content: { spans: [parts.T[k]] },
  }));
  return { text, attributions };
}

const FIXTURE = [
  article('[S Anna Berg] [C said] [T the plant will close in May].\n\nThe weather was mild on Monday.'),
  article('[S The minister] [C believes] [T that talks will fail].\n\nPrices rose by two percent.'),
  article('[S Officials] [C told] reporters [T the bridge is safe].\n\nA new road opened in June.'),
  article('[S Mark Lee] [C argued] [T that taxes are too high].\n\nThe team won the final match.'),
  article('[C According to] [S the report], [T sales fell sharply].\n\nThe museum reopened last week.'),
];

describe('attribution tagger', () => {
  it('should label tokens with the BIO tag of the part they lie in', () => {
    const a = FIXTURE[0];
    const { toks } = articleTokens(a.text);
    const labels = goldLabels(toks, a.attributions);
    const tags = toks.slice(0, 10).map((t, i) => `${t.text}/${TAGS[labels[i]]}`);
    expect(tags).toEqual(['Anna/B-source', 'Berg/I-source', 'said/B-cue', 'the/B-content', 'plant/I-content', 'will/I-content', 'close/I-content', 'in/I-content', 'May/I-content', './O']);
  });

  it('should learn a tiny training set, deterministically for a seed', () => {
    const m1 = trainAttribution(FIXTURE, { seed: 3, epochs: 15, minFeatureCount: 1 });
    const m2 = trainAttribution(FIXTURE, { seed: 3, epochs: 15, minFeatureCount: 1 });
    expect(Array.from(m1.weights)).toEqual(Array.from(m2.weights));
    const f = tagScore(m1, FIXTURE);
    expect(f.cue).toBe(1);
    expect(f.source).toBeGreaterThan(0.9);
    expect(f.content).toBeGreaterThan(0.9);
  });

  it('should give the same tags after a save and load round trip', () => {
    const model = trainAttribution(FIXTURE, { seed: 1, epochs: 10, minFeatureCount: 1 });
    const back = readModels(saveTagger(model)).tagger;
    const lex = buildLexicon();
    for (const a of FIXTURE) {
      const { toks, ranges } = articleTokens(a.text);
      for (const [s, e] of ranges) expect(Array.from(tagSentence(back, lex, toks, s, e))).toEqual(Array.from(tagSentence(model, lex, toks, s, e)));
    }
    expect(back.meta.seed).toBe(1);
  });

  it('should refuse bytes that are not a model', () => {
    expect(() => deserialiseTagger(Buffer.from('nope'))).toThrow(/not a dossier attribution model/);
    expect(() => readModels(Buffer.from('not a model at all'))).toThrow(/not a dossier attribution model/);
  });

  it('should group tagged chunks into parts', () => {
    expect(chunksOf(Uint8Array.from([1, 2, 3, 5, 6, 6, 0]))).toEqual([
      { part: 'source', start: 0, end: 2 },
      { part: 'cue', start: 2, end: 3 },
      { part: 'content', start: 3, end: 6 },
    ]);
  });

  it('should add what the tagger finds to the rules, and run the rules alone with tagger: null', () => {
    const model = trainAttribution(FIXTURE, { seed: 1, epochs: 15, minFeatureCount: 1 });
    const text = 'Mark Lee argued that taxes are too high.';
    const doc = withLayers(createDocument(text), { sentences: segment(text), mentions: [], entities: [] });
    const show = (opts: Parameters<typeof findAttributions>[1]) =>
      findAttributions(doc, opts).map((a) => [a.source ? text.slice(a.source.start, a.source.end) : null, text.slice(a.cue.start, a.cue.end), text.slice(a.content.start, a.content.end)]);
    expect(show({ tagger: model, spans: null, combine: 'tagger' })).toEqual([['Mark Lee', 'argued', 'that taxes are too high']]);
    expect(show({ tagger: null, spans: null })).toEqual([['Mark Lee', 'argued', 'that taxes are too high']]);
    expect(show({ tagger: model, spans: null, combine: 'fuse', minConfidence: 0 })).toEqual([['Mark Lee', 'argued', 'that taxes are too high']]);
  });

  it('should tag the source and content of a given cue with the span tagger, and keep it through a save and load', () => {
    const spans = trainSpans(FIXTURE, { seed: 1, epochs: 15, minFeatureCount: 1 });
    const tagger = trainAttribution(FIXTURE, { seed: 1, epochs: 15, minFeatureCount: 1 });
    const back = readModels(saveModels({ tagger, spans }, 0));
    expect(back.spans?.slots).toBe(spans.slots);
    const lex = buildLexicon();
    const { toks, ranges } = articleTokens(FIXTURE[3].text);
    const [a, b] = ranges[0];
    const cue = toks.findIndex((t) => t.text === 'argued');
    const parts = (labels: Uint8Array) => chunksOf(labels).map((c) => `${c.part}:${toks.slice(a + c.start, a + c.end).map((t) => t.text).join(' ')}`);
    expect(parts(tagSpans(spans, lex, toks, a, b, cue, cue + 1))).toEqual(['source:Mark Lee', 'cue:argued', 'content:that taxes are too high']);
    expect(parts(tagSpans(back.spans!, lex, toks, a, b, cue, cue + 1))).toEqual(parts(tagSpans(spans, lex, toks, a, b, cue, cue + 1)));
  });
});

describe('confirmation filter', () => {
  const tagger = trainAttribution(FIXTURE, { seed: 1, epochs: 15, minFeatureCount: 1 });
  const spans = trainSpans(FIXTURE, { seed: 1, epochs: 15, minFeatureCount: 1 });

  it('should label drafts by whether they match an annotated attribution, source included', () => {
    const samples = confirmSamples(FIXTURE[0], { tagger, spans });
    expect(samples.length).toBe(1);
    expect(samples[0].label).toBe(1);
    // The same article annotated with another source: the draft no longer matches.
    const other: TrainingArticle = { ...FIXTURE[0], attributions: FIXTURE[0].attributions.map((a) => ({ ...a, source: { spans: [{ start: 60, end: 67 }] } })) };
    expect(confirmSamples(other, { tagger, spans })[0].label).toBe(0);
  });

  it('should learn which features mark a wrong draft, deterministically, and keep it through a save and load', () => {
    const bits = 10;
    const good = confirmKeys(['bias', 'h=said', 's=cap'], bits);
    const bad = confirmKeys(['bias', 'h=parallel', 's=none'], bits);
    const samples: ConfirmSample[] = [];
    for (let i = 0; i < 40; i++) samples.push({ keys: good, label: 1 }, { keys: bad, label: 0 });
    const m1 = trainConfirm(samples, { bits, seed: 2 });
    const m2 = trainConfirm(samples, { bits, seed: 2 });
    expect(Array.from(m1.weights)).toEqual(Array.from(m2.weights));
    const z = (keys: Uint32Array) => keys.reduce((n, k) => n + m1.weights[k], 0);
    expect(z(good)).toBeGreaterThan(1);
    expect(z(bad)).toBeLessThan(-1);
    const back = readModels(saveModels({ tagger, spans, confirm: m1 }, 0)).confirm!;
    expect(back.threshold).toBe(m1.threshold);
    expect(back.fusedThreshold).toBe(m1.fusedThreshold);
    for (const k of [...good, ...bad]) expect(back.weights[k]).toBeCloseTo(m1.weights[k], 5);
    // A file without the filter reads as none.
    expect(readModels(saveModels({ tagger, spans })).confirm).toBeNull();
  });

  it('should drop the drafts it scores under its threshold, but never a special frame', () => {
    const text = 'Mark Lee argued that taxes are too high. According to the report, sales fell sharply.';
    const d = withLayers(createDocument(text), { sentences: segment(text), mentions: [], entities: [] });
    const found = draftAttributions(d, { tagger, spans, confirm: null })!;
    expect(found.drafts.length).toBe(2);
    // A filter that doubts everything: only "according to" stays.
    const doubt = { bits: 4, weights: new Float32Array(16).fill(-1), threshold: 0, fusedThreshold: -1 };
    expect(found.drafts.every((x) => confirmScore(doubt, found.ctx, x) < -1)).toBe(true);
    const kept = found.drafts.filter((x) => confirmKeeps(doubt, found.ctx, x));
    expect(kept.map((x) => x.rule.replace(/\+tagger$/, ''))).toEqual(['attribution/according-to']);
    const cues = (o: Parameters<typeof findAttributions>[1]) => findAttributions(d, o).map((a) => text.slice(a.cue.start, a.cue.end));
    expect(cues({ tagger, spans, confirm: doubt })).toEqual(['According to']);
    expect(cues({ tagger, spans, confirm: null })).toEqual(['argued', 'According to']);
  });

  it('should know the purpose idiom "with a view to" from a view someone holds', async () => {
    const { purposeIdiom } = await import('./learned.js');
    const text = 'Moscow acted with a view to a settlement. With an eye towards the vote, he spoke. She left with a promise to return. In his view, it failed.';
    const d = withLayers(createDocument(text), { sentences: segment(text), mentions: [], entities: [] });
    const { ctx } = draftAttributions(d, { tagger, spans, confirm: null })!;
    const at = (phrase: string): Span => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
    expect(purposeIdiom(ctx, at('a view to'))).toBe(true);
    expect(purposeIdiom(ctx, at('view to'))).toBe(true);
    expect(purposeIdiom(ctx, at('an eye towards'))).toBe(true);
    expect(purposeIdiom(ctx, at('a promise to'))).toBe(false);
    expect(purposeIdiom(ctx, at('view, it'))).toBe(false);
  });

  // The fast scoring (dense tables of small-valued templates, per-word score caches) must give
  // the scores of the plain sum of every feature key's weights.
  const plainScores = (m: TaggerModel, keys: Uint32Array, n: number, slots: number): number[] => {
    const v = new Int32Array(n * 8);
    for (let i = 0; i < n; i++) for (let s = 0; s < slots; s++) if (keys[i * slots + s]) addWeights(m, keys[i * slots + s], v, i * 8);
    const out: number[] = [];
    for (let i = 0; i < n; i++) for (let l = 0; l < L; l++) out.push(v[i * 8 + l] * m.scale);
    return out;
  };
  it('should score a sentence with the shipped tagger as the plain sum of its feature weights', () => {
    const models = defaultModels();
    if (!models) return;
    const lex = buildLexicon();
    const { toks, ranges } = articleTokens('"We will not stop," the mayor told reporters on Monday: the council, she said, believes that the plan is sound.\n\nCritics, according to the union, argued it would fail.');
    for (const [a, b] of ranges) {
      const fast = Array.from(sentenceEmissions(models.tagger, lex, toks, a, b));
      const plain = plainScores(models.tagger, featurise(lex, toks, a, b, models.tagger.clusters), b - a, SLOTS);
      expect(fast.length).toBe(plain.length);
      for (let j = 0; j < fast.length; j++) expect(fast[j]).toBeCloseTo(plain[j], 3);
    }
  });

  it('should score a cue window with the shipped span tagger as the plain sum of its feature weights', () => {
    const models = defaultModels();
    if (!models?.spans) return;
    const lex = buildLexicon();
    const { toks, ranges } = articleTokens('"We will not stop," the mayor told reporters on Monday: the council, she said, believes that the plan is sound.\n\nCritics, according to the union, argued it would fail.');
    let cues = 0;
    for (const [a, b] of ranges) {
      // Every token as a one-word cue, and a two-word cue: every side, distance and count between.
      for (const [cs, ce] of [...Array.from({ length: b - a }, (_, k) => [a + k, a + k + 1]), [a + 1, a + 3]]) {
        const fast = Array.from(spanEmissions(models.spans, lex, toks, a, b, cs, ce));
        const plain = plainScores(models.spans, featuriseSpan(lex, toks, a, b, cs, ce, models.spans.clusters), b - a, SPAN_SLOTS);
        expect(fast.length).toBe(plain.length);
        for (let j = 0; j < fast.length; j++) expect(fast[j]).toBeCloseTo(plain[j], 3);
        cues++;
      }
    }
    expect(cues).toBeGreaterThan(30);
  });
});

describe('viterbi', () => {
  it('should decode with the transition table as it is now, when the caller changed it in place (training does)', () => {
    const n = 3;
    const em = new Float64Array(n * L);
    const trans = new Float64Array((L + 1) * L);
    expect([...viterbi(em, n, trans)]).toEqual([0, 0, 0]);
    // Make O -> O costly and O -> B-cue (3) cheap: the best path now leaves O.
    trans[0 * L + 0] = -5;
    trans[0 * L + 3] = 2;
    trans[3 * L + 0] = 2;
    expect([...viterbi(em, n, trans)]).not.toEqual([0, 0, 0]);
  });
});
