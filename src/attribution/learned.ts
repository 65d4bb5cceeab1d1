/**
 * Attributions from the trained tagger: the tagged chunks of each sentence grouped around
 * their cues, and the combination with the rules' drafts.
 */
import type { Span } from '../document/index.js';
import type { Ctx, Draft, Tok } from './attribution.js';
import { contentStop, cueStart, fixedDraft, OUTLET_VERBS, quotesIn, tokAt, trimRange } from './attribution.js';
import { tagSpans } from './span.js';
import { chunksOf, L, sentenceEmissions, viterbi, wordFeatures, type Word, type Chunk, type TaggerModel } from './tagger.js';

/** Longest gap between two content chunks of one group that is closed when no cue or source lies in it. */
const MAX_GAP = 40;

interface Group {
  cue: Chunk;
  confidence: number;
  sources: Chunk[];
  contents: Chunk[];
  s: number;
}

function worthTagging(words: readonly Word[], ctx: Ctx, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const t = ctx.toks[i];
    if (t.q >= 0 || t.text === ':' || words[i].cls !== 0) return true;
  }
  return false;
}

/** The word attributes of every token of the document for a model's cluster table, made once per table. */
function docWords(ctx: Ctx, model: TaggerModel): Word[] {
  const hit = ctx.words;
  if (hit && hit.clusters === model.clusters) return hit.words;
  const words = wordFeatures(ctx.lex, ctx.toks, 0, ctx.toks.length, model.clusters);
  ctx.words = { clusters: model.clusters, words };
  return words;
}

/** The sentence tagger's emission scores, shared (read only in the same sentence's turn). */
let emBuffer = new Float32Array(256 * L);

/** Token distance between two chunks (0 when they touch). */
const gap = (x: Chunk, y: Chunk): number => (x.end <= y.start ? y.start - x.end : y.end <= x.start ? x.start - y.end : 0);

/**
 * Tag every sentence and group its chunks: each source and content chunk goes to the nearest
 * cue of its sentence; content in a sentence without a cue continues the attribution of the
 * sentence before (or after) when the two contents touch.
 */
