/**
 * Training the attribution tagger (tagger.ts) from annotated articles, PolNeAR's converted
 * JSONL shape: each article's text is segmented with dossier's own segmenter, every token gets
 * the BIO label of the source, cue or content span it lies in, and an averaged structured
 * perceptron (Collins 2002) learns from the sentences. Deterministic for a given seed.
 */
import type { Span } from '../document/index.js';
import { loadNerModel } from '../ner/index.js';
import { featureIds, trainPerceptron } from '../util/perceptron.js';
import { mulberry32 } from '../util/random.js';
import { segment } from '../segment/index.js';
import { createDocument, withLayers } from '../document/index.js';
import { CONFIRM_MIN_CONFIDENCE, draftAttributions, flatten, joinSplitSentences, type Tok } from './attribution.js';
import { CONFIRM_BITS, confirmFeatures, confirmKeys, trainConfirm, type ConfirmSample } from './confirm.js';
import type { AttributionModels } from './model.js';
import { buildLexicon, type CueLexicon } from './lexicon.js';
import { findQuotes } from './quotes.js';
import { featuriseSpan, forceCue, SPAN_SLOTS } from './span.js';
import { BEGIN, featurise, L, makeTagger, SLOTS, tagSentence, viterbi, type Clusters, type Part, type TaggerModel } from './tagger.js';

/** An annotated article: text and attributions with their parts as (possibly discontinuous) spans. */
export interface TrainingArticle {
  readonly text: string;
  readonly attributions: readonly {
    readonly source: { readonly spans: readonly Span[] } | null;
    readonly cue: { readonly spans: readonly Span[] };
    readonly content: { readonly spans: readonly Span[] };
  }[];
}

export interface TrainAttributionOptions {
  readonly seed?: number;
  readonly epochs?: number;
  /** Features seen fewer times than this are dropped. */
  readonly minFeatureCount?: number;
  /** Sentences with no attribution part kept for training, as a share (the rest are skipped). */
  readonly negatives?: number;
  readonly lexicon?: CueLexicon;
  /** Word clusters for the cluster features (`nerClusters()` gives the NER model's); stored in the model. */
  readonly clusters?: Clusters;
  readonly log?: (line: string) => void;
}


/**
 * Gold labels of the tokens of one article: for each token the BIO label of the part it lies
 * in (cue before source before content where parts overlap, which PolNeAR's univocal
 * annotation makes rare).
 * @example goldLabels(toks, article.attributions)
 */
