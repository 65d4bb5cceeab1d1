/**
 * Name keys for recognising one person or organisation across articles: a normalised key
 * (same spelling up to case, accents, titles and punctuation), a transliteration key that
 * folds the usual variants of romanised Russian, Azerbaijani, Kazakh, Arabic names
 * (y/i/j, kh/h, ks/x, doubled letters, -yev/-iev/-ev, -iy/-y/-i), a consonant skeleton for
 * blocking, Jaro-Winkler similarity, and acronyms of organisation names.
 */

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'gen', 'col', 'sen', 'rep', 'gov', 'president', 'minister', 'mister']);
const ORG_SUFFIXES = new Set(['inc', 'ltd', 'llc', 'plc', 'corp', 'corporation', 'co', 'company', 'pjsc', 'ojsc', 'cjsc', 'jsc', 'ooo', 'oao', 'zao', 'ag', 'gmbh', 'sa', 'nv', 'bv', 'group', 'holding', 'holdings']);
const ORG_STOP = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'de', 'du', 'des', 'la', 'le', 'et', '&']);

/** Letters that NFKD does not split into a base letter and a mark. */
const LETTERS: Readonly<Record<string, string>> = {
  'ə': 'a', 'ı': 'i', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ß': 'ss', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'ŋ': 'n',
  'ʼ': '', 'ʻ': '', '’': '', "'": '', '`': '',
};

/**
 * Lower case, accents off, special letters to Latin, punctuation to spaces, spaces collapsed.
 * @example fold('Məmmədyarov') === 'mammadyarov'
 */
export function fold(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[əıøæœßđðþłŋʼʻ’'`]/g, (c) => LETTERS[c] ?? c)
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim();
}

/**
 * The normalised key of a name: same key, same actor. Titles go from person names; "the" and
 * company suffixes from organisation names.
 * @example nameKey('PERSON', 'Mr. Sergei Lavrov') === 'sergei lavrov'
 * @example nameKey('ORG', 'Gazprom PJSC') === 'gazprom'
 */
export function nameKey(type: string, name: string): string {
  let words = fold(name).split(' ').filter(Boolean);
  if (type === 'PERSON') {
    while (words.length > 1 && HONORIFICS.has(words[0])) words = words.slice(1);
    // A possessive left over: "Lavrov s" from "Lavrov's".
    if (words.length > 1 && words[words.length - 1] === 's') words = words.slice(0, -1);
  } else if (type === 'ORG') {
    if (words.length > 1 && words[0] === 'the') words = words.slice(1);
    while (words.length > 1 && ORG_SUFFIXES.has(words[words.length - 1])) words = words.slice(0, -1);
  }
  return words.join(' ');
}

/**
 * One word of a name spelled the common way across romanisation systems.
 * @example translit('Sergey') === translit('Sergei')
 * @example translit('Mammadyarov') === 'mamadiarov'
 */
export function translit(word: string): string {
  let w = fold(word).replace(/\s+/g, '');
  w = w
    .replace(/shch|sch/g, 'sh')
    .replace(/tch/g, 'ch')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/tz/g, 'ts')
    .replace(/ou/g, 'u')
    .replace(/[yj]/g, 'i')
    .replace(/(\p{L})\1+/gu, '$1')
    // -iyev, -iev, -yev, -jev, -eev -> -ev; -iy, -ii, -yi at the end -> -i
    .replace(/i?e+v(a?)$/, 'ev$1')
    .replace(/ie(v|va)$/, 'e$1')
    .replace(/i+$/, 'i')
    .replace(/ei$/, 'ei');
  return w;
}

/**
 * First letter and consonants of the transliteration: a coarse key to find candidates.
 * @example skeleton('Mamedyarov') === skeleton('Mammadyarov')
 */
export function skeleton(word: string): string {
  const t = translit(word);
  return t.slice(0, 1) + t.slice(1).replace(/[aeiou]/g, '');
}

/**
 * Jaro-Winkler similarity, 0..1.
 * @example jaroWinkler('martha', 'marhta') > 0.96
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a[i] === b[j]) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let t = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[j]) j++;
    if (a[i] !== b[j]) t++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** A person name split into first name and surname (middle names and initials dropped). */
export interface PersonParts {
  readonly first?: string;
  readonly last: string;
  /** A generational suffix (jr, sr, ii, iii, iv): Donald Trump Jr is not Donald Trump. */
  readonly suffix?: string;
}

/**
 * The first name, surname and generational suffix of a person name.
 * @example personParts('Sergei Viktorovich Lavrov') // { first: 'sergei', last: 'lavrov' }
 */
export function personParts(name: string): PersonParts {
  let words = nameKey('PERSON', name).split(' ').filter(Boolean);
  let suffix: string | undefined;
  while (words.length > 1 && /^(jr|sr|ii|iii|iv)$/.test(words[words.length - 1])) {
    suffix = words[words.length - 1];
    words = words.slice(0, -1);
  }
  const extra = suffix ? { suffix } : {};
  if (words.length === 0) return { last: '' };
  if (words.length === 1) return { last: words[0], ...extra };
  return { first: words[0], last: words[words.length - 1], ...extra };
}

/**
 * Initials of the content words of an organisation name, upper case.
 * @example acronym('North Atlantic Treaty Organization') === 'NATO'
 */
export function acronym(name: string): string {
  return fold(name)
    .split(' ')
    .filter((w) => w && !ORG_STOP.has(w))
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

/** True when a name is written as an acronym: 2 to 8 capitals (dots allowed). */
export const isAcronym = (name: string): boolean => /^(?:[A-Z]\.?){2,8}$/.test(name.replace(/\s+/g, ''));