export function taggedDrafts(ctx: Ctx, model: TaggerModel, keepCueOnly = false): Draft[] {
  const { toks } = ctx;
  const groups: Group[] = [];
  const orphans: { s: number; chunk: Chunk }[] = [];
  // Each token's word attributes, looked up once for the document.
  const words = docWords(ctx, model);
  for (let s = 0; s < ctx.sentences.length; s++) {
    const a = ctx.sentStart[s];
    const b = ctx.sentEnd[s];
    if (b <= a) continue;
    // A sentence with no cue-like word, colon or quote holds no attribution the tagger finds
    // often enough to pay for tagging it.
    if (!worthTagging(words, ctx, a, b)) continue;
    if (emBuffer.length < (b - a) * L) emBuffer = new Float32Array(2 * (b - a) * L);
    const em = sentenceEmissions(model, ctx.lex, toks, a, b, words.slice(a, b), emBuffer);
    const labels = viterbi(em, b - a, model.trans);
    let any = false;
    for (let i = 0; i < labels.length; i++) if (labels[i]) ((any = true), (i = labels.length));
    if (!any) continue;
    const chunks = chunksOf(labels).map((c) => ({ part: c.part, start: c.start + a, end: c.end + a }));
    const cues = chunks.filter((c) => c.part === 'cue');
    if (!cues.length) {
      for (const c of chunks) if (c.part === 'content') orphans.push({ s, chunk: c });
      continue;
    }
    // How sure the tagger is of a cue: the mean margin of its labels over O.
    const sure = (c: Chunk): number => {
      let m = 0;
      for (let i = c.start; i < c.end; i++) m += em[(i - a) * L + labels[i - a]] - em[(i - a) * L];
      return m / (c.end - c.start);
    };
    const mine = cues.map((cue) => ({ cue, sources: [] as Chunk[], contents: [] as Chunk[], s, confidence: sure(cue) }));
    for (const c of chunks) {
      if (c.part === 'cue') continue;
      // The nearest cue: the last one starting before the chunk or the first after (cues are in order).
      let lo = 0;
      let hi = mine.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (mine[mid].cue.start < c.start) lo = mid + 1;
        else hi = mid;
      }
      let best = Math.min(lo, mine.length - 1);
      if (lo > 0 && gap(c, mine[lo - 1].cue) <= gap(c, mine[best].cue)) best = lo - 1;
      (c.part === 'source' ? mine[best].sources : mine[best].contents).push(c);
    }
    groups.push(...mine);
  }
  // Contents of sentences with no cue continue a neighbour's attribution when they touch it:
  // forwards (a quote or a colon-introduced content running on), then backwards (a quote of
  // several sentences before "he said").
  const isW = (i: number): boolean => /^[\p{L}\p{N}]/u.test(toks[i].text);
  const startsAt = (c: Chunk, s: number): boolean => {
    let i = ctx.sentStart[s];
    while (i < c.start && !isW(i)) i++;
    return c.start <= i;
  };
  const endsAt = (end: number, s: number): boolean => {
    let i = ctx.sentEnd[s];
    while (i > end && !isW(i - 1)) i--;
    return end >= i;
  };
  const bySentence = new Map<number, Group[]>();
  for (const g of groups) (bySentence.get(g.s) ?? bySentence.set(g.s, []).get(g.s)!).push(g);
  const reach = (g: Group): number => Math.max(g.cue.end, ...g.contents.map((c) => c.end));
  const left: { s: number; chunk: Chunk }[] = [];
  let open: Group | null = null;
  let openS = -2;
  for (const o of orphans) {
    if (openS !== o.s - 1) {
      const prev = bySentence.get(o.s - 1) ?? [];
      open = prev.length && endsAt(reach(prev[prev.length - 1]), o.s - 1) ? prev[prev.length - 1] : null;
    }
    if (open && startsAt(o.chunk, o.s) && openS !== o.s) {
      open.contents.push(o.chunk);
      open = endsAt(o.chunk.end, o.s) ? open : null;
      openS = o.s;
    } else left.push(o);
  }
  for (let k = left.length - 1; k >= 0; k--) {
    const o = left[k];
    const next = bySentence.get(o.s + 1) ?? [];
    const g = next.find((x) => x.contents.some((c) => startsAt(c, o.s + 1)));
    if (g && endsAt(o.chunk.end, o.s)) {
      g.contents.push(o.chunk);
      const here = bySentence.get(o.s) ?? bySentence.set(o.s, []).get(o.s)!;
      if (!here.includes(g)) here.push(g);
    }
  }
  // Sources and cues split a content; where nothing of them lies between two content chunks
  // of one group, the chunks are one content with a gap the tagger missed.
  const marks = new Uint8Array(toks.length);
  for (const g of groups) {
    for (let i = g.cue.start; i < g.cue.end; i++) marks[i] = 1;
    for (const c of g.sources) for (let i = c.start; i < c.end; i++) marks[i] = 1;
  }
  const out: Draft[] = [];
  for (const g of groups) {
    if (!g.contents.length && !keepCueOnly) continue;
    g.contents.sort((x, y) => x.start - y.start);
    const merged: Chunk[] = [];
    for (const c of g.contents) {
      const last = merged[merged.length - 1];
      let clear = last !== undefined && c.start - last.end <= MAX_GAP;
      for (let i = last ? last.end : 0; clear && i < c.start; i++) if (marks[i]) clear = false;
      if (clear) merged[merged.length - 1] = { part: 'content', start: last.start, end: c.end };
      else merged.push(c);
    }
    g.contents = merged;
    const content = joinSpans(ctx, g.contents.map((c) => trimRange(toks, c.start, c.end)).filter((x): x is Span => x !== null));
    // A cue with no content is kept only for the span tagger to find its content.
    if (!content.length && !(keepCueOnly && !g.contents.length)) continue;
    let source: Span | null = null;
    if (g.sources.length) {
      let best = g.sources[0];
      for (const c of g.sources) if (gap(c, g.cue) < gap(best, g.cue)) best = c;
      source = trimRange(toks, best.start, best.end, false);
    }
    const cue = trimRange(toks, g.cue.start, g.cue.end, false) ?? { start: toks[g.cue.start].start, end: toks[g.cue.end - 1].end };
    out.push({ source, cue: [cue], content, rule: 'attribution/tagger', head: g.cue.start, sentence: g.s, quotes: quotesIn(ctx, content), confidence: g.confidence, subject: undefined });
  }
  return out;
}

