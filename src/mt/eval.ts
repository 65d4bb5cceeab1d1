/**
 * Measuring the mt stage: false flags per 10,000 words on clean English text, and recall and
 * restoration accuracy per transliteration scheme on a synthetic set (Russian word forms of
 * lemmas held out from training, transliterated under each iuliia schema, set in English
 * sentences).
 */
import { createDocument, type Document } from '../document/index.js';
import { entitiesStage } from '../entities/index.js';
import { buildPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { segmentStage } from '../segment/index.js';
import { findArtifacts, type MtOptions } from './mt.js';
import { isEnglishWord, loadTranslitModel } from './model.js';
import { FAMILIES, alignedTranslit, loadIuliia, russianForms } from './sources.js';
import { isTestLemma, mulberry32 } from './train.js';

let pipeline: Pipeline | undefined;
/** Segmentation and entities, the stages the mt stage reads. */
const before = (): Pipeline => (pipeline ??= buildPipeline([segmentStage, entitiesStage]));

const WORDS = /[\p{L}\p{N}]+/gu;

export interface FalseFlagReport {
  readonly documents: number;
  readonly words: number;
  /** Flags by kind. */
  readonly flags: Readonly<Record<string, number>>;
  readonly total: number;
  readonly per10k: number;
  /** The first flags, for inspection. */
  readonly examples: readonly string[];
}

/**
 * Count artifacts in texts that are clean English (every flag is false).
 *
 * @example
 * falseFlags(['The minister said the talks went well.']).total // 0
 */
export function falseFlags(texts: readonly string[], options: Readonly<MtOptions> = {}): FalseFlagReport {
  const flags: Record<string, number> = {};
  const examples: string[] = [];
  let words = 0;
  let total = 0;
  for (const text of texts) {
    words += text.match(WORDS)?.length ?? 0;
    const doc: Document = before().run(createDocument(text));
    for (const a of findArtifacts(doc, options)) {
      flags[a.kind] = (flags[a.kind] ?? 0) + 1;
      total++;
      if (examples.length < 40) examples.push(`${a.kind} "${a.original}"${a.restored ? ` -> ${a.restored}` : ''} (${a.rule}) in "…${text.slice(Math.max(0, a.start - 30), a.end + 30).replace(/\s+/g, ' ')}…"`);
    }
  }
  return { documents: texts.length, words, flags, total, per10k: words ? (total * 10000) / words : 0, examples };
}

/** Documents of a CoNLL-2003 file: first column, sentences on lines, split at -DOCSTART-. */
export function conllDocuments(raw: string): string[] {
  const docs: string[] = [];
  let sentences: string[] = [];
  let tokens: string[] = [];
  const flushSentence = () => {
    if (tokens.length) sentences.push(tokens.join(' '));
    tokens = [];
  };
  const flushDoc = () => {
    flushSentence();
    if (sentences.length) docs.push(sentences.join('\n'));
    sentences = [];
  };
  for (const line of raw.split('\n')) {
    const word = line.split(' ')[0];
    if (word === '-DOCSTART-') flushDoc();
    else if (!line.trim()) flushSentence();
    else tokens.push(word);
  }
  flushDoc();
  return docs;
}

/** Texts of a JSON-lines file with a `text` field (PolNeAR). */
export function jsonlTexts(raw: string): string[] {
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { text?: unknown }).text ?? ''))
    .filter(Boolean);
}

/** English sentences, each with one slot for a word. */
const FRAMES: readonly string[] = [
  'The ministry said on Tuesday that the plan was {} and would be reviewed next month.',
  'According to the report, officials were {} the agreement before the vote.',
  'He added that the {} had not been discussed with the partners.',
  'Analysts believe that the decision is {} for the region and its economy.',
  'The statement, which was published late in the evening, called the move {} and dangerous.',
  'In his view, the talks were a step towards a more {} relationship.',
  'Several experts noted that {} remains a problem for both sides.',
  'The delegation arrived in the capital to discuss {} issues of the bilateral agenda.',
];

export interface SchemeRecall {
  readonly scheme: string;
  readonly family: string;
  readonly words: number;
  readonly found: number;
  readonly restored: number;
  readonly recall: number;
  readonly restoredRate: number;
}

export interface SyntheticReport {
  readonly perScheme: readonly SchemeRecall[];
  readonly perFamily: readonly SchemeRecall[];
  /** Test words left out because their transliteration is an English word. */
  readonly excludedEnglish: number;
  readonly missed: readonly string[];
}

const sameCyrillic = (a: string, b: string): boolean => a.replace(/ё/g, 'е') === b.replace(/ё/g, 'е');

/**
 * Recall on the synthetic set: for each family's schemas, `perScheme` word forms (five letters or
 * more) of held-out lemmas, transliterated and set in an English sentence.
 *
 * @example
 * synthetic({ perScheme: 100 }).perFamily // [{ family: 'iso9', recall: 0.98, ... }, ...]
 */
export function synthetic(options: Readonly<MtOptions> & { readonly perScheme?: number; readonly seed?: number } = {}): SyntheticReport {
  const perScheme = options.perScheme ?? 200;
  const rand = mulberry32(options.seed ?? 7);
  const iuliia = loadIuliia();
  const model = loadTranslitModel(options.model);
  const test = russianForms().filter((f) => isTestLemma(f.lemma) && f.form.length >= 5);
  const rows: SchemeRecall[] = [];
  const missed: string[] = [];
  let excludedEnglish = 0;
  for (const fam of FAMILIES) {
    for (const name of fam.schemes) {
      const schema = iuliia.Schemas.get(name);
      if (!schema) continue;
      let words = 0;
      let found = 0;
      let restored = 0;
      while (words < perScheme) {
        const { form } = test[Math.floor(rand() * test.length)];
        const latin = alignedTranslit(form, schema).latin;
        if (isEnglishWord(model, latin)) {
          excludedEnglish++;
          continue;
        }
        words++;
        const frame = FRAMES[Math.floor(rand() * FRAMES.length)];
        const at = frame.indexOf('{}');
        const text = frame.replace('{}', latin);
        const doc = before().run(createDocument(text));
        const hit = findArtifacts(doc, { ...options, kinds: ['untranslated'] }).find((a) => a.start === at && a.end === at + latin.length);
        if (hit) {
          found++;
          if (hit.restored && sameCyrillic(hit.restored, form)) restored++;
          else if (missed.length < 60) missed.push(`${name}: ${latin} restored ${hit.restored}, not ${form}`);
        } else if (missed.length < 60) missed.push(`${name}: ${latin} (${form}) not found`);
      }
      rows.push({ scheme: name, family: fam.name, words, found, restored, recall: found / words, restoredRate: restored / words });
    }
  }
  const perFamily = FAMILIES.map((fam) => {
    const r = rows.filter((x) => x.family === fam.name);
    const words = r.reduce((s, x) => s + x.words, 0);
    const found = r.reduce((s, x) => s + x.found, 0);
    const restored = r.reduce((s, x) => s + x.restored, 0);
    return { scheme: fam.schemes.join(','), family: fam.name, words, found, restored, recall: words ? found / words : 0, restoredRate: words ? restored / words : 0 };
  });
  return { perScheme: rows, perFamily, excludedEnglish, missed };
}
