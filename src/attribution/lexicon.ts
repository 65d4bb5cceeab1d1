import { LEARNED_CUE_WORDS } from './rules/learned-cues.js';
import { BELIEF_VERBS, HEARER_OUTSIDE, inflect, NOT_HEADS, SAY_VERBS, TELL_VERBS } from './rules/cues.js';

/** What a cue head is: a verb of saying, of belief, or one learned from annotated cues. */
export type CueClass = 'say' | 'tell' | 'belief' | 'learned';

export interface CueLexicon {
  /** Lower-case word form -> class. */
  readonly heads: ReadonlyMap<string, CueClass>;
  /** Forms that take a hearer as first object, outside what is said ("told reporters that"; not "urged voters to"). */
  readonly tell: ReadonlySet<string>;
}

export interface LexiconOptions {
  /** Minimum precision (in cue / occurrences outside contents) for a learned head. Default 0.4. */
  readonly minPrecision?: number;
  /** Minimum times seen in a cue for a learned head. Default 2. */
  readonly minCount?: number;
}

/**
 * Build the cue lexicon: general verbs of saying and belief in every inflection, plus
 * words that PolNeAR train annotates as cues with high precision.
 * @example buildLexicon().heads.get('stressed') === 'say'
 */
export function buildLexicon(options: Readonly<LexiconOptions> = {}): CueLexicon {
  const minPrecision = options.minPrecision ?? 0.4;
  const minCount = options.minCount ?? 2;
  const heads = new Map<string, CueClass>();
  for (const [w, c, t] of LEARNED_CUE_WORDS) {
    if (c >= minCount && c / t >= minPrecision && !NOT_HEADS.has(w) && !w.endsWith('ly') && /^[a-z]+$/.test(w)) heads.set(w, 'learned');
  }
  for (const lemma of BELIEF_VERBS) for (const f of inflect(lemma)) heads.set(f, 'belief');
  for (const lemma of SAY_VERBS) for (const f of inflect(lemma)) heads.set(f, 'say');
  const tell = new Set<string>();
  for (const lemma of TELL_VERBS) for (const f of inflect(lemma)) {
    if (HEARER_OUTSIDE.has(lemma)) tell.add(f);
    heads.set(f, 'tell');
  }
  // Inflections that are mostly other words.
  for (const w of ['post', 'posts', 'point', 'points', 'call', 'calls', 'answer', 'note', 'notes', 'state', 'states', 'report', 'reports',
    'plan', 'plans', 'hold', 'holds', 'holding', 'held', 'echo', 'quote', 'quotes', 'mean', 'means', 'meaning', 'aim', 'aims', 'hope',
    'fear', 'fears', 'claim', 'claims', 'promise', 'pledge', 'vow', 'charge', 'demand', 'demands', 'comment', 'comments', 'estimate', 'counter',
    'signal', 'label', 'brand', 'voice', 'continue', 'continues', 'continuing', 'continued', 'repeat', 'finding', 'reading', 'feeling',
    'understanding', 'thinking', 'speaking', 'seeking', 'planning', 'meaning', 'knowing', 'writing', 'reporting', 'stating', 'holding',
    'express', 'spell', 'advise', 'hint', 'hints', 'trust', 'wish', 'doubt', 'guess', 'know', 'knows', 'knew', 'see', 'find', 'feel', 'hold',
    'consider', 'expect', 'want', 'seek', 'imagine', 'understand', 'read', 'reads', 'speak', 'cite', 'ask', 'urge', 'warn', 'add', 'say', 'tell', 'stress', 'report']) {
    if (!LEARNED_CUE_WORDS.some(([f, c, t]) => f === w && c >= minCount && c / t >= minPrecision)) heads.delete(w);
  }
  return { heads, tell };
}
