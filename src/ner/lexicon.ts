/**
 * Word-level knowledge the NER model ships beside its weights: a vocabulary of lower-cased
 * words with their distributional cluster (a bit path from bisecting k-means), how often each
 * is capitalised mid-sentence, its usual written form (for truecasing), and a gazetteer of
 * multi-word names. Everything here is built by `build-lexicon.ts` during training.
 */

/** Gazetteer classes, one bit each. */
export const GAZ = {
  COUNTRY: 1,
  CITY: 2,
  TOWN: 4,
  DEMONYM: 8,
  GIVEN: 16,
  SURNAME: 32,
  ORG: 64,
  REGION: 128,
} as const;
export const GAZ_BITS = 8;

/** The lexicon, ready for look-ups. */
export interface Lexicon {
  /** Lower-cased word -> index into the arrays below. */
  readonly vocab: ReadonlyMap<string, number>;
  /** Cluster bit path, with a leading 1 bit as a length marker (0: no cluster). */
  readonly cluster: Uint32Array;
  /** 0..3: share of mid-sentence uses that are capitalised (<10%, <50%, <90%, more). */
  readonly capBucket: Uint8Array;
  /** The usual written form, or '' when it is the lower-cased form. */
  readonly form: readonly string[];
  /** Gazetteer: lower-cased, space-joined name -> class bits. */
  readonly gaz: ReadonlyMap<string, number>;
  /** First words (lower-cased) of gazetteer entries of two words or more. */
  readonly gazFirst: ReadonlySet<string>;
  /** Longest gazetteer entry, in words. */
  readonly gazMax: number;
}

/** The lexicon in the compact form the model file holds. */
export interface LexiconData {
  readonly words: string[];
  readonly cluster: Uint32Array;
  readonly capBucket: Uint8Array;
  readonly form: string[];
  readonly gazNames: string[];
  readonly gazMask: Uint8Array;
}

export function lexiconFromData(d: LexiconData): Lexicon {
  const vocab = new Map<string, number>();
  for (let i = 0; i < d.words.length; i++) vocab.set(d.words[i], i);
  const gaz = new Map<string, number>();
  const gazFirst = new Set<string>();
  let gazMax = 1;
  for (let i = 0; i < d.gazNames.length; i++) {
    const name = d.gazNames[i];
    gaz.set(name, d.gazMask[i]);
    const sp = name.indexOf(' ');
    if (sp > 0) {
      gazFirst.add(name.slice(0, sp));
      let n = 1;
      for (let k = sp; k >= 0; k = name.indexOf(' ', k + 1)) n++;
      if (n > gazMax) gazMax = n;
    }
  }
  return { vocab, cluster: d.cluster, capBucket: d.capBucket, form: d.form, gaz, gazFirst, gazMax: Math.min(gazMax, 6) };
}

/** Casing of a whole sentence: 0 mixed (normal), 1 all capitals, 2 all lower case. */
export type CaseMode = 0 | 1 | 2;

export function caseMode(words: readonly string[]): CaseMode {
  let upper = 0;
  let lower = 0;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 97 && c <= 122) lower++;
      else if (c >= 65 && c <= 90) upper++;
      else if (c > 127) {
        const ch = w[i];
        if (ch !== ch.toUpperCase()) lower++;
        else if (ch !== ch.toLowerCase()) upper++;
      }
    }
    if (upper && lower) return 0;
  }
  if (lower === 0 && upper > 0) return 1;
  if (upper === 0 && lower > 0) return 2;
  return 0;
}

const capFirst = (w: string): string => (w ? w[0].toUpperCase() + w.slice(1) : w);

/**
 * Restore the usual casing of a sentence written all in capitals or all in lower case, from
 * the lexicon's usual forms; words it does not know become Title-case in capitals (most are
 * names) and stay lower-case in lower-case text unless the gazetteer knows them as a name or
 * place. Sentences in mixed case come back unchanged.
 */
export function truecase(lex: Lexicon, words: readonly string[], mode: CaseMode = caseMode(words)): readonly string[] {
  if (mode === 0) return words;
  const out = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const low = w.toLowerCase();
    const idx = lex.vocab.get(low);
    let t: string;
    if (idx !== undefined) t = lex.form[idx] || low;
    else if (mode === 1) t = /\p{L}/u.test(w) ? capFirst(low) : w;
    else {
      const g = lex.gaz.get(low);
      t = g !== undefined && g & (GAZ.COUNTRY | GAZ.CITY | GAZ.GIVEN | GAZ.SURNAME | GAZ.DEMONYM) ? capFirst(low) : low;
    }
    if (i === 0) t = capFirst(t);
    out[i] = t;
  }
  return out;
}
