/**
 * Restoring the Cyrillic of a transliterated word by inverting a scheme family's letter table:
 * a beam search over the ways to cut the Latin word into chunks, scoring each reading by
 * log P(Latin chunk | Cyrillic letters) plus a Cyrillic trigram model (a noisy channel), then a
 * check of the best readings against the Russian dictionary of `az`.
 */
import { BOUNDARY, cyrIndex } from './latin.js';
import { lmLogp, type SchemeFamily, type TranslitModel } from './model.js';
import { analyse, type Analysis } from './russian.js';

/** A reading of a Latin word in Cyrillic. */
export interface Reading {
  readonly cyrillic: string;
  readonly family: string;
  /** Channel plus language-model log-probability. */
  readonly score: number;
  /** What az says of it, when az is available. */
  readonly analysis?: Analysis;
}

interface Hyp {
  readonly cyr: string;
  readonly score: number;
  readonly a: number;
  readonly b: number;
}

export interface DecodeOptions {
  readonly beam?: number;
  readonly top?: number;
}

const maxChunk = (family: SchemeFamily): number => {
  let m = 1;
  for (const k of Object.keys(family.table)) m = Math.max(m, k.length);
  return m;
};
const maxChunks = new WeakMap<SchemeFamily, number>();

/**
 * The best Cyrillic readings of a normalised Latin word under one family, best first.
 * Empty when the family's table cannot cover the word.
 *
 * @example
 * decode(model, model.header.families[0], 'kupiruâ')[0].cyrillic // 'купируя'
 */
export function decode(model: TranslitModel, family: SchemeFamily, latin: string, options: DecodeOptions = {}): Reading[] {
  const beam = options.beam ?? 48;
  const top = options.top ?? 12;
  let longest = maxChunks.get(family);
  if (longest === undefined) {
    longest = maxChunk(family);
    maxChunks.set(family, longest);
  }
  const at: Hyp[][] = Array.from({ length: latin.length + 1 }, () => []);
  at[0].push({ cyr: '', score: 0, a: BOUNDARY, b: BOUNDARY });
  for (let i = 0; i < latin.length; i++) {
    const hyps = at[i];
    if (!hyps.length) continue;
    if (hyps.length > beam) {
      hyps.sort((x, y) => y.score - x.score);
      hyps.length = beam;
    }
    for (let len = 1; len <= longest && i + len <= latin.length; len++) {
      const options_ = family.table[latin.slice(i, i + len)];
      if (!options_) continue;
      for (const opt of options_) {
        const idx: number[] = [];
        for (const ch of opt.cyr) idx.push(cyrIndex(ch));
        if (idx.some((x) => x < 0)) continue;
        for (const h of hyps) {
          let s = h.score + opt.logp;
          let a = h.a;
          let b = h.b;
          for (const c of idx) {
            s += lmLogp(model, a, b, c);
            a = b;
            b = c;
          }
          at[i + len].push({ cyr: h.cyr + opt.cyr, score: s, a, b });
        }
      }
    }
  }
  const done = at[latin.length].map((h) => ({ cyr: h.cyr, score: h.score + lmLogp(model, h.a, h.b, BOUNDARY) }));
  done.sort((x, y) => y.score - x.score);
  const out: Reading[] = [];
  const seen = new Set<string>();
  for (const d of done) {
    if (seen.has(d.cyr)) continue;
    seen.add(d.cyr);
    out.push({ cyrillic: d.cyr, family: family.name, score: d.score });
    if (out.length >= top) break;
  }
  return out;
}

/**
 * The best reading of a word over all families: the best-scored reading that the Russian
 * dictionary knows, or, when none is known (or az is missing), the best-scored reading with
 * `analysis.known` false or no analysis.
 *
 * @example
 * restore(model, 'podportivšej')?.cyrillic // 'подпортившей'
 */
export function restore(model: TranslitModel, latin: string, options: DecodeOptions = {}): Reading | undefined {
  const readings: Reading[] = [];
  for (const family of model.header.families) readings.push(...decode(model, family, latin, options));
  if (!readings.length) return undefined;
  readings.sort((x, y) => y.score - x.score);
  const checked = new Map<string, Analysis | undefined>();
  let best: Reading | undefined;
  for (const r of readings) {
    let a = checked.get(r.cyrillic);
    if (!checked.has(r.cyrillic)) {
      a = analyse(r.cyrillic);
      checked.set(r.cyrillic, a);
    }
    if (a?.known) return { ...r, analysis: a };
    best ??= { ...r, ...(a ? { analysis: a } : {}) };
  }
  return best;
}
