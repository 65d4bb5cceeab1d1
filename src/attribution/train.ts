/**
 * Training the attribution tagger (tagger.ts) from annotated articles, PolNeAR's converted
 * JSONL shape: each article's text is segmented with dossier's own segmenter, every token gets
 * the BIO label of the source, cue or content span it lies in, and an averaged structured
 * perceptron (Collins 2002) learns from the sentences. Deterministic for a given seed.
 */
import type { Span } from '../document/index.js';
import { mulberry32 } from '../ner/random.js';
import { segment } from '../segment/index.js';
import { flatten, type Tok } from './attribution.js';
import { buildLexicon, type CueLexicon } from './lexicon.js';
import { findQuotes } from './quotes.js';
import { BEGIN, featurise, L, makeTagger, SLOTS, tagSentence, viterbi, type Part, type TaggerModel } from './tagger.js';

/** An annotated article: text and attributions with their parts as (possibly discontinuous) spans. */
export interface TrainingArticle {
  readonly text: string;
  readonly attributions: readonly {
    readonly source: { readonly spans: readonly Span[] } | null;
    readonly cue: { readonly spans: readonly Span[] };
    readonly content: { readonly spans: readonly Span[] };
  }[];
}

export interface TrainAttributionOptions {
  readonly seed?: number;
  readonly epochs?: number;
  /** Features seen fewer times than this are dropped. */
  readonly minFeatureCount?: number;
  /** Sentences with no attribution part kept for training, as a share (the rest are skipped). */
  readonly negatives?: number;
  readonly lexicon?: CueLexicon;
  readonly log?: (line: string) => void;
}

/** A sentence ready for training: its tokens' feature keys and gold labels. */
interface Instance {
  readonly feats: Uint32Array;
  readonly gold: Uint8Array;
}

/**
 * Gold labels of the tokens of one article: for each token the BIO label of the part it lies
 * in (cue before source before content where parts overlap, which PolNeAR's univocal
 * annotation makes rare).
 * @example goldLabels(toks, article.attributions)
 */