/** Join spans separated only by white space (a content running over sentences is one span). */
function joinSpans(ctx: Ctx, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start >= last.end && /^\s*$/.test(ctx.text.slice(last.end, s.start))) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else if (last && s.start < last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push(s);
  }
  return out;
}

const overlaps = (xs: readonly Span[], ys: readonly Span[]): boolean => xs.some((x) => ys.some((y) => x.start < y.end && y.start < x.end));
const partsOf = (d: Draft): Span[] => [...d.cue, ...d.content, ...(d.source ? [d.source] : [])];

/**
 * All of `primary`, plus the drafts of `secondary` whose cue lies outside every primary
 * attribution and whose content does not overlap a primary content.
 */
export function combineDrafts(primary: readonly Draft[], secondary: readonly Draft[]): Draft[] {
  const out = [...primary];
  const nearOf = nearFinder(primary);
  for (const d of secondary) {
    const near = nearOf(d);
    if (near.some((p) => overlaps(d.cue, partsOf(p)) || overlaps(d.content, p.content) || overlaps(d.content, p.cue))) continue;
    out.push(d);
  }
  return out;
}

export type { Tok };

/** Drafts further apart than this (cue tokens) cannot meet: contents are at most 250 tokens a sentence. */
const NEAR = 600;

/** Drafts near a draft (by cue token; contents are bounded), found by halving. */
function nearFinder(drafts: readonly Draft[]): (d: Draft) => Draft[] {
  const sorted = [...drafts].sort((x, y) => x.head - y.head);
  return (d) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].head < d.head - NEAR) lo = mid + 1;
      else hi = mid;
    }
    const res: Draft[] = [];
    for (let k = lo; k < sorted.length && sorted[k].head <= d.head + NEAR; k++) res.push(sorted[k]);
    return res;
  };
}

/**
 * Whether a tagged source is the object of a preposition that follows the rules' source ("X on
 * his Facebook page posted ..."): a subject never stands in a prepositional phrase, so the
 * rules' subject stays.
 */
function inPhraseAfter(ctx: Ctx, rules: Span | null, tagged: Span | null): boolean {
  if (!rules || !tagged || rules.end > tagged.start) return false;
  let k = tokAt(ctx, tagged.start) - 1;
  // "on her Facebook page": the determiner or possessive the tagger left out.
  while (k >= 0 && OPENERS.has(ctx.toks[k].lower) && ctx.toks[k].start >= rules.end) k--;
  const p = ctx.toks[k];
  return k >= 0 && p.start >= rules.end && PLACE_PREPOSITIONS.has(p.text);
}

/** Determiners and possessives that open a noun phrase. */
const OPENERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'my', 'our', 'your', 'this', 'that']);
/**
 * Prepositions of place, time and channel ("on his page", "in an interview"); not those that
 * also open a clause ("after X said", "since", "as", "with X backing") or a passive's agent ("by").
 */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'in', 'at', 'from', 'through', 'into', 'during', 'within', 'via', 'across', 'over', 'under', 'onto', 'throughout', 'among', 'around', 'near', 'inside', 'outside']);

