/**
 * The averaged structured perceptron (Collins 2002) that trains both sequence taggers (the NER
 * model, `src/ner/train.ts`, and the attribution taggers, `src/attribution/train.ts`): shuffled
 * passes, first-order decoding, updates on wrong tokens and transitions, weights averaged at the
 * end. Deterministic for a given random source; the callers keep their own features, labels and
 * decoders.
 */

/** Hashed feature keys (`slots` per token, 0 for none) turned into dense ids, rare keys dropped. */
export interface FeatureIds {
  /** The kept keys in increasing order; a key's id is its index. */
  readonly keys: Uint32Array;
  /** Per instance, the id of each slot (-1: no feature or a dropped one). */
  readonly ids: Int32Array[];
}

/**
 * Keep the keys seen at least `minCount` times over all instances and number them in key order.
 * @example featureIds([Uint32Array.of(5, 0, 9)], 1) // { keys: [5, 9], ids: [[0, -1, 1]] }
 */
export function featureIds(feats: readonly Uint32Array[], minCount: number): FeatureIds {
  const counts = new Map<number, number>();
  for (const f of feats) for (let k = 0; k < f.length; k++) if (f[k] !== 0) counts.set(f[k], (counts.get(f[k]) ?? 0) + 1);
  const keyList = [...counts.entries()].filter(([, c]) => c >= minCount).map(([k]) => k).sort((x, y) => x - y);
  counts.clear();
  const idOf = new Map<number, number>();
  keyList.forEach((k, i) => idOf.set(k, i));
  const ids = feats.map((f) => Int32Array.from(f, (k) => (k === 0 ? -1 : (idOf.get(k) ?? -1))));
  idOf.clear();
  return { keys: Uint32Array.from(keyList), ids };
}

/** Averaged weights: `features × labels` emissions and `(labels + 1) × labels` transitions (the last row scores the first label). */
export interface PerceptronWeights {
  readonly weights: Float32Array;
  readonly trans: Float32Array;
}

export interface PerceptronOptions {
  /** Feature slots per token. */
  readonly slots: number;
  /** Number of labels. */
  readonly labels: number;
  /** Number of feature ids (`keys.length` of {@link featureIds}). */
  readonly features: number;
  readonly epochs: number;
  /** Shuffles the instances before each pass (consumed in a fixed order: deterministic). */
  readonly rnd: () => number;
  /** Best label sequence for `n` tokens of emission scores under the transition scores. */
  readonly decode: (em: Float64Array, n: number, trans: Float64Array) => Uint8Array;
  /** Per instance, an optional change of the emission scores before decoding (forced labels). */
  readonly force?: readonly (((em: Float64Array) => void) | undefined)[];
  /** After each pass: its token errors, the tokens seen, and the weights averaged so far on demand. */
  readonly onEpoch?: (epoch: number, errors: number, tokens: number, averaged: () => PerceptronWeights) => void;
}

/**
 * Train on instances given as feature ids (`slots` per token, from {@link featureIds}) and gold labels.
 * @example trainPerceptron(fi.ids, golds, { slots: 44, labels: 7, features: fi.keys.length, epochs: 10, rnd, decode: viterbi })
 */
export function trainPerceptron(ids: readonly Int32Array[], golds: readonly Uint8Array[], o: PerceptronOptions): PerceptronWeights {
  const NL = o.labels;
  const SL = o.slots;
  const nF = o.features;
  const w = new Float32Array(nF * NL);
  const u = new Float64Array(nF * NL);
  const tw = new Float64Array((NL + 1) * NL);
  const tu = new Float64Array((NL + 1) * NL);
  let c = 1;
  const order = Int32Array.from(golds.keys());
  const averaged = (): PerceptronWeights => {
    const aw = new Float32Array(nF * NL);
    for (let i = 0; i < aw.length; i++) aw[i] = w[i] - u[i] / c;
    const at = new Float32Array(tw.length);
    for (let i = 0; i < at.length; i++) at[i] = tw[i] - tu[i] / c;
    return { weights: aw, trans: at };
  };
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(o.rnd() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let errors = 0;
    let tokens = 0;
    for (const idx of order) {
      const gold = golds[idx];
      const f = ids[idx];
      const n = gold.length;
      tokens += n;
      const em = new Float64Array(n * NL);
      for (let i = 0; i < n; i++) {
        const eo = i * NL;
        for (let s = 0; s < SL; s++) {
          const id = f[i * SL + s];
          if (id < 0) continue;
          const wo = id * NL;
          for (let l = 0; l < NL; l++) em[eo + l] += w[wo + l];
        }
      }
      o.force?.[idx]?.(em);
      const pred = o.decode(em, n, tw);
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = pred[i];
        if (g !== p) {
          errors++;
          for (let s = 0; s < SL; s++) {
            const id = f[i * SL + s];
            if (id < 0) continue;
            w[id * NL + g] += 1;
            u[id * NL + g] += c;
            w[id * NL + p] -= 1;
            u[id * NL + p] -= c;
          }
        }
        const pg = i === 0 ? NL : gold[i - 1];
        const pp = i === 0 ? NL : pred[i - 1];
        if (pg !== pp || g !== p) {
          tw[pg * NL + g] += 1;
          tu[pg * NL + g] += c;
          tw[pp * NL + p] -= 1;
          tu[pp * NL + p] -= c;
        }
      }
      c++;
    }
    o.onEpoch?.(epoch, errors, tokens, averaged);
  }
  return averaged();
}