export function goldLabels(toks: readonly Tok[], attributions: TrainingArticle['attributions']): Uint8Array {
  const labels = new Uint8Array(toks.length);
  const rank = new Uint8Array(toks.length);
  const starts = toks.map((t) => t.start);
  const first = (offset: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const mark = (part: Part, spans: readonly Span[], r: number): void => {
    for (const s of spans) {
      let begin = true;
      for (let i = first(s.start); i < toks.length && toks[i].start < s.end; i++) {
        if (rank[i] > r) {
          begin = true;
          continue;
        }
        // A token that starts a span, or follows a token outside it, begins a chunk.
        labels[i] = begin ? BEGIN[part] : BEGIN[part] + 1;
        rank[i] = r;
        begin = false;
      }
    }
  };
  for (const a of attributions) mark('content', a.content.spans, 1);
  for (const a of attributions) if (a.source) mark('source', a.source.spans, 2);
  for (const a of attributions) mark('cue', a.cue.spans, 3);
  // A chunk split across sentences begins again in each sentence.
  for (let i = 1; i < toks.length; i++) {
    const l = labels[i];
    if (l && (l & 1) === 0 && toks[i].s !== toks[i - 1].s) labels[i] = l - 1;
  }
  return labels;
}

/** The sentences of one article as (tokens, sentence ranges). */
export function articleTokens(text: string): { toks: Tok[]; ranges: [number, number][] } {
  const sentences = segment(text);
  const toks = flatten(sentences, findQuotes(text, sentences));
  const ranges: [number, number][] = [];
  let k = 0;
  for (const s of sentences) {
    ranges.push([k, k + s.tokens.length]);
    k += s.tokens.length;
  }
  return { toks, ranges };
}

/**
 * Train the tagger on annotated articles.
 * @example trainAttribution(readPolnear('train.jsonl'), { seed: 1, epochs: 8 })
 */
export function trainAttribution(articles: readonly TrainingArticle[], options: TrainAttributionOptions = {}): TaggerModel {
  const seed = options.seed ?? 1;
  const epochs = options.epochs ?? 8;
  const minCount = options.minFeatureCount ?? 2;
  const negatives = options.negatives ?? 1;
  const log = options.log ?? (() => {});
  const lex = options.lexicon ?? buildLexicon();
  const rnd = mulberry32(seed);
  const t0 = performance.now();
  const since = (): string => `${((performance.now() - t0) / 1000).toFixed(1)}s`;

  const inst: Instance[] = [];
  for (const art of articles) {
    const { toks, ranges } = articleTokens(art.text);
    const gold = goldLabels(toks, art.attributions);
    for (const [a, b] of ranges) {
      if (b <= a) continue;
      const g = gold.slice(a, b);
      if (negatives < 1 && !g.some((x) => x !== 0) && rnd() >= negatives) continue;
      inst.push({ feats: featurise(lex, toks, a, b), gold: g });
    }
  }
  let tokens = 0;
  const counts = new Map<number, number>();
  for (const x of inst) {
    tokens += x.gold.length;
    for (let k = 0; k < x.feats.length; k++) if (x.feats[k] !== 0) counts.set(x.feats[k], (counts.get(x.feats[k]) ?? 0) + 1);
  }
  const keyList = [...counts.entries()].filter(([, c]) => c >= minCount).map(([k]) => k).sort((x, y) => x - y);
  counts.clear();
  const idOf = new Map<number, number>();
  keyList.forEach((k, i) => idOf.set(k, i));
  const ids = inst.map((x) => Int32Array.from(x.feats, (k) => (k === 0 ? -1 : (idOf.get(k) ?? -1))));
  idOf.clear();
  const nF = keyList.length;
  log(`${inst.length} sentences, ${tokens} tokens, ${nF} features (${since()})`);

  const w = new Float32Array(nF * L);
  const u = new Float64Array(nF * L);
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  let c = 1;
  const order = Int32Array.from(inst.keys());
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let errors = 0;
    for (const idx of order) {
      const gold = inst[idx].gold;
      const f = ids[idx];
      const n = gold.length;
      const em = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        const eo = i * L;
        for (let s = 0; s < SLOTS; s++) {
          const id = f[i * SLOTS + s];
          if (id < 0) continue;
          const wo = id * L;
          for (let l = 0; l < L; l++) em[eo + l] += w[wo + l];
        }
      }
      const pred = viterbi(em, n, tw);
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = pred[i];
        if (g !== p) {
          errors++;
          for (let s = 0; s < SLOTS; s++) {
            const id = f[i * SLOTS + s];
            if (id < 0) continue;
            w[id * L + g] += 1;
            u[id * L + g] += c;
            w[id * L + p] -= 1;
            u[id * L + p] -= c;
          }
        }
        const pg = i === 0 ? L : gold[i - 1];
        const pp = i === 0 ? L : pred[i - 1];
        if (pg !== pp || g !== p) {
          tw[pg * L + g] += 1;
          tu[pg * L + g] += c;
          tw[pp * L + p] -= 1;
          tu[pp * L + p] -= c;
        }
      }
      c++;
    }
    log(`epoch ${epoch}: ${errors} token errors of ${tokens} (${since()})`);
  }
  const aw = new Float32Array(nF * L);
  for (let i = 0; i < aw.length; i++) aw[i] = w[i] - u[i] / c;
  const at = new Float32Array(tw.length);
  for (let i = 0; i < at.length; i++) at[i] = tw[i] - tu[i] / c;
  return makeTagger(Uint32Array.from(keyList), aw, at, { seed, epochs, minFeatureCount: minCount, negatives, articles: articles.length, sentences: inst.length });
}

/** Token accuracy and per-part chunk F1 of a tagger on annotated articles (for the training log). */
export function tagScore(model: TaggerModel, articles: readonly TrainingArticle[], lex: CueLexicon = buildLexicon()): Record<Part, number> {
  const tp = { source: 0, cue: 0, content: 0 };
  const np = { source: 0, cue: 0, content: 0 };
  const ng = { source: 0, cue: 0, content: 0 };
  const parts: Part[] = ['source', 'cue', 'content'];
  for (const art of articles) {
    const { toks, ranges } = articleTokens(art.text);
    const gold = goldLabels(toks, art.attributions);
    for (const [a, b] of ranges) {
      const pred = tagSentence(model, lex, toks, a, b);
      const key = (lab: ArrayLike<number>, off: number): Map<string, Part> => {
        const m = new Map<string, Part>();
        let i = 0;
        while (i < b - a) {
          const l = lab[off + i];
          if (!l) {
            i++;
            continue;
          }
          let j = i + 1;
          while (j < b - a && lab[off + j] === ((l & 1) ? l + 1 : l)) j++;
          m.set(`${i}-${j}-${(l - 1) >> 1}`, parts[(l - 1) >> 1]);
          i = j;
        }
        return m;
      };
      const g = key(gold, a);
      const p = key(pred, 0);
      for (const [k, part] of p) {
        np[part]++;
        if (g.has(k)) tp[part]++;
      }
      for (const part of g.values()) ng[part]++;
    }
  }
  const f = (p: Part): number => (np[p] + ng[p] ? (2 * tp[p]) / (np[p] + ng[p]) : 0);
  return { source: f('source'), cue: f('cue'), content: f('content') };
}
