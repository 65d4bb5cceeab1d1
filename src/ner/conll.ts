/**
 * CoNLL-2003 reading and conlleval-style scoring.
 *
 * Reads the `token POS chunk NER` layout (any number of columns; the first is the word
 * and the last the tag), in IOB1 (`I-` everywhere, `B-` only between two touching
 * entities of one type) or IOB2 (`B-` at every entity start), also BIOES/BILOU tags.
 * Entities are compared by exact (type, start, end), as conlleval does.
 */
import { DossierError } from '../errors.js';

/** One sentence of a CoNLL file: its words and the tag of each word. */
export interface ConllSentence {
  readonly words: readonly string[];
  readonly tags: readonly string[];
  /** Index of the `-DOCSTART-` document the sentence is in (0 when the file has none). */
  readonly doc: number;
}

/** An entity chunk over token indices, `end` exclusive. */
export interface Chunk {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Parse CoNLL text into sentences. Blank lines end sentences; `-DOCSTART-` lines start documents.
 *
 * @example
 * parseConll('EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n') // [{ words: ['EU', 'rejects'], tags: ['I-ORG', 'O'], doc: 0 }]
 */
export function parseConll(text: string, name = 'input'): ConllSentence[] {
  const out: ConllSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let doc = 0;
  let seenDoc = false;
  const flush = (): void => {
    if (words.length) out.push({ words, tags, doc });
    words = [];
    tags = [];
  };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      if (seenDoc) doc++;
      seenDoc = true;
      continue;
    }
    if (cols.length < 2) {
      throw new DossierError('E_DATA', `${name}:${n + 1}: expected "word ... TAG" (CoNLL columns separated by spaces), got ${JSON.stringify(line)}.`);
    }
    const tag = cols[cols.length - 1];
    if (tag !== 'O' && !/^[BIESLU]-\S+$/.test(tag)) {
      throw new DossierError('E_DATA', `${name}:${n + 1}: ${JSON.stringify(tag)} is not an IOB tag (O, I-TYPE, B-TYPE). Is the NER tag the last column?`);
    }
    words.push(cols[0]);
    tags.push(tag);
  }
  flush();
  return out;
}

/**
 * Entity chunks from IOB1, IOB2, IOBES or BILOU tags, by conlleval's rules: a chunk starts at
 * `B-`/`S-`/`U-`, or at `I-`/`E-`/`L-` whose type differs from the previous tag's (or after `O`),
 * and ends before a tag that starts a chunk, an `O` or a type change.
 *
 * @example
 * chunks(['I-PER', 'I-PER', 'B-PER', 'O']) // [{type:'PER',start:0,end:2},{type:'PER',start:2,end:3}]
 */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let type = '';
  let start = -1;
  let prevPrefix = 'O';
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i] : 'O';
    const prefix = tag === 'O' ? 'O' : tag[0];
    const t = tag === 'O' ? '' : tag.slice(2);
    // Does a chunk end before this tag?
    const endsBefore =
      start >= 0 &&
      (prefix === 'O' || t !== type || prefix === 'B' || prefix === 'S' || prefix === 'U' || prevPrefix === 'E' || prevPrefix === 'L' || prevPrefix === 'S' || prevPrefix === 'U');
    if (endsBefore) {
      out.push({ type, start, end: i });
      start = -1;
    }
    if (prefix !== 'O' && start < 0) {
      start = i;
      type = t;
    }
    prevPrefix = prefix;
  }
  return out;
}

/** Chunks to IOB2 tags (B- at every start). */
export function chunksToBio(n: number, cs: readonly Chunk[]): string[] {
  const tags = new Array<string>(n).fill('O');
  for (const c of cs) for (let i = c.start; i < c.end; i++) tags[i] = (i === c.start ? 'B-' : 'I-') + c.type;
  return tags;
}

/** Precision, recall and F1. */
export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** What {@link score} returns: overall and per-type P/R/F1 plus the raw counts. */
export interface NerScore extends Prf {
  readonly types: Readonly<Record<string, Prf & { readonly gold: number; readonly predicted: number; readonly correct: number }>>;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
  readonly tokens: number;
}

const prf = (correct: number, predicted: number, gold: number): Prf => {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
};

/**
 * conlleval's exact-match entity scores over sentences of gold and predicted tags.
 *
 * @example
 * score([['I-PER','O']], [['B-PER','O']]).f1 // 1
 */
export function score(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): NerScore {
  if (gold.length !== predicted.length) throw new DossierError('E_INTERNAL', `internal error: ${gold.length} gold sentences but ${predicted.length} predicted`);
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const get = (t: string) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { gold: 0, predicted: 0, correct: 0 }));
    return c;
  };
  let tokens = 0;
  for (let s = 0; s < gold.length; s++) {
    tokens += gold[s].length;
    const g = chunks(gold[s]);
    const p = chunks(predicted[s]);
    const gk = new Set(g.map((c) => `${c.type}\t${c.start}\t${c.end}`));
    for (const c of g) get(c.type).gold++;
    for (const c of p) {
      const k = get(c.type);
      k.predicted++;
      if (gk.has(`${c.type}\t${c.start}\t${c.end}`)) k.correct++;
    }
  }
  let G = 0;
  let P = 0;
  let C = 0;
  const types: Record<string, Prf & { gold: number; predicted: number; correct: number }> = {};
  for (const t of [...counts.keys()].sort()) {
    const c = counts.get(t)!;
    G += c.gold;
    P += c.predicted;
    C += c.correct;
    types[t] = { ...prf(c.correct, c.predicted, c.gold), ...c };
  }
  return { ...prf(C, P, G), types, gold: G, predicted: P, correct: C, tokens };
}