/** Which side gives each part when a rule draft and a tagger draft share a cue. */
export interface FuseChoice {
  /** `refine`: the tagger's source where it overlaps the rules' (a boundary fix) or the rules found none. */
  readonly source: 'rules' | 'tagger' | 'refine';
  readonly cue: 'rules' | 'tagger';
  /** `union`: the words of both contents. */
  readonly content: 'rules' | 'tagger' | 'union';
}

/**
 * Rules and tagger together: a rule draft and a tagger draft whose cues overlap become one
 * attribution, each part taken from the side `choice` names (a missing part from the other);
 * a tagger draft whose cue lies in a rule draft's parts gives way; one whose content runs into
 * a rule draft's content or cue keeps only its content outside it; the rest of both sides
 * stand (tagger drafts only with a cue margin of `minConfidence` or more).
 */
export function fuseDrafts(ctx: Ctx, rules: readonly Draft[], tagged: readonly Draft[], choice: FuseChoice, minConfidence = 0): Draft[] {
  const out: Draft[] = [];
  const used = new Set<Draft>();
  const near = nearFinder(rules);
  const extra: Draft[] = [];
  for (const t of tagged) {
    const around = near(t);
    const twin = around.find((r) => !used.has(r) && overlaps(r.cue, t.cue));
    if (twin) {
      used.add(twin);
      const pick = <K extends 'source' | 'content'>(k: K): Draft[K] => {
        const first = choice[k] === 'tagger' ? t : twin;
        const second = first === twin ? t : twin;
        return (k === 'source' ? (first.source ?? second.source) : first.content.length ? first.content : second.content) as Draft[K];
      };
      // The special frames know their source ("according to X", "in his view").
      let source = FRAMES.has(twin.rule) ? twin.source : choice.source !== 'refine' ? pick('source') : !twin.source || (t.source && overlaps([twin.source], [t.source])) ? (t.source ?? twin.source) : twin.source;
      if (source === t.source && inPhraseAfter(ctx, twin.source, t.source)) source = twin.source;
      const cueFrom = choice.cue === 'rules' ? twin : t;
      const content = choice.content === 'union' ? [...twin.content, ...t.content] : pick('content');
      const quotes = choice.content === 'rules' ? twin.quotes : choice.content === 'tagger' ? t.quotes : [...new Set([...twin.quotes, ...t.quotes])];
      out.push({ source, cue: cueFrom.cue, content, rule: `${twin.rule}+tagger`, head: twin.head, sentence: twin.sentence, quotes, confidence: t.confidence, subject: twin.source });
      continue;
    }
    if (around.some((r) => overlaps(t.cue, partsOf(r)))) continue;
    if ((t.confidence ?? 0) < minConfidence) continue;
    // "with a view to", "with an eye to": a purpose, not a view someone holds.
    if (purposeIdiom(ctx, t.cue[0])) continue;
    // A content that runs into a rule attribution's (a quote the rules gave to the next
    // speaker) keeps what lies outside it; nothing left, the tagger draft gives way.
    const taken = around.flatMap((r) => (overlaps(t.content, r.content) || overlaps(t.content, r.cue) ? [...r.content, ...r.cue] : []));
    if (taken.length) {
      const rest = subtract(t.content, taken).filter((c) => /[\p{L}\p{N}]/u.test(ctx.text.slice(c.start, c.end)));
      if (!rest.length) continue;
      extra.push(withCueStart(ctx, { ...fixedDraft(t), content: rest, quotes: t.quotes.filter((q) => overlaps([q], rest)) }));
      continue;
    }
    extra.push(withCueStart(ctx, t));
  }
  for (const r of rules) if (!used.has(r)) out.push(r);
  return [...out, ...extra];
}

/**
 * A tagger draft's cue with the auxiliaries, negation and adverbs before it that the rules
 * put in a cue ("he's claiming", "has been steadily pounding"), not reaching into its source
 * or content.
 */
