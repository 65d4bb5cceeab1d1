/**
 * Named-entity recognition with dossier's own trained model: an averaged structured perceptron
 * over hashed features with Viterbi decoding (see readme.md). The model ships in
 * `models/ner.bin` and is rebuilt with `npm run train:ner`.
 *
 * @example
 * import { loadNerModel, recognise } from './ner/index.js';
 * const model = loadNerModel();
 * recognise(model, ['Ilham', 'Aliyev', 'met', 'Putin', 'in', 'Baku', '.']);
 * // [{ start: 0, end: 2, type: 'PER' }, { start: 3, end: 4, type: 'PER' }, { start: 5, end: 6, type: 'LOC' }]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../errors.js';
import { chunks } from './conll.js';
import { harmonise, harmoniseChunks } from './document.js';
import { decode, deserialise, modelDocContext, serialise, toBio, type Model } from './model.js';
import { evaluate, trainNer as train, type TrainOptions } from './train.js';
import { GAZ } from './lexicon.js';
import type { ConllSentence, NerScore } from './conll.js';

export { parseConll, score, chunks, chunksToBio, type ConllSentence, type Chunk, type NerScore, type Prf } from './conll.js';
export { type TrainOptions } from './train.js';
export { tokeniseText } from './build-lexicon.js';

/** A name found by the model: token indices, `end` exclusive. */
export interface NerSpan {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
  score?: number;
}

/** A loaded model. Opaque: pass it to {@link tagTokens} and {@link recognise}. */
export interface NerModel {
  /** What the model was trained with (seed, epochs, ...). */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Where the shipped model lives, resolved from this module so that it works from src/ and dist/. */
export const DEFAULT_MODEL_URL = new URL('../../models/ner.bin', import.meta.url);

const cache = new Map<string, Model>();
/** The shipped model, once loaded (the entities stage asks for it once per article). */
let shipped: Model | undefined;
const models = new WeakSet<object>();

const asModel = (m: NerModel): Model => {
  if (!models.has(m)) throw new DossierError('E_INTERNAL', 'internal error: not a model made by loadNerModel or trainNer');
  return m as Model;
};

/**
 * Train a model on CoNLL sentences (see train.ts for the options).
 *
 * @example
 * const model = trainNer(parseConll(readFileSync('train.txt', 'utf8')), { seed: 1, epochs: 12 });
 */
export function trainNer(sentences: readonly ConllSentence[], options: TrainOptions = {}): NerModel {
  const m = train(sentences, options);
  models.add(m);
  return m;
}

/**
 * Tag CoNLL sentences and score them (conlleval exact match); `seconds` is the tagging time.
 *
 * @example
 * evaluateNer(loadNerModel(), parseConll(text)).f1 // 0.91...
 */
export function evaluateNer(model: NerModel, sentences: readonly ConllSentence[], options: { readonly document?: boolean } = {}): NerScore & { readonly seconds: number } {
  return evaluate(asModel(model), sentences, options);
}

/**
 * Load a model file (default: the shipped `models/ner.bin`), once per path.
 *
 * @example
 * const model = loadNerModel();            // the shipped model
 * const mine = loadNerModel('out/ner.bin'); // one you trained
 */
export function loadNerModel(path?: string): NerModel {
  if (path === undefined && shipped) return shipped;
  const file = path ?? fileURLToPath(DEFAULT_MODEL_URL);
  const hit = cache.get(file);
  if (hit) return hit;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DossierError(
      'E_MODEL',
      code === 'ENOENT' ? `the NER model ${file} is missing.` : `the NER model ${file} cannot be read (${code ?? String(error)}).`,
      { cause: error },
    );
  }
  const model = deserialise(bytes, file);
  models.add(model);
  cache.set(file, model);
  if (path === undefined) shipped = model;
  return model;
}

/** Write a model to bytes (the `models/ner.bin` format). */
export function saveNerModel(model: NerModel, options: { bits?: 8 | 16 } = {}): Buffer {
  return serialise(asModel(model), options);
}

/**
 * Per-token IOB2 tags (`B-PER`, `I-PER`, `O`, ...) for one sentence of words.
 *
 * @example
 * tagTokens(model, ['Sergei', 'Lavrov', 'said']) // ['B-PER', 'I-PER', 'O']
 */
export function tagTokens(model: NerModel, words: readonly string[]): string[] {
  return toBio(decode(asModel(model), words));
}

/**
 * IOB2 tags for the sentences of one document (article): each sentence is tagged, then a
 * repeated name gets the type the document mostly gives it, and single capitalised words the
 * tagger left out are tagged where the document names them consistently (see document.ts).
 *
 * @example
 * tagDocument(model, [['Magna', 'said', '.'], ['Ontario-based', 'Magna', 'fell', '.']])
 */
export function tagDocument(model: NerModel, sentences: readonly (readonly string[])[]): string[][] {
  const m = asModel(model);
  const ctx = modelDocContext(m, sentences);
  return harmonise(sentences, sentences.map((s, k) => toBio(decode(m, s, ctx, k))));
}

/**
 * The names {@link tagDocument} finds in the sentences of one document, as token spans per
 * sentence (the chunks of its tags, without making the tags).
 *
 * @example
 * recogniseDocument(model, [['Magna', 'said', '.'], ['Ontario-based', 'Magna', 'fell', '.']])
 */
export function recogniseDocument(model: NerModel, sentences: readonly (readonly string[])[]): NerSpan[][] {
  const m = asModel(model);
  const ctx = modelDocContext(m, sentences);
  return harmoniseChunks(sentences, sentences.map((s, k) => chunks(toBio(decode(m, s, ctx, k))))) as NerSpan[][];
}

/**
 * The names in one sentence of words, as token spans.
 *
 * @example
 * recognise(model, ['Sergei', 'Lavrov', 'visited', 'Baku']) // [{start:0,end:2,type:'PER'},{start:3,end:4,type:'LOC'}]
 */
export function recognise(model: NerModel, words: readonly string[]): NerSpan[] {
  return chunks(tagTokens(model, words)) as NerSpan[];
}

/** What the model's lexicon knows about one word (case-insensitive). */
export interface WordInfo {
  /**
   * How often the word is written capitalised in the middle of a sentence in the unlabelled
   * text the lexicon was built from: 0 under 10% of its uses, 1 under 50%, 2 under 90%, 3 more;
   * undefined for a word the lexicon does not know or never saw in the middle of a sentence.
   */
  readonly capitalised?: 0 | 1 | 2 | 3;
  /** Whether the gazetteer holds the word alone as a given name or a surname. */
  readonly personName: boolean;
  /** Whether the gazetteer holds the word alone as a demonym (nationality, people). */
  readonly demonym: boolean;
}

/**
 * Look a word up in the model's lexicon: how it is usually written, and whether it is a known
 * given name, surname or demonym.
 *
 * @example
 * wordInfo(model, 'Furthermore') // { capitalised: 0, personName: false, demonym: false }
 */
export function wordInfo(model: NerModel, word: string): WordInfo {
  const lex = asModel(model).lexicon;
  const low = word.toLowerCase();
  const idx = lex.vocab.get(low);
  const gaz = lex.gaz.get(low) ?? 0;
  // (Bucket 4: the word was never seen in the middle of a sentence, so there is no evidence.)
  const bucket = idx === undefined ? 4 : lex.capBucket[idx];
  return {
    capitalised: bucket < 4 ? (bucket as 0 | 1 | 2 | 3) : undefined,
    personName: (gaz & (GAZ.GIVEN | GAZ.SURNAME)) !== 0,
    demonym: (gaz & GAZ.DEMONYM) !== 0,
  };
}
