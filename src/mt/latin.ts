/**
 * Shared normalisation of Latin-script words and of Cyrillic letters, used the same way
 * when the model is trained and when it is applied.
 */

/** Cyrillic letters of the Russian alphabet in the order the language model indexes them. */
export const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
/** Symbol index of the word boundary in the Cyrillic language model. */
export const BOUNDARY = CYRILLIC.length;
/** Alphabet size of the Cyrillic language model (letters and the boundary). */
export const LM_SYMBOLS = CYRILLIC.length + 1;

const CYR_INDEX = new Map<string, number>([...CYRILLIC].map((c, i) => [c, i]));

/** Index of a lower-case Cyrillic letter in {@link CYRILLIC}, or -1. */
export function cyrIndex(c: string): number {
  return CYR_INDEX.get(c) ?? -1;
}

/**
 * Normalise a Latin-script word as the model sees it: NFC, lower case, one apostrophe
 * ("'") for soft-sign marks (ʹ ’ ‘ ` ´ ʼ) and one double mark ('"') for hard-sign marks (ʺ ” “ ″),
 * the BGN/PCGN separator dot removed, and a stray Cyrillic ё (iuliia writes it for ë) made ë.
 *
 * @example
 * normaliseLatin('Obʺâvlenie') // 'ob"âvlenie'
 */
export function normaliseLatin(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ʹ’‘`´ʼ]/g, "'")
    .replace(/[ʺ”“″]/g, '"')
    .replace(/''/g, '"')
    .replace(/·/g, '')
    .replace(/ё/g, 'ë');
}

/** Letters (and marks) that no transliteration scheme of Russian uses: a word with one is not a transliteration. */
export function latinAlphabetOf(words: Iterable<string>): string {
  const seen = new Set<string>();
  for (const w of words) for (const c of w) seen.add(c);
  return [...seen].sort().join('');
}
