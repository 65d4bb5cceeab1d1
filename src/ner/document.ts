/**
 * Document-level consistency: a name is usually of one type throughout an article
 * ("Magna ... Ontario-based Magna ... Magna 's"). After tagging each sentence, every name's type
 * is set to the type the document mostly gives that same string, and single capitalised words the
 * tagger left out are tagged where the document names that word consistently elsewhere.
 */
import { chunks, chunksToBio, type Chunk } from './conll.js';

export interface ConsistencyOptions {
  /** Votes a word gets from the longer names it is part of (exact-string votes count 1). */
  readonly partVote?: number;
  /** Tag a left-out capitalised word when the document names it this many times with one type. */
  readonly fillMin?: number;
}

/** A word with a capital first and a lower-case letter ("Magna"; not "NATO"). A word that starts with an ASCII character other than a capital is answered without a regular expression. */
const isCapitalised = (w: string): boolean => {
  const c = w.charCodeAt(0);
  if (c < 128 && (c < 65 || c > 90)) return false;
  return /^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w);
};

/** Make the types of repeated names agree within a document; returns new IOB2 tags. */
export function harmonise(sentences: readonly (readonly string[])[], tags: readonly (readonly string[])[], options: ConsistencyOptions = {}): string[][] {
  return harmoniseChunks(sentences, tags.map((t) => chunks(t)), options).map((out, s) => chunksToBio(sentences[s].length, out));
}

/**
 * {@link harmonise} on each sentence's names as chunks, giving chunks: sorted and apart, so that
 * they are the chunks of the tags `harmonise` returns.
 */
export function harmoniseChunks(sentences: readonly (readonly string[])[], cs: readonly (readonly Chunk[])[], options: ConsistencyOptions = {}): Chunk[][] {
  const partVote = options.partVote ?? 1;
  const fillMin = options.fillMin ?? 2;
  const votes = new Map<string, Map<string, number>>();
  const vote = (key: string, type: string, w: number): void => {
    let m = votes.get(key);
    if (!m) votes.set(key, (m = new Map()));
    m.set(type, (m.get(type) ?? 0) + w);
  };
  // Each name's words joined by spaces, per sentence and chunk (made once: the names vote, then are read).
  const names: string[][] = cs.map((list, s) => {
    return list.map((c) => {
      const words = sentences[s].slice(c.start, c.end);
      const name = words.join(' ');
      vote(name, c.type, 1);
      if (words.length > 1) for (const w of words) if (isCapitalised(w) && w.length > 2) vote(w, c.type, partVote);
      return name;
    });
  });
  // The votes are all in: each string's best type is worked out once.
  const bests = new Map<string, { type: string; share: number; total: number } | undefined>();
  const best = (key: string): { type: string; share: number; total: number } | undefined => {
    if (bests.has(key)) return bests.get(key);
    const b = bestOf(key);
    bests.set(key, b);
    return b;
  };
  const bestOf = (key: string): { type: string; share: number; total: number } | undefined => {
    const m = votes.get(key);
    if (!m) return undefined;
    let type = '';
    let top = -1;
    let total = 0;
    for (const [t, v] of [...m.entries()].sort()) {
      total += v;
      if (v > top) ((top = v), (type = t));
    }
    return { type, share: top / total, total };
  };
  return cs.map((list, s) => {
    const words = sentences[s];
    const covered = new Uint8Array(words.length);
    const out: Chunk[] = list.map((c, k) => {
      for (let i = c.start; i < c.end; i++) covered[i] = 1;
      const b = best(names[s][k]);
      return b && b.type !== c.type && b.share > 0.5 ? { ...c, type: b.type } : c;
    });
    for (let i = 1; i < words.length; i++) {
      if (covered[i] || !isCapitalised(words[i]) || words[i].length < 3) continue;
      if ((i > 0 && covered[i - 1]) || (i + 1 < words.length && covered[i + 1])) continue;
      const b = best(words[i]);
      if (b && b.share === 1 && b.total >= fillMin) out.push({ type: b.type, start: i, end: i + 1 });
    }
    out.sort((a, b) => a.start - b.start);
    return out;
  });
}