export function goldLabels(toks: readonly Tok[], attributions: TrainingArticle['attributions']): Uint8Array {
  const labels = new Uint8Array(toks.length);
  const rank = new Uint8Array(toks.length);
  const starts = toks.map((t) => t.start);
  const first = (offset: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const mark = (part: Part, spans: readonly Span[], r: number): void => {
    for (const s of spans) {
      let begin = true;
      for (let i = first(s.start); i < toks.length && toks[i].start < s.end; i++) {
        if (rank[i] > r) {
          begin = true;
          continue;
        }
        // A token that starts a span, or follows a token outside it, begins a chunk.
        labels[i] = begin ? BEGIN[part] : BEGIN[part] + 1;
        rank[i] = r;
        begin = false;
      }
    }
  };
  for (const a of attributions) mark('content', a.content.spans, 1);
  for (const a of attributions) if (a.source) mark('source', a.source.spans, 2);
  for (const a of attributions) mark('cue', a.cue.spans, 3);
  // A chunk split across sentences begins again in each sentence.
  for (let i = 1; i < toks.length; i++) {
    const l = labels[i];
    if (l && (l & 1) === 0 && toks[i].s !== toks[i - 1].s) labels[i] = l - 1;
  }
  return labels;
}

/**
 * The sentences of one article as (tokens, sentence ranges). The taggers train on the sentences
 * joined after a lower-case split only: joining a speaker to a quote that ends in "?" or "!" (as
 * the stage reads them) changes 63 places of PolNeAR train but moved the retrained
 * perceptron's dev figures by more than the gain (cue exact -0.005), so their training set stays.
 */
export function articleTokens(text: string): { toks: Tok[]; ranges: [number, number][] } {
  const sentences = joinSplitSentences(segment(text));
  const toks = flatten(sentences, findQuotes(text, sentences));
  const ranges: [number, number][] = [];
  let k = 0;
  for (const s of sentences) {
    ranges.push([k, k + s.tokens.length]);
    k += s.tokens.length;
  }
  return { toks, ranges };
}

/**
 * Train the tagger on annotated articles.
 * @example trainAttribution(readPolnear('train.jsonl'), { seed: 1, epochs: 8 })
 */
export function trainAttribution(articles: readonly TrainingArticle[], options: TrainAttributionOptions = {}): TaggerModel {
  const seed = options.seed ?? 1;
  const epochs = options.epochs ?? 8;
  const minCount = options.minFeatureCount ?? 2;
  const negatives = options.negatives ?? 1;
  const log = options.log ?? (() => {});
  const lex = options.lexicon ?? buildLexicon();
  const clusters = options.clusters ?? new Map<string, number>();
  const rnd = mulberry32(seed);
  const t0 = performance.now();
  const since = (): string => `${((performance.now() - t0) / 1000).toFixed(1)}s`;

  const inst: PerceptronInstance[] = [];
  for (const art of articles) {
    const { toks, ranges } = articleTokens(art.text);
    const gold = goldLabels(toks, art.attributions);
    for (const [a, b] of ranges) {
      if (b <= a) continue;
      const g = gold.slice(a, b);
      if (negatives < 1 && !g.some((x) => x !== 0) && rnd() >= negatives) continue;
      inst.push({ feats: featurise(lex, toks, a, b, clusters), gold: g });
    }
  }
  const model = perceptron(inst, SLOTS, { seed, epochs, minFeatureCount: minCount, log }, rnd, since);
  return makeTagger(model.keys, model.weights, model.trans, { seed, epochs, minFeatureCount: minCount, negatives, articles: articles.length, sentences: inst.length, clusters: clusters.size }, clusters);
}

/** A training sentence: feature keys (`slots` per token), gold labels, and an optional constraint on the emissions. */
export interface PerceptronInstance {
  readonly feats: Uint32Array;
  readonly gold: Uint8Array;
  /** Change the emission scores before decoding (forced labels). */
  readonly force?: (em: Float64Array) => void;
}

/**
 * The averaged structured perceptron over BIO labels (`src/util/perceptron.ts`), with this
 * folder's Viterbi (BIO constraints) and log lines.
 */
export function perceptron(inst: readonly PerceptronInstance[], slots: number, o: { epochs: number; minFeatureCount: number; seed: number; log: (l: string) => void }, rnd: () => number, since: () => string): { keys: Uint32Array; weights: Float32Array; trans: Float32Array } {
  let tokens = 0;
  for (const x of inst) tokens += x.gold.length;
  const { keys, ids } = featureIds(inst.map((x) => x.feats), o.minFeatureCount);
  o.log(`${inst.length} sentences, ${tokens} tokens, ${keys.length} features (${since()})`);
  const { weights, trans } = trainPerceptron(ids, inst.map((x) => x.gold), {
    slots,
    labels: L,
    features: keys.length,
    epochs: o.epochs,
    rnd,
    decode: viterbi,
    force: inst.map((x) => x.force),
    onEpoch: (epoch, errors, seen) => o.log(`epoch ${epoch}: ${errors} token errors of ${seen} (${since()})`),
  });
  return { keys, weights, trans };
}

/** Token accuracy and per-part chunk F1 of a tagger on annotated articles (for the training log). */
export function tagScore(model: TaggerModel, articles: readonly TrainingArticle[], lex: CueLexicon = buildLexicon()): Record<Part, number> {
  const tp = { source: 0, cue: 0, content: 0 };
  const np = { source: 0, cue: 0, content: 0 };
  const ng = { source: 0, cue: 0, content: 0 };
  const parts: Part[] = ['source', 'cue', 'content'];
  for (const art of articles) {
    const { toks, ranges } = articleTokens(art.text);
    const gold = goldLabels(toks, art.attributions);
    for (const [a, b] of ranges) {
      const pred = tagSentence(model, lex, toks, a, b);
      const key = (lab: ArrayLike<number>, off: number): Map<string, Part> => {
        const m = new Map<string, Part>();
        let i = 0;
        while (i < b - a) {
          const l = lab[off + i];
          if (!l) {
            i++;
            continue;
          }
          let j = i + 1;
          while (j < b - a && lab[off + j] === ((l & 1) ? l + 1 : l)) j++;
          m.set(`${i}-${j}-${(l - 1) >> 1}`, parts[(l - 1) >> 1]);
          i = j;
        }
        return m;
      };
      const g = key(gold, a);
      const p = key(pred, 0);
      for (const [k, part] of p) {
        np[part]++;
        if (g.has(k)) tp[part]++;
      }
      for (const part of g.values()) ng[part]++;
    }
  }
  const f = (p: Part): number => (np[p] + ng[p] ? (2 * tp[p]) / (np[p] + ng[p]) : 0);
  return { source: f('source'), cue: f('cue'), content: f('content') };
}

/**
 * The word clusters of the shipped NER model's lexicon (lower-cased word -> bit path), for
 * the tagger's cluster features; the tagger keeps its own copy, so a retrained NER model does
 * not change it.
 * @example trainAttribution(articles, { clusters: nerClusters() })
 */
export function nerClusters(): Clusters {
  // The NER lexicon's word list and cluster paths (parallel arrays), read from its model.
  const model = loadNerModel() as unknown as { lexiconData?: { words: readonly string[]; cluster: Uint32Array } };
  const out = new Map<string, number>();
  const d = model.lexiconData;
  if (!d) return out;
  for (let i = 0; i < d.words.length; i++) if (d.cluster[i]) out.set(d.words[i], d.cluster[i]);
  return out;
}

/**
 * Train the cue-conditioned span tagger (span.ts): one instance per annotated attribution whose
 * cue lies in one sentence, labelled with that attribution's source and content in the sentence.
 * @example trainSpans(readPolnear('train.jsonl'), { seed: 1, epochs: 10, clusters: nerClusters() })
 */
export function trainSpans(articles: readonly TrainingArticle[], options: TrainAttributionOptions = {}): TaggerModel {
  const seed = options.seed ?? 1;
  const epochs = options.epochs ?? 8;
  const minCount = options.minFeatureCount ?? 2;
  const log = options.log ?? (() => {});
  const lex = options.lexicon ?? buildLexicon();
  const clusters = options.clusters ?? new Map<string, number>();
  const rnd = mulberry32(seed + 1);
  const t0 = performance.now();
  const since = (): string => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
  const inst: PerceptronInstance[] = [];
  for (const art of articles) {
    const { toks, ranges } = articleTokens(art.text);
    const sentOf = new Int32Array(toks.length);
    ranges.forEach(([a, b], s) => sentOf.fill(s, a, b));
    for (const attr of art.attributions) {
      const labels = goldLabels(toks, [attr]);
      let cs = -1;
      let ce = -1;
      for (let i = 0; i < labels.length; i++) if (labels[i] === BEGIN.cue || labels[i] === BEGIN.cue + 1) ((cs = cs < 0 ? i : cs), (ce = i + 1));
      if (cs < 0 || sentOf[cs] !== sentOf[ce - 1]) continue;
      const [a, b] = ranges[sentOf[cs]];
      for (let i = cs; i < ce; i++) labels[i] = i === cs ? BEGIN.cue : BEGIN.cue + 1;
      const n = b - a;
      const rs = cs - a;
      const re = ce - a;
      inst.push({ feats: featuriseSpan(lex, toks, a, b, cs, ce, clusters), gold: labels.slice(a, b), force: (em) => forceCue(em, n, rs, re) });
    }
  }
  const model = perceptron(inst, SPAN_SLOTS, { seed, epochs, minFeatureCount: minCount, log }, rnd, since);
  return makeTagger(model.keys, model.weights, model.trans, { seed, epochs, minFeatureCount: minCount, articles: articles.length, instances: inst.length, clusters: clusters.size }, clusters, SPAN_SLOTS);
}

/**
 * Train everything the stage ships: the sentence tagger and span tagger on all articles, then
 * the confirmation filter (confirm.ts) on cross-fitted drafts: the articles are split in two
 * halves (even and odd positions), each half is drafted by taggers trained on the other half,
 * and each draft is labelled by whether it matches an annotated attribution (contents and
 * sources share a word, or neither has a source).
 * About twice the time of the taggers alone. Deterministic for a seed.
 * @example saveModels(trainModels(readPolnear('train.jsonl'), { seed: 1, epochs: 10, clusters: nerClusters() }))
 */
export function trainModels(articles: readonly TrainingArticle[], options: TrainAttributionOptions = {}): AttributionModels {
  const log = options.log ?? (() => {});
  log('sentence tagger (source, cue, content)');
  const tagger = trainAttribution(articles, options);
  log('span tagger (source and content of a given cue)');
  const spans = trainSpans(articles, options);
  const halves = [articles.filter((_, i) => i % 2 === 0), articles.filter((_, i) => i % 2 === 1)];
  const samples: ConfirmSample[] = [];
  for (let h = 0; h < 2; h++) {
    const other = halves[1 - h];
    log(`confirmation filter: taggers on half ${2 - h} to draft half ${h + 1}`);
    const quiet = { ...options, log: () => {} };
    const models = { tagger: trainAttribution(other, quiet), spans: trainSpans(other, quiet) };
    for (const art of halves[h]) samples.push(...confirmSamples(art, models));
  }
  log(`confirmation filter: ${samples.length} drafts, ${samples.filter((x) => x.label).length} attributions`);
  const confirm = trainConfirm(samples, { seed: options.seed ?? 1 });
  return { tagger, spans, confirm };
}

const WORDS = /[\p{L}\p{N}]+/gu;
function wordStarts(text: string, spans: readonly Span[]): Set<number> {
  const out = new Set<number>();
  for (const sp of spans) for (const m of text.slice(sp.start, sp.end).matchAll(WORDS)) out.add(sp.start + m.index);
  return out;
}

/** The filter's training examples of one article, drafted by `models` (no filter). */
export function confirmSamples(art: TrainingArticle, models: AttributionModels): ConfirmSample[] {
  const doc = withLayers(createDocument(art.text), { sentences: segment(art.text) });
  const found = draftAttributions(doc, { tagger: models.tagger, spans: models.spans, confirm: null, minConfidence: CONFIRM_MIN_CONFIDENCE });
  if (!found) return [];
  const gold = art.attributions.map((g) => ({ content: wordStarts(art.text, g.content.spans), source: g.source ? wordStarts(art.text, g.source.spans) : null }));
  const shares = (a: Set<number>, b: Set<number>): boolean => [...a].some((x) => b.has(x));
  return found.drafts.map((d) => {
    // Right as PolNeAR's attribution score counts it: contents share a word, and so do the
    // sources (or neither has one).
    const content = wordStarts(art.text, d.content);
    const source = d.source ? wordStarts(art.text, [d.source]) : null;
    const right = gold.some((g) => shares(content, g.content) && (source === null || g.source === null ? source === g.source : shares(source, g.source)));
    return { keys: confirmKeys(confirmFeatures(found.ctx, d), CONFIRM_BITS), label: right ? 1 : 0 };
  });
}
