/**
 * Training: an averaged structured perceptron (Collins 2002) over BILOU labels with first-order
 * Viterbi decoding. Deterministic for a given seed: sentence order, casing augmentation and the
 * lexicon's clusters all come from one seeded generator.
 */
import { buildLexicon } from './build-lexicon.js';
import { chunks, score, type ConllSentence, type NerScore } from './conll.js';
import { createFeaturiser, docContext, featurise, DOC_SLOTS, SLOTS, type DocContext } from './features.js';
import type { LexiconData } from './lexicon.js';
import { LABELS, makeModel, modelDocContext, NL, toBio, viterbi, decode, type Model } from './model.js';
import { featureIds, trainPerceptron, type PerceptronWeights } from '../util/perceptron.js';
import { mulberry32 } from '../util/random.js';
import { harmonise } from './document.js';

export interface TrainOptions {
  readonly seed?: number;
  readonly epochs?: number;
  /** Share of training sentences also given as an all-capitals copy and as an all-lower-case copy. */
  readonly augment?: number;
  /** Features seen fewer times than this in training are dropped. */
  readonly minFeatureCount?: number;
  /** Unlabelled sentences for the clusters and casing statistics (the training words are always used). */
  readonly texts?: readonly (readonly string[])[];
  /** A ready lexicon (tests); otherwise one is built. */
  readonly lexicon?: LexiconData;
  /** Sentences to score after each epoch, for the log only: they never change the weights. */
  readonly monitor?: readonly ConllSentence[];
  /**
   * Document features (default on): how each word is written and surrounded elsewhere in its
   * `-DOCSTART-` document. The casing copies are featurised as documents of one sentence.
   */
  readonly docFeatures?: boolean;
  /**
   * With document features: share of sentences also given as a document of their own, so that
   * the model also tags sentences seen alone (`tagTokens`) well.
   */
  readonly alone?: number;
  /** Bits per weight in the model (8 or 16); the model tags with its quantised weights. */
  readonly bits?: 8 | 16;
  readonly log?: (line: string) => void;
}

const LABEL_INDEX = new Map(LABELS.map((l, i) => [l, i]));

/** Gold BILOU label indices from IOB1/IOB2 tags. */
export function bilou(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  for (const c of chunks(tags)) {
    if (!LABEL_INDEX.has('U-' + c.type)) continue;
    if (c.end - c.start === 1) out[c.start] = LABEL_INDEX.get('U-' + c.type)!;
    else {
      out[c.start] = LABEL_INDEX.get('B-' + c.type)!;
      for (let i = c.start + 1; i < c.end - 1; i++) out[i] = LABEL_INDEX.get('I-' + c.type)!;
      out[c.end - 1] = LABEL_INDEX.get('L-' + c.type)!;
    }
  }
  return out;
}

/**
 * Tag sentences with a model and score them against their gold tags. With `document`, the
 * sentences of each `-DOCSTART-` document are also made consistent (document.ts).
 */
export function evaluate(model: Model, sentences: readonly ConllSentence[], options: { readonly document?: boolean } = {}): NerScore & { readonly seconds: number } {
  const t0 = performance.now();
  let pred: string[][];
  if (options.document) {
    const docs = groupDocs(sentences);
    pred = new Array<string[]>(sentences.length);
    for (const idx of docs.values()) {
      const ctx = modelDocContext(model, idx.map((i) => sentences[i].words));
      idx.forEach((i, k) => (pred[i] = toBio(decode(model, sentences[i].words, ctx, k))));
    }
    for (const idx of docs.values()) {
      const h = harmonise(idx.map((i) => sentences[i].words), idx.map((i) => pred[i]));
      idx.forEach((i, k) => (pred[i] = h[k]));
    }
  } else pred = sentences.map((s) => toBio(decode(model, s.words)));
  const seconds = (performance.now() - t0) / 1000;
  return { ...score(sentences.map((s) => s.tags), pred), seconds };
}

const RECASE: readonly ((w: string) => string)[] = [(w) => w, (w) => w.toUpperCase(), (w) => w.toLowerCase()];