function withCueStart(ctx: Ctx, d: Draft): Draft {
  const { toks } = ctx;
  const first = d.cue[0];
  const i = tokAt(ctx, first.start);
  if (i >= toks.length) return d;
  let a = ctx.sentStart[toks[i].s];
  for (const p of d.source ? [d.source, ...d.content] : d.content) {
    if (p.end > first.start) continue;
    const k = tokAt(ctx, p.end - 1) + 1;
    if (k > a) a = k;
  }
  const cs = cueStart(ctx, i, a);
  return cs < i ? { ...d, cue: [{ start: toks[cs].start, end: first.end }, ...d.cue.slice(1)], head: d.head } : d;
}

/**
 * Whether the tagged contents (all before the cue) end with words left before the source or cue
 * that follows them, where the draft's own content reaches that source or cue.
 */
function strandsWords(ctx: Ctx, tagged: readonly Span[], d: Draft, source: Span | null): boolean {
  const cueStart = d.cue[0].start;
  const end = Math.max(...tagged.map((c) => c.end));
  if (end > cueStart || d.content.some((c) => c.end > cueStart)) return false;
  const next = source && source.start >= end && source.end <= cueStart ? source.start : cueStart;
  const words = (from: number): boolean => /[\p{L}\p{N}]/u.test(ctx.text.slice(from, next));
  const own = Math.max(...d.content.map((c) => c.end));
  return words(end) && !words(own);
}

/** The parts of `spans` outside every span of `cut` (both in text order or not). */
function subtract(spans: readonly Span[], cut: readonly Span[]): Span[] {
  let out = [...spans];
  for (const c of cut) {
    const next: Span[] = [];
    for (const s of out) {
      if (c.end <= s.start || s.end <= c.start) next.push(s);
      else {
        if (s.start < c.start) next.push({ start: s.start, end: c.start });
        if (c.end < s.end) next.push({ start: c.end, end: s.end });
      }
    }
    out = next;
  }
  return out;
}

/** How far (tokens) before and after its cue the span tagger looks. */
const SPAN_BEFORE = 60;
const SPAN_AFTER = 120;

/**
 * Whether a cue is the noun of an English idiom of purpose, "with a view to", "with an eye to"
 * ("with a view to settlement" = in order to settle): no view anyone holds. (Other nouns in that
 * frame may be cues: "with a promise to cut taxes".)
 */
export function purposeIdiom(ctx: Ctx, cue: Span): boolean {
  const toks = ctx.toks;
  let k = tokAt(ctx, cue.start);
  if (/^(?:a|an)$/.test(toks[k]?.lower ?? '')) k++;
  return /^(?:a|an)$/.test(toks[k - 1]?.lower ?? '') && toks[k - 2]?.lower === 'with' && /^(?:view|eye)$/.test(toks[k]?.lower ?? '') && /^(?:to|towards|toward)$/.test(toks[k + 1]?.lower ?? '');
}

/** Rules whose parts the span tagger leaves alone. */
export const FRAMES: ReadonlySet<string> = new Set(['attribution/according-to', 'attribution/according-to-which', 'attribution/in-view', 'attribution/as-reported-by', 'attribution/as-x-said',
  'attribution/quote-continues', 'attribution/the-following', 'attribution/passive-by', 'attribution/this-was-said-by', 'attribution/colon', 'attribution/elliptic-subject', 'attribution/impersonal-passive', 'attribution/noun-that', 'attribution/speaker-label', 'attribution/said-within', 'attribution/dash-signature']);

/** Which parts the span tagger sets on each attribution. */
export type SpanChoice = 'both' | 'source' | 'content' | 'none';

/**
 * Re-tag the source and content of each draft with the cue-conditioned span tagger (span.ts)
 * in its cue's sentence: where it finds a part, that part replaces the draft's within the
 * sentence (content outside the sentence, such as a quote running on, stays).
 */
