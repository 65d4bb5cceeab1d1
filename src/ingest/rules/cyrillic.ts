/**
 * Letter frequencies of Russian prose (per cent, lower case; ё folded into е is kept apart
 * here with its own small share). Used to choose between single-byte Cyrillic encodings,
 * which a byte-statistics detector can confuse: decoded with the wrong table, Russian text
 * turns into a scramble of rare letters and mid-word capitals.
 *
 * Source: the commonly cited national-corpus counts (о 10.97, е 8.45, а 8.01, …).
 * Ukrainian, Belarusian, Bulgarian and Serbian letters get a small share so that those
 * languages still decode as Cyrillic.
 */
export const CYRILLIC_LETTER_FREQUENCY: Readonly<Record<string, number>> = {
  о: 10.97, е: 8.45, а: 8.01, и: 7.35, н: 6.7, т: 6.26, с: 5.47, р: 4.73, в: 4.54, л: 4.4,
  к: 3.49, м: 3.21, д: 2.98, п: 2.81, у: 2.62, я: 2.01, ы: 1.9, ь: 1.74, г: 1.7, з: 1.65,
  б: 1.59, ч: 1.44, й: 1.21, х: 0.97, ж: 0.94, ш: 0.73, ю: 0.64, ц: 0.48, щ: 0.36, э: 0.32,
  ф: 0.26, ъ: 0.04, ё: 0.04,
  // other Cyrillic languages
  і: 0.5, ї: 0.2, є: 0.2, ґ: 0.05, ў: 0.1, ј: 0.2, љ: 0.05, њ: 0.05, ћ: 0.05, ђ: 0.05, џ: 0.05, ѓ: 0.02, ќ: 0.02, ѕ: 0.02,
};

/** Single-byte Cyrillic encodings tried when the bytes are not UTF-8 (iconv-lite names). */
export const CYRILLIC_ENCODINGS: readonly string[] = ['windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'maccyrillic'];