/** Sentence indices per `-DOCSTART-` document, in order. */
function groupDocs(sentences: readonly ConllSentence[]): Map<number, number[]> {
  const docs = new Map<number, number[]>();
  sentences.forEach((s, i) => {
    const d = docs.get(s.doc);
    if (d) d.push(i);
    else docs.set(s.doc, [i]);
  });
  return docs;
}

/** Train a model on CoNLL sentences. */
export function trainNer(train: readonly ConllSentence[], options: TrainOptions = {}): Model {
  const seed = options.seed ?? 1;
  const epochs = options.epochs ?? 20;
  const augment = options.augment ?? 0;
  const minCount = options.minFeatureCount ?? 1;
  const log = options.log ?? (() => {});
  const rnd = mulberry32(seed);
  const t0 = performance.now();
  const since = (): string => `${((performance.now() - t0) / 1000).toFixed(1)}s`;

  const lexData = options.lexicon ?? buildLexicon([...train.map((s) => s.words), ...(options.texts ?? [])], { seed, log });
  const useDoc = options.docFeatures ?? true;
  const SL = SLOTS + (useDoc ? DOC_SLOTS : 0);
  const alone = options.alone ?? 0.2;
  const lexModel = makeModel(new Uint32Array(0), new Float32Array(0), new Float32Array((NL + 1) * NL), lexData, {});
  const featuriser = createFeaturiser(lexModel.lexicon);
  log(`lexicon ready (${since()})`);

  // Instances: every sentence, plus casing copies of a seeded share of them.
  // With document features, a casing copy is featurised within a copy of its whole document in
  // the same casing (an article that lost its capitals loses them throughout).
  const inst: { words: readonly string[]; gold: Uint8Array; doc?: DocContext; s: number }[] = [];
  const docs = groupDocs(train);
  const place = new Map<ConllSentence, number>();
  for (const idx of docs.values()) idx.forEach((i, k) => place.set(train[i], k));
  const contexts = new Map<string, DocContext>();
  const contextOf = (s: ConllSentence, c: number): DocContext | undefined => {
    if (!useDoc) return undefined;
    const key = `${c}:${s.doc}`;
    let ctx = contexts.get(key);
    if (!ctx) contexts.set(key, (ctx = docContext(featuriser, docs.get(s.doc)!.map((i) => train[i].words.map(RECASE[c])))));
    return ctx;
  };
  for (const s of train) {
    const gold = bilou(s.tags);
    inst.push({ words: s.words, gold, doc: contextOf(s, 0), s: place.get(s) ?? 0 });
    for (const c of [1, 2]) {
      if (augment > 0 && rnd() < augment) inst.push({ words: s.words.map(RECASE[c]), gold, doc: contextOf(s, c), s: place.get(s) ?? 0 });
    }
    if (useDoc && alone > 0 && rnd() < alone) inst.push({ words: s.words, gold, doc: docContext(featuriser, [s.words]), s: 0 });
  }
  const feats = inst.map((x) => featurise(featuriser, x.words, x.doc, x.s));
  contexts.clear();
  const { keys, ids } = featureIds(feats, minCount);
  const nF = keys.length;
  log(`${inst.length} training sentences, ${nF} features (${since()})`);

  const asModel = (p: PerceptronWeights): Model =>
    makeModel(keys, p.weights, p.trans, lexData, { seed, epochs, augment, minFeatureCount: minCount, trainSentences: train.length, docFeatures: useDoc, alone: useDoc ? alone : 0 }, useDoc ? DOC_SLOTS : 0, false, options.bits ?? 8);
  const weights = trainPerceptron(ids, inst.map((x) => x.gold), {
    slots: SL,
    labels: NL,
    features: nF,
    epochs,
    rnd,
    decode: viterbi,
    onEpoch: (epoch, errors, tokens, averaged) => {
      let line = `epoch ${epoch}: ${errors} token errors of ${tokens} (${since()})`;
      if (options.monitor && (epoch === epochs || epoch % 5 === 0)) line += `, monitor F1 ${(evaluate(asModel(averaged()), options.monitor).f1 * 100).toFixed(2)}`;
      log(line);
    },
  });
  return asModel(weights);
}