export function refineDrafts(ctx: Ctx, model: TaggerModel, drafts: readonly Draft[], choice: SpanChoice): Draft[] {
  if (choice === 'none') return [...drafts];
  const { toks } = ctx;
  let words: Word[] | undefined;
  return drafts.map((d) => {
    // The special frames ("according to", "in his view", a colon, a quote going on) know their parts.
    const base = d.rule.replace(/\+tagger$/, '');
    if (FRAMES.has(base)) return d;
    // An outlet credited after its verb (", reports RIA Novosti.", ", writes the newspaper X.": the
    // verbs mostly nouns or rare cues in the news the span tagger learned from) keeps the rules' parts.
    if (base === 'attribution/said-before-source' && OUTLET_VERBS.has(toks[d.head]?.lower ?? '')) return d;
    const quoted = d.quotes.length > 0 && d.content.length > 0 && d.content.every((c) => d.quotes.some((q) => q.start <= c.start + 1 && c.end <= q.end + 1));
    const first = d.cue[0];
    const last = d.cue[d.cue.length - 1];
    const cs = tokAt(ctx, first.start);
    let ce = tokAt(ctx, last.end - 1) + 1;
    if (cs >= toks.length || toks[cs].s !== toks[ce - 1].s) return d;
    const s = toks[cs].s;
    // The sentence, cut to a window around the cue so that the work per cue is bounded.
    const a = Math.max(ctx.sentStart[s], cs - SPAN_BEFORE);
    const b = Math.min(ctx.sentEnd[s], ce + SPAN_AFTER);
    if (ce > b) ce = b;
    words ??= docWords(ctx, model);
    const labels = tagSpans(model, ctx.lex, toks, a, b, cs, ce, words.slice(a, b));
    const chunks = chunksOf(labels).map((c) => ({ part: c.part, start: c.start + a, end: c.end + a }));
    const out: Draft = fixedDraft(d);
    if (choice === 'both' || choice === 'source') {
      const sources = chunks.filter((c) => c.part === 'source');
      if (sources.length) {
        let best = sources[0];
        const cue: Chunk = { part: 'cue', start: cs, end: ce };
        for (const c of sources) if (gap(c, cue) < gap(best, cue)) best = c;
        const tagged = trimRange(toks, best.start, best.end, false);
        const subject = d.subject !== undefined ? d.subject : d.source;
        out.source = tagged && !inPhraseAfter(ctx, subject, tagged) ? tagged : tagged && subject ? subject : d.source;
      }
    }
    if ((choice === 'both' || choice === 'content') && !quoted) {
      const contents = chunks.filter((c) => c.part === 'content');
      if (contents.length) {
        const lo = toks[a].start;
        const hi = toks[b - 1].end;
        // Where the rules end a content after the cue (", adding", "... and warned"), so does the tagger's.
        let stop = b;
        for (let m = ce; m < b; m++) if (contentStop(ctx, m, d.head)) ((stop = m), (m = b));
        const inside = contents.map((c) => trimRange(toks, c.start, Math.min(c.end, stop))).filter((x): x is Span => x !== null);
        // Content outside the sentence stays (a quote running on), clipped at the sentence.
        const outside: Span[] = [];
        for (const c of d.content) {
          if (c.start < lo) outside.push({ start: c.start, end: Math.min(c.end, lo) });
          if (c.end > hi) outside.push({ start: Math.max(c.start, hi), end: c.end });
        }
        // A content before its source and cue runs up to them ("A is B, X said."): one the tagger
        // ends earlier, leaving words that belong to no part, gives way to the rules' that does not.
        if (inside.length && !strandsWords(ctx, inside, d, out.source)) out.content = joinSpans(ctx, [...outside, ...inside].sort((x, y) => x.start - y.start));
      }
    }
    return out;
  });
}

