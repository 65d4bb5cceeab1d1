import type { Attribution, AttributionKind, Document, Mention, Sentence, Span, Token } from '../document/index.js';
import { firstStartingAt } from '../document/index.js';
import { buildLexicon, type CueLexicon, type LexiconOptions } from './lexicon.js';
import { findQuotes, type Quote } from './quotes.js';
import { FRAMES, taggedDrafts, combineDrafts, fuseDrafts, refineDrafts, type FuseChoice, type SpanChoice } from './learned.js';
import { defaultModels } from './model.js';
import { confirmKeeps, type ConfirmModel } from './confirm.js';
import { LEARNED_CUE_PARTICLES, LEARNED_CUE_WORDS, LEARNED_PASSIVE_SOURCES } from './rules/learned-cues.js';
import type { Clusters, TaggerModel, Word } from './tagger.js';
import { CUE_PREFIX, CUE_SUFFIX_PHRASES, DETERMINERS, NOUN_CUES, NP_STOP, PARENTHETICAL, PREPOSITIONS, PRONOUNS } from './rules/cues.js';

/** Options of the attribution stage. */
export interface AttributionOptions extends LexiconOptions {
  /** Link a pronoun source to the previous attribution's speaker when compatible. Default true. */
  readonly chainPronouns?: boolean;
  /**
   * The trained tagger (tagger.ts) that finds attributions the rules miss and corrects their
   * boundaries; `null` runs the rules alone. Default: the shipped `models/attribution.bin`
   * when it is there.
   */
  readonly tagger?: TaggerModel | null;
  /** How rule and tagger output combine (default 'fuse': one attribution where both find a cue, plus what either finds alone). */
  readonly combine?: 'rules-first' | 'tagger-first' | 'rules' | 'tagger' | 'fuse';
  /** With `combine: 'fuse'`, which side gives each part of a shared attribution. Default: the tagger's source, the rules' cue and content. */
  readonly fuse?: FuseChoice;
  /** The cue-conditioned span tagger (span.ts); `null` leaves sources and contents as found. Default: the shipped one. */
  readonly spans?: TaggerModel | null;
  /** Which parts the span tagger sets (default 'both'). */
  readonly spanChoice?: SpanChoice;
  /** With `combine: 'fuse'`, the least cue margin (tagger.ts score units) for an attribution the tagger finds alone. Default 200. */
  readonly minConfidence?: number;
  /** The confirmation filter (confirm.ts); `null` keeps every draft. Default: the shipped one with the shipped tagger, none with another. */
  readonly confirm?: ConfirmModel | null;
  /** Added to the filter's threshold (negative keeps more). Default 0. */
  readonly confirmShift?: number;
}

/** One token of the document with its place. */
export interface Tok extends Token {
  readonly lower: string;
  /** Sentence index. */
  readonly s: number;
  /** Index of the quote it lies in (marks included), or -1. */
  readonly q: number;
  readonly upper: boolean;
}

/** A draft attribution before speaker resolution. */
export interface Draft {
  source: Span | null;
  cue: Span[];
  content: Span[];
  rule: string;
  /** Token index of the cue head, for ordering and nesting. */
  head: number;
  sentence: number;
  quotes: Quote[];
  /** The tagger's margin for its cue (tagger drafts only). */
  confidence?: number;
  /** The rules' source where a tagger's source replaced it (fusion), for the span tagger's check. */
  subject?: Span | null;
}

/**
 * A draft with every field set, in one order: the rules make drafts in many places, with and
 * without the optional fields, and objects of one shape keep the functions that read them all
 * (fusion, span refinement, nesting, the filter) free of polymorphic property loads.
 */
export function fixedDraft(d: Draft): Draft {
  return { source: d.source, cue: d.cue, content: d.content, rule: d.rule, head: d.head, sentence: d.sentence, quotes: d.quotes, confidence: d.confidence, subject: d.subject };
}

/** Chosen on PolNeAR dev and the seed article: the tagger's source boundaries are better; the rules' cue and content hold up better out of domain (machine translation). */
const DEFAULT_FUSE: FuseChoice = {source:'tagger',cue:'rules',content:'rules'};

const lexicons = new Map<string, CueLexicon>();
function lexiconFor(options: Readonly<LexiconOptions>): CueLexicon {
  const key = `${options.minPrecision ?? ''}/${options.minCount ?? ''}`;
  let lex = lexicons.get(key);
  if (!lex) {
    lex = buildLexicon(options);
    lexicons.set(key, lex);
  }
  return lex;
}

/** The longest content taken from one sentence, in tokens (bounds the work per cue). */
const MAX_CONTENT = 250;
const UPPER_START = /^\p{Lu}/u;
const PUNCT_END = /^[.!?…,;:]+$/u;
/** Punctuation that ends a clause (not a comma). */
const PUNCT_END_HARD = /^[.!?…;:]+$/u;
const CLOSE_QUOTE = /^(?:["\u201d\u00bb\u2019']|'')$/u;
const isWord = (t: Tok | undefined): boolean => t !== undefined && /^[\p{L}\p{N}]/u.test(t.text);
const ABBREV = /^(?:mr|mrs|ms|dr|sen|rep|gov|gen|lt|col|sgt|st|jr|sr|prof|rev|pres|u\.s|u\.n)$/;

/**
 * Find who said or believes what in a document: direct quotes, reported speech and
 * beliefs, with the source resolved through the mentions layer when there is one.
 * @example findAttributions(doc).map((a) => doc.text.slice(a.content.start, a.content.end))
 */
export function findAttributions(doc: Document, options: Readonly<AttributionOptions> = {}): Attribution[] {
  const found = draftAttributions(doc, options);
  if (!found) return [];
  const { ctx, drafts, confirm } = found;
  // The confirmation filter drops drafts it scores under its threshold.
  const kept = confirm ? drafts.filter((d) => confirmKeeps(confirm, ctx, d, options.confirmShift ?? 0)) : drafts;
  return finish(doc, ctx, kept, options);
}

/**
 * The drafts of a document before the confirmation filter and speaker resolution (rules,
 * taggers, fusion, span refinement, nesting), with the filter to apply; null without sentences.
 * Training the filter (train.ts) reads these.
 */
export function draftAttributions(doc: Document, options: Readonly<AttributionOptions> = {}): { ctx: Ctx; drafts: Draft[]; confirm: ConfirmModel | null } | null {
  const lex = lexiconFor(options);
  const sentences = joinSplitSentences(doc.layers.sentences ?? [], (w) => lex.heads.has(w));
  if (!sentences.length) return null;
  const text = doc.text;
  const quotes = findQuotes(text, sentences);
  const toks = flatten(sentences, quotes);
  const sentStart: number[] = [];
  const sentEnd: number[] = [];
  {
    let k = 0;
    for (let s = 0; s < sentences.length; s++) {
      sentStart.push(k);
      k += sentences[s].tokens.length;
      sentEnd.push(k);
    }
  }
  const ctx: Ctx = { text, toks, sentences, quotes, sentStart, sentEnd, lex };
  const drafts: Draft[] = [];
  const used = new Uint8Array(toks.length);

  for (let s = 0; s < sentences.length; s++) {
    const a = sentStart[s];
    const b = sentEnd[s];
    for (let i = a; i < b; i++) {
      if (used[i]) continue;
      const t = toks[i];
      const d = special(ctx, i, a, b) ?? (t.q < 0 ? verbCue(ctx, i, a, b) : null);
      if (!d) continue;
      drafts.push(d);
      for (const c of d.cue) markUsed(ctx, used, c);
    }
  }
  // Colon-introduced quotes with no verb cue ("X on his page: "...""); quotes that continue
  // the previous speaker ("Specifically, "...""), split quotes after the cue sentence.
  continueQuotes(ctx, drafts);
  for (let k = 0; k < drafts.length; k++) drafts[k] = fixedDraft(drafts[k]);
  const shipped = options.tagger === undefined || options.spans === undefined || options.confirm === undefined ? defaultModels() : null;
  const tagger = options.tagger === undefined ? (shipped?.tagger ?? null) : options.tagger;
  const spans = options.spans === undefined ? (shipped?.spans ?? null) : options.spans;
  // The shipped filter is fitted to the shipped tagger's margins: with another tagger, only an explicit filter applies.
  const confirm = options.confirm !== undefined ? options.confirm : options.tagger === undefined ? (shipped?.confirm ?? null) : null;
  const mode = options.combine ?? 'fuse';
  let all = drafts;
  if (tagger && mode !== 'rules') {
    const tagged = taggedDrafts(ctx, tagger, spans !== null);
    // With the confirmation filter, the tagger's own drafts all go to it; without, a least margin.
    all = mode === 'fuse' ? fuseDrafts(ctx, drafts, tagged, options.fuse ?? DEFAULT_FUSE, options.minConfidence ?? (confirm ? CONFIRM_MIN_CONFIDENCE : 200)) : mode === 'tagger' ? tagged : mode === 'tagger-first' ? combineDrafts(tagged, drafts) : combineDrafts(drafts, tagged);
  }
  // The span tagger sets sources and contents; then nesting is settled on them.
  if (spans) all = refineDrafts(ctx, spans, all, options.spanChoice ?? 'both');
  all = all.map((d) => withoutSource(ctx, d)).filter((d) => d.content.length > 0).map((d) => withoutPassiveSubject(ctx, d));
  return { ctx, drafts: resolveNesting(ctx, all), confirm };
}

/**
 * A content never holds its own source: where a tagged content runs over it (the quoted name in
 * `..., the press service of "Naftogaz" reported`), the source's words and the commas and spaces
 * next to them are cut out of it.
 */
function withoutSource(ctx: Ctx, d: Draft): Draft {
  const src = d.source;
  if (!src || !d.content.some((c) => c.start < src.end && src.start < c.end)) return d;
  const content: Span[] = [];
  for (const c of d.content) {
    if (c.end <= src.start || src.end <= c.start) content.push(c);
    else {
      if (c.start < src.start) content.push(trimSpan(ctx.text, c.start, src.start, true));
      if (src.end < c.end) content.push(trimSpan(ctx.text, src.end, c.end, true));
    }
  }
  const kept = content.filter((c) => /[\p{L}\p{N}]/u.test(ctx.text.slice(c.start, c.end)));
  // (Nothing left: the parts are muddled; leave them to the filter and the nesting as they are.)
  return kept.length ? { ...d, content: kept } : d;
}

/**
 * A passive cue without its agent ("X was accused of", "X has been harshly criticized") says what
 * is said of its subject: no source, as PolNeAR marks it; unless PolNeAR train marks that
 * participle's subject as the source more often ("are concerned", "were divided"). Cues the
 * output drops anyway ("can be considered", see PASSIVE_CUE) are left alone.
 */
function withoutPassiveSubject(ctx: Ctx, d: Draft): Draft {
  if (!d.source || d.source.end > d.cue[0].start) return d;
  const last = d.cue[d.cue.length - 1];
  const text = d.cue.map((c) => ctx.text.slice(c.start, c.end)).join(' ').toLowerCase().replace(/\u2019/g, "'");
  if (PASSIVE_CUE.test(text) || /^\s*by\b/i.test(ctx.text.slice(last.end, last.end + 4))) return d;
  let participle: string | null = null;
  for (const m of text.matchAll(PASSIVE_PARTICIPLE)) participle = m[1];
  if (!participle) return d;
  const counts = passiveSources().get(participle);
  return counts && counts[1] > counts[0] ? { ...d, source: null } : d;
}

/** A form of "be", adverbs or "not", and a participle (as scripts/build-cue-lexicon.mjs counts them). */
const PASSIVE_PARTICIPLE = /\b(?:be|is|are|was|were|been|being|'s|'re|'m)\s+(?:(?:[a-z]+ly|not|also|never|still|now|all)\s+)*([a-z]+(?:ed|en)|told|said|thought|known|held|seen|heard|taught|brought|bought|caught|found|left|made|meant|put|set|sent|shown|kept)\b/g;
let passiveTable: Map<string, readonly [number, number]> | undefined;
function passiveSources(): Map<string, readonly [number, number]> {
  passiveTable ??= new Map(LEARNED_PASSIVE_SOURCES.map(([w, subject, none]) => [w, [subject, none] as const]));
  return passiveTable;
}

/** The least cue margin of a tagger-only draft offered to the confirmation filter. */
export const CONFIRM_MIN_CONFIDENCE = 0;

export interface Ctx {
  readonly text: string;
  readonly toks: readonly Tok[];
  readonly sentences: readonly Sentence[];
  readonly quotes: readonly Quote[];
  readonly sentStart: readonly number[];
  readonly sentEnd: readonly number[];
  readonly lex: CueLexicon;
  /** The tokens' word attributes for one cluster table (learned.ts), made on first use. */
  words?: { readonly clusters: Clusters; readonly words: Word[] };
}

/**
 * The sentences as the stage reads them: a sentence that starts with a lower-case word in the
 * same paragraph continues the one before (a false split after "(D-Mo.)" or "...", which
 * would cut "Sen. X (D-Mo.) said" from its cue); so does a speaker and cue after a quote that
 * ends in a question or exclamation mark (`"Why wait?" Vitter demanded.`: the segmenter ends
 * the sentence at the mark), given `isCue` (a cue verb's lower-case form). Indexes are renumbered.
 * @example joinSplitSentences(segment('Sen. Claire McCaskill (D-Mo.) said. Then...'))
 */
export function joinSplitSentences(sentences: readonly Sentence[], isCue?: (lower: string) => boolean): readonly Sentence[] {
  let out: (Sentence & { tokens: Token[] })[] | null = null;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    const prev = out ? out[out.length - 1] : sentences[k - 1];
    const first = s.tokens[0];
    if (k > 0 && first && prev.paragraph === s.paragraph && (LOWER_START.test(first.text) || (isCue !== undefined && speakerAfterQuestion(prev, s, isCue)))) {
      if (!out) out = sentences.slice(0, k).map((x) => ({ ...x, tokens: [...x.tokens] }));
      const last = out[out.length - 1];
      for (const t of s.tokens) last.tokens.push(t);
      out[out.length - 1] = { ...last, end: s.end };
    } else if (out) out.push({ ...s, index: out.length, tokens: [...s.tokens] });
  }
  return out ?? sentences;
}
const LOWER_START = /^\p{Ll}/u;

/**
 * Whether sentence `s` is the speaker and cue of the quote that ends sentence `prev` with a
 * question or exclamation mark: `prev` ends in "?" or "!" and a closing quote mark, and `s`
 * opens with at most five capitalised words (or a pronoun) and then a cue verb.
 */
function speakerAfterQuestion(prev: Sentence, s: Sentence, isCue: (lower: string) => boolean): boolean {
  const pt = prev.tokens;
  const n = pt.length;
  if (n < 2 || !/^[\u201d"']$|^''$/u.test(pt[n - 1].text) || !/[?!]$/.test(pt[n - 2].text)) return false;
  const st = s.tokens;
  for (let k = 0; k < st.length && k <= 5; k++) {
    const w = st[k].text;
    if (k > 0 && LOWER_START.test(w) && isCue(w.toLowerCase())) return true;
    // The speaker: capitalised words (a name, a title, "He"), an initial's or a bracket's marks.
    if (!(UPPER_START.test(w) || /^[.()\-]$/.test(w))) return false;
  }
  return false;
}

/** The tokens of all sentences in order, with lower case, sentence index and quote index. */
export function flatten(sentences: readonly Sentence[], quotes: readonly Quote[]): Tok[] {
  const out: Tok[] = [];
  let q = 0;
  for (const s of sentences) {
    for (const t of s.tokens) {
      while (q < quotes.length && quotes[q].end <= t.start) q++;
      const inside = q < quotes.length && quotes[q].start <= t.start ? q : -1;
      const text = t.text;
      let lower = text.toLowerCase();
      if (lower.includes('\u2019')) lower = lower.replace(/\u2019/g, "'");
      const c = text.charCodeAt(0);
      const upper = c < 128 ? c >= 65 && c <= 90 : lower !== text && UPPER_START.test(text);
      out.push({ start: t.start, end: t.end, text, lower, s: s.index, q: inside, upper });
    }
  }
  return out;
}

function markUsed(ctx: Ctx, used: Uint8Array, span: Span): void {
  for (let i = tokAt(ctx, span.start); i < ctx.toks.length; i++) {
    const t = ctx.toks[i];
    if (t.start >= span.end) break;
    if (t.end > span.start) used[i] = 1;
  }
}

const sp = (a: Tok, b: Tok): Span => ({ start: a.start, end: b.end });

/** Trim punctuation tokens at both ends of a token range [a, b); null when empty. */
export function trimRange(toks: readonly Tok[], a: number, b: number, keepQuotes = true): Span | null {
  while (a < b && !isWord(toks[a]) && !(keepQuotes && toks[a].q >= 0 && isQuoteMark(toks[a]))) a++;
  const end = b;
  while (b > a && !isWord(toks[b - 1]) && !(keepQuotes && toks[b - 1].q >= 0 && isQuoteMark(toks[b - 1]))) b--;
  if (a >= b) return null;
  // A bracket opened inside keeps its closing mark ("Sen. X (D-Mo.)", not "Sen. X (D-Mo").
  let open = 0;
  for (let i = a; i < b; i++) open += toks[i].text === '(' ? 1 : toks[i].text === ')' ? -1 : 0;
  for (let i = b; open > 0 && i < end; i++) if (toks[i].text === ')') ((b = i + 1), open--);
  return sp(toks[a], toks[b - 1]);
}
const isQuoteMark = (t: Tok): boolean => /^["\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019]$/u.test(t.text);

// ---------------------------------------------------------------------------------------
// Noun phrases

/** The noun phrase that ends at token `end` (inclusive), walking left no further than `lo`. */
function npLeft(toks: readonly Tok[], end: number, lo: number): number {
  const last = toks[end];
  if (!last || !isWord(last)) {
    // Possessive "'s" or an abbreviation's full stop.
    if (last && (last.lower === "'s") && end > lo) return npLeft(toks, end - 1, lo);
    return -1;
  }
  if (PRONOUNS.has(last.lower)) return end;
  if (NP_STOP.has(last.lower) || PREPOSITIONS.has(last.lower) || DETERMINERS.has(last.lower) && last.lower !== 'many' && last.lower !== 'some' && last.lower !== 'most' && last.lower !== 'others' && last.lower !== 'all' && last.lower !== 'both') return -1;
  let k = end;
  let lowers = 0;
  while (k - 1 >= lo) {
    const p = toks[k - 1];
    const cur = toks[k];
    if (DETERMINERS.has(cur.lower) && !cur.upper) break;
    if (p.text === '.' && k - 2 >= lo && ABBREV.test(toks[k - 2].lower) && p.start === toks[k - 2].end) {
      k -= 2;
      continue;
    }
    if (p.lower === "'s" || p.lower === "'") {
      k -= 1;
      continue;
    }
    if (!isWord(p)) {
      if ((p.text === '-' || p.text === '&') && p.start === toks[k - 2]?.end) {
        k -= 1;
        continue;
      }
      break;
    }
    if (DETERMINERS.has(p.lower)) {
      k -= 1;
      // "of the X": keep walking over the connector.
      if (k - 1 >= lo && (toks[k - 1].lower === 'of' || toks[k - 1].lower === 'for') && k - 2 >= lo && isWord(toks[k - 2]) && !NP_STOP.has(toks[k - 2].lower)) {
        k -= 2;
        continue;
      }
      break;
    }
    if ((p.lower === 'of' || p.lower === 'for' || p.lower === 'and' || p.lower === 'de') && cur.upper && k - 2 >= lo && toks[k - 2].upper) {
      k -= 1;
      continue;
    }
    if (p.lower === 'of' && k - 2 >= lo && isWord(toks[k - 2]) && !NP_STOP.has(toks[k - 2].lower) && !PRONOUNS.has(toks[k - 2].lower)) {
      k -= 1;
      continue;
    }
    if (NP_STOP.has(p.lower) || PRONOUNS.has(p.lower)) break;
    if (!p.upper) {
      lowers++;
      if (lowers > 4) break;
    }
    k -= 1;
  }
  return k;
}

/** The noun phrase starting at token `start`, up to `hi` (exclusive): returns its last token index. */
function npRight(toks: readonly Tok[], start: number, hi: number, openEnd = false): number {
  const first = toks[start];
  if (!first || !isWord(first)) return -1;
  if (PRONOUNS.has(first.lower)) return start;
  let k = start;
  let sawName = first.upper || DETERMINERS.has(first.lower);
  while (k + 1 < hi) {
    const n = toks[k + 1];
    if (n.text === '.' && ABBREV.test(toks[k].lower)) {
      k++;
      continue;
    }
    if (n.lower === "'s") {
      k++;
      continue;
    }
    if (!isWord(n)) {
      if (n.text === ',' && sawName) {
        // Apposition: ", a spokesman for X," / ", who ..." runs to the next comma or the end.
        let m = k + 2;
        while (m < hi && toks[m].text !== ',' && !PUNCT_END.test(toks[m].text)) m++;
        if (m - k > 2 && m - k < 18 && ((openEnd && (m >= hi || /^[.!?]$/.test(toks[m].text))) || (m < hi && toks[m].text === ','))) {
          const nx = toks[k + 2];
          if (nx && isWord(nx) && nx.q < 0 && (DETERMINERS.has(nx.lower) || nx.lower === 'who' || (!nx.upper && !PRONOUNS.has(nx.lower)) || nx.upper)) {
            if (!PRONOUNS.has(nx.lower) || nx.lower === 'who') return m - 1;
          }
        }
      }
      break;
    }
    if (n.upper || (!NP_STOP.has(n.lower) && !PRONOUNS.has(n.lower) && !ctxIsCue(n))) {
      sawName = true;
      k++;
      continue;
    }
    if ((n.lower === 'of' || n.lower === 'for' || n.lower === 'and' || n.lower === 'de') && toks[k + 2]?.upper) {
      k++;
      continue;
    }
    break;
  }
  return k;
}

/**
 * Verbs too often not cues to be heads by themselves ("shows up", "found the keys") that report
 * what someone holds when a that-clause follows ("The poll shows that ...", "The study found that ...").
 */
const THAT_VERBS: ReadonlySet<string> = new Set(['show', 'shows', 'showed', 'shown', 'showing', 'found']);

let activeHeads: ReadonlyMap<string, unknown> = new Map();
const ctxIsCue = (t: Tok): boolean => activeHeads.has(t.lower);

// ---------------------------------------------------------------------------------------
// Verb cues

/**
 * Verbs of a news outlet's report that are mostly nouns in news ("reports", "notes"), so not in the
 * lexicon: cues where only a verb can stand, after a comma with the outlet closing the sentence
 * (", reports RIA Novosti.", ", writes the newspaper X.") or the outlet before them at its end
 * (", the agency reports.") — the way translated press credits its source.
 */
export const OUTLET_VERBS: ReadonlySet<string> = new Set(['reports', 'reported', 'notes', 'writes', 'informs', 'states']);

function outletVerbAt(ctx: Ctx, i: number, a: number): boolean {
  const toks = ctx.toks;
  if (!OUTLET_VERBS.has(toks[i].lower) || i <= a) return false;
  const end = (k: number): boolean => !toks[k] || toks[k].s !== toks[i].s || /^[.!?…]+$/.test(toks[k].text);
  // ", reports RIA Novosti."
  if (toks[i - 1].text === ',') {
    const np = npRight(toks, i + 1, toks.length);
    return np >= 0 && (toks[i + 1].upper || toks[i + 1].lower === 'the') && end(np + 1);
  }
  // ", RIA Novosti reports."
  if (!end(i + 1)) return false;
  let k = i - 1;
  while (k > a && i - k <= 5 && toks[k].text !== ',') k--;
  return toks[k].text === ',' && k < i - 1 && (toks[k + 1].upper || toks[k + 1].lower === 'the');
}

function isHead(ctx: Ctx, i: number, a: number): boolean {
  const t = ctx.toks[i];
  const cls = ctx.lex.heads.get(t.lower) ?? (THAT_VERBS.has(t.lower) && ctx.toks[i + 1]?.lower === 'that' ? 'learned' : undefined) ?? (outletVerbAt(ctx, i, a) ? 'say' : undefined);
  if (!cls) return false;
  // A capitalised cue word inside a sentence is a name ("Said", "Hope").
  if (t.upper && i > a && !/^["\u201c\u00ab'(]/.test(ctx.toks[i - 1].text) && !titleCaseLine(ctx, t.s)) return false;
  const prev = ctx.toks[i - 1];
  // "the call", "a promise": a noun, not a verb; so after "held" ("he held talks with X": a meeting).
  if (prev && i > a && (DETERMINERS.has(prev.lower) || prev.lower === "'s") && !/^(?:who|which|that)$/.test(prev.lower)) return false;
  if (prev && i > a && /^(?:held|hold|holds|holding|conducted|conduct|conducts|conducting)$/.test(prev.lower)) return false;
  return true;
}

const titleCache = new WeakMap<Sentence, boolean>();
/** A headline in title case: most words of four letters or more are capitalised. */
function titleCaseLine(ctx: Ctx, s: number): boolean {
  const sent = ctx.sentences[s];
  let v = titleCache.get(sent);
  if (v === undefined) {
    let long = 0;
    let up = 0;
    for (const t of sent.tokens) {
      if (t.text.length < 4 || !/^\p{L}/u.test(t.text)) continue;
      long++;
      if (/^\p{Lu}/u.test(t.text)) up++;
    }
    v = long >= 3 && up / long >= 0.8;
    titleCache.set(sent, v);
  }
  return v;
}

/** "on Friday", "in November", "on 5 March": a time after the cue, which is no inverted source ("X reported on Friday."). */
function timeAfter(toks: readonly Tok[], k: number): boolean {
  if (!/^(?:on|in|at|during|last|this|earlier|later)$/.test(toks[k]?.lower ?? '')) return false;
  let m = k + 1;
  if (toks[m]?.lower === 'the' || /^\d+$/.test(toks[m]?.text ?? '')) m++;
  return TIME_WORD.test(toks[m]?.lower ?? '');
}
const TIME_WORD = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|morning|afternoon|evening|night|weekend|week|month|year|day|today|yesterday)$/;

/**
 * Where a cue whose first word is token `i` starts once the auxiliaries, negation and adverbs
 * before it join it ("has also said", "did not mention", "he's claiming"), as PolNeAR marks
 * them; not before token `a` (the sentence start) nor into a quote.
 */
export function cueStart(ctx: Ctx, i: number, a: number): number {
  const toks = ctx.toks;
  let cs = i;
  for (;;) {
    const p = toks[cs - 1];
    if (cs - 1 < a || !p || p.q >= 0) break;
    if (CUE_PREFIX.has(p.lower) || (/^[a-z]+ly$/.test(p.text) && p.lower !== 'only' && p.lower !== 'family')) cs--;
    else if (p.lower === 't' && cs - 3 >= a && (toks[cs - 2].lower === "'") && /n$/.test(toks[cs - 3].lower)) cs -= 3;
    else break;
  }
  if (cs < i && (toks[cs].lower === 'then' || toks[cs].lower === 'now') && cs === a) cs++;
  return cs;
}

/** When the word after the cue (token `ce`) says when ("Friday", "Friday morning", "then", "recently"), its last token; else `ce`. */
function timeAfterCue(toks: readonly Tok[], ce: number, b: number): number {
  const t = toks[ce + 1];
  if (!t || ce + 1 >= b || t.q >= 0 || !TIME_AFTER_CUE.test(t.lower)) return ce;
  const n = toks[ce + 2];
  return n && ce + 2 < b && n.q < 0 && PART_OF_DAY.test(n.lower) ? ce + 2 : ce + 1;
}
const TIME_AFTER_CUE = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|then|earlier|later|recently|previously)$/;
const PART_OF_DAY = /^(?:morning|afternoon|evening|night)$/;

/** The sentence before sentence `s` in its paragraph or the paragraph just before, as a span without its end mark; null at the start. */
function sentenceBefore(ctx: Ctx, s: number): Span | null {
  if (s <= 0) return null;
  const prev = ctx.sentences[s - 1];
  if (prev.paragraph < ctx.sentences[s].paragraph - 1 || ctx.sentStart[s - 1] >= ctx.sentEnd[s - 1]) return null;
  return trimRange(ctx.toks, ctx.sentStart[s - 1], ctx.sentEnd[s - 1]);
}

/** The quotes that overlap any of the spans, each once, in text order of the spans. */
export function quotesIn(ctx: Ctx, spans: readonly Span[]): Draft['quotes'] {
  const out: Draft['quotes'] = [];
  for (const s of spans) {
    // Quotes are in text order and do not overlap: halve to the first that ends after s.start.
    let lo = 0;
    let hi = ctx.quotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ctx.quotes[mid].end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < ctx.quotes.length && ctx.quotes[k].start < s.end; k++) if (!out.includes(ctx.quotes[k])) out.push(ctx.quotes[k]);
  }
  return out;
}

/** A verb cue at token i: cue extent, source and content. */
function verbCue(ctx: Ctx, i: number, a: number, b: number): Draft | null {
  activeHeads = ctx.lex.heads;
  if (!isHead(ctx, i, a)) return null;
  const toks = ctx.toks;
  const head = toks[i];
  // Cue extent: auxiliaries and adverbs before, particles and "in a statement" after.
  const cs = cueStart(ctx, i, a);
  let ce = i;
  for (const phrase of CUE_SUFFIX_PHRASES) {
    if (phrase.every((w, k) => toks[i + 1 + k] && i + 1 + k < b && toks[i + 1 + k].lower === w)) {
      // "said in a statement" yes; a particle only where a verb takes it and content follows.
      if (phrase.length === 1 && !particleFits(head.lower, phrase[0])) continue;
      ce = i + phrase.length;
      break;
    }
  }
  // "is expected to say": the infinitive joins the cue.
  if (toks[ce + 1]?.lower === 'to' && ctx.lex.heads.has(toks[ce + 2]?.lower ?? '') && ce + 2 < b) ce += 2;
  // "said Friday." / "said recently,": a time word that ends the clause joins the cue, as PolNeAR
  // train marks it more often than not there (weekday then punctuation: 41 in the cue, 22 not);
  // before "that" it is split (36 to 29) and stays out.
  {
    const k = timeAfterCue(toks, ce, b);
    const nx = toks[k + 1];
    if (k > ce && (!nx || k + 1 >= b || PUNCT_END.test(nx.text))) ce = k;
  }
  const passive = cs < i && /^(?:is|was|were|are|been|be|being)$/.test(toks[i - 1].lower) && /(?:ed|en|told|said|known|held|thought)$/.test(head.lower);
  const ing = head.lower.endsWith('ing') && !(cs < i && /^(?:is|was|were|are|been|be|'s|'re|'m)$/.test(toks[i - 1].lower));
  const cue: Span = sp(toks[cs], toks[ce]);

  let source: Span | null = null;
  let content: Span[] = [];
  let qs: Quote[] = [];
  let rule = '';

  // Passive with agent: "was voiced by X", "as reported by X".
  if (passive && toks[ce + 1]?.lower === 'by') {
    const end = npRight(toks, ce + 2, b);
    if (end >= 0) {
      source = trimRange(toks, ce + 2, end + 1, false);
      const rest = contentAfter(ctx, end + 1, b, i);
      if (rest.spans.length && toks[end + 1]?.text === ',') {
        content = rest.spans;
        qs = rest.quotes;
      } else {
        // "Another version was voiced by X": the subject is the content.
        const subj = subjectBefore(ctx, cs, a);
        const c = subj ? { start: subj.start, end: subj.end } : null;
        if (c) content = [c];
        // "This was stated by X." (translated "Об этом заявил X"): "this" is what the sentence before says.
        const before = sentenceBefore(ctx, head.s);
        if (cs - 1 === a && /^(?:this|that)$/.test(toks[a].lower) && before) {
          content = [before];
          rule = 'attribution/this-was-said-by';
          return { source, cue: [cue], content, rule, head: i, sentence: head.s, quotes: quotesIn(ctx, [before]) };
        }
      }
      rule = 'attribution/passive-by';
      return content.length ? { source, cue: [cue], content, rule, head: i, sentence: head.s, quotes: qs } : null;
    }
  }
  const cls = ctx.lex.heads.get(head.lower);
  if (passive && toks[ce + 1]?.lower !== 'by' && !(cs - 1 >= a && toks[cs - 1].lower === 'it') && cls !== 'say' && cls !== 'tell' && head.lower !== 'expected') return null;
  // Impersonal passive: "it was reported that", "it is expected that".
  if (passive && cs - 1 >= a && toks[cs - 1].lower === 'it') {
    const rest = contentAfter(ctx, ce + 1, b, i);
    if (!rest.spans.length) return null;
    return { source: null, cue: [sp(toks[cs], toks[ce])], content: rest.spans, rule: 'attribution/impersonal-passive', head: i, sentence: head.s, quotes: rest.quotes };
  }

  // Inverted: "..., said X." / "\"...\" said X".
  const before = toks[cs - 1];
  const after = ce + 1 < b ? toks[ce + 1] : undefined;
  const invertedPlace = cs === a || (before && (before.text === ',' || CLOSE_QUOTE.test(before.text) || before.text === '\u2014' || before.text === '--'));
  if (invertedPlace && after && isWord(after) && !passive && !ing && !PRONOUNS.has(after.lower) && !timeAfter(toks, ce + 1) || (invertedPlace && after && /^(?:he|she|they|we|i)$/.test(after.lower) && toks[ce + 2] && PUNCT_END.test(toks[ce + 2].text))) {
    const end = npRight(toks, ce + 1, b, true);
    if (end >= 0 && (end + 1 >= b || PUNCT_END.test(toks[end + 1].text) || toks[end + 1].lower === 'in' || toks[end + 1].lower === 'on')) {
      const before2 = contentBefore(ctx, cs, a);
      if (before2.spans.length) {
        source = trimRange(toks, ce + 1, end + 1, false);
        const more = splitQuoteAfter(ctx, end + 1, b);
        return { source, cue: [cue], content: [...before2.spans, ...more.spans], rule: before2.quotes.length ? 'attribution/quote-said-before-source' : 'attribution/said-before-source', head: i, sentence: head.s, quotes: [...before2.quotes, ...more.quotes] };
      }
    }
  }

  // Subject before the cue.
  const subj = ing ? null : subjectBefore(ctx, cs, a);
  if (subj) {
    source = subj;
    const sStart = tokAt(ctx, subj.start);
    const prev = toks[sStart - 1];
    const tail = ce + 1 >= b || PUNCT_END.test(toks[ce + 1].text) || shortTail(ctx, ce + 1, b);
    const afterQuote = prev !== undefined && sStart > a && prev.q >= 0 && ctx.quotes[prev.q].close >= 0 && ctx.quotes[prev.q].end === prev.end && (toks[sStart - 2]?.text === ',' || /[,!?]$/.test(ctx.text.slice(prev.start - 1, prev.start)) || ctx.quotes[prev.q].start <= toks[a].start);
    // ", X said, the clause goes on" (perhaps after a short adjunct: "explained earlier in the hearing,").
    const parenthetical = !tail && prev?.text === ',' && sStart > a && !RELATIVE.has(toks[sStart].lower) && clauseAfter(ctx, ce + 1, b).spans.length > 0;
    if (sStart > a && prev && (afterQuote || ((prev.text === ',' || CLOSE_QUOTE.test(prev.text) || prev.text === '\u2014') && (tail || parenthetical))) && (ce + 1 >= b || toks[ce + 1].text !== ':')) {
      const c = contentBefore(ctx, sStart, a);
      // "In his opinion, the parties will agree": the words before the comma are a frame of their own, no content.
      const frame = c.spans.length === 1 && !c.quotes.length && FRAME_START.test(ctx.text.slice(c.spans[0].start, c.spans[0].end));
      if (c.spans.length && !frame) {
        let more = splitQuoteAfter(ctx, ce + 1, b);
        // "The debate, Mr. X said, is infected with ...": a parenthetical source and cue; the
        // clause runs on after them.
        let rule = c.quotes.length ? 'attribution/quote-said-after' : 'attribution/said-after';
        if (!more.spans.length && !c.quotes.length && !RELATIVE.has(toks[sStart].lower)) {
          more = clauseAfter(ctx, ce + 1, b);
          if (more.spans.length) rule = 'attribution/said-within';
        }
        return { source, cue: [cue], content: [...c.spans, ...more.spans], rule, head: i, sentence: head.s, quotes: [...c.quotes, ...more.quotes] };
      }
    }
    let from = ce + 1;
    if (ctx.lex.tell.has(head.lower)) from = skipHearer(ctx, from, b);
    const c = contentAfter(ctx, from, b, i);
    if (!c.spans.length) return null;
    return { source, cue: [cue], content: c.spans, rule: c.quotes.length && c.direct ? 'attribution/said-colon-quote' : 'attribution/subject-said', head: i, sentence: head.s, quotes: c.quotes };
  }
  if (!ing && cs - 1 === a && /^(?:and|but|also)$/.test(toks[a].lower)) {
    // "And added: ...": the subject is the previous sentence's speaker (filled in later).
    let from = ce + 1;
    if (ctx.lex.tell.has(head.lower)) from = skipHearer(ctx, from, b);
    const c = contentAfter(ctx, from, b, i);
    if (!c.spans.length) return null;
    return { source: null, cue: [cue], content: c.spans, rule: 'attribution/elliptic-subject', head: i, sentence: head.s, quotes: c.quotes };
  }
  if (!ing && cs - 1 >= a && /^(?:and|but)$/.test(toks[cs - 1].lower) && cs - 1 > a) {
    // "X survived ... and says ...": the coordinated verb shares the clause's subject.
    const main = clauseSubject(ctx, a, cs - 1);
    let from = ce + 1;
    if (ctx.lex.tell.has(head.lower)) from = skipHearer(ctx, from, b);
    const c = contentAfter(ctx, from, b, i);
    if (!c.spans.length || !main) return null;
    return { source: main, cue: [cue], content: c.spans, rule: 'attribution/coordinated-verb', head: i, sentence: head.s, quotes: c.quotes };
  }
  if (ing) {
    // "In defending his record, Trump offered ...": the subject follows the opening phrase's comma.
    if (cs - 1 === a && PREPOSITIONS.has(toks[a].lower)) {
      let m = ce + 1;
      while (m < b && m < ce + 30 && toks[m].text !== ',' && toks[m].q < 0) m++;
      let end = m < b && toks[m].text === ',' ? npRight(toks, m + 1, b) : -1;
      // A name ends at its last capitalised word ("Trump offered ..." -> "Trump").
      if (end >= 0 && toks[m + 1].upper) for (let k = m + 1; k <= end; k++) if (!toks[k].upper) ((end = k - 1), (k = end + 1));
      const content = end >= 0 ? trimRange(toks, ce + 1, m) : null;
      if (!content) return null;
      return { source: sp(toks[m + 1], toks[end]), cue: [cue], content: [content], rule: 'attribution/participle', head: i, sentence: head.s, quotes: [] };
    }
    // "..., saying that ...": the source is the main clause's subject.
    const main = clauseSubject(ctx, a, cs);
    let from = ce + 1;
    if (ctx.lex.tell.has(head.lower)) from = skipHearer(ctx, from, b);
    const c = contentAfter(ctx, from, b, i);
    if (!c.spans.length || !main) return null;
    return { source: main, cue: [cue], content: c.spans, rule: 'attribution/participle', head: i, sentence: head.s, quotes: c.quotes };
  }
  return null;
}

/** Particles that belong to specific verbs' cues. */
function particleFits(verb: string, particle: string): boolean {
  // What PolNeAR train does with this verb and particle, where it was seen often enough.
  const seen = PARTICLES.get(`${verb} ${particle}`);
  if (seen && seen[0] + seen[1] >= 3) return seen[0] > seen[1];
  switch (particle) {
    case 'out':
      return /^point/.test(verb);
    case 'up':
      return false;
    case 'for':
      return /^call/.test(verb);
    case 'on':
      return /^(?:call|comment|focus)/.test(verb);
    case 'about':
      return /^(?:talk|ask|spoke|speak|wr|complain|worr|think|thought)/.test(verb);
    case 'of':
      return /^(?:said|warn|speak|spoke|think|thought)/.test(verb) && verb !== 'said';
    case 'to':
      return /^(?:refer|point|object)/.test(verb);
    case 'against':
    case 'over':
    case 'with':
    case 'as':
    case 'at':
    case 'into':
    case 'from':
      return false;
    default:
      return true;
  }
}

/** "verb particle" -> [times PolNeAR train puts the particle in the verb's cue, times the cue ends at the verb]. */
const PARTICLES: ReadonlyMap<string, readonly [number, number]> = new Map(LEARNED_CUE_PARTICLES.map(([v, p, inside, outside]) => [`${v} ${p}`, [inside, outside] as const]));

export function tokAt(ctx: Ctx, offset: number): number {
  let lo = 0;
  let hi = ctx.toks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.toks[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** After the cue only a short adjunct remains: "in a statement", "on Tuesday", "last week". */
function shortTail(ctx: Ctx, from: number, b: number): boolean {
  const toks = ctx.toks;
  let end = b;
  while (end > from && PUNCT_END.test(toks[end - 1].text)) end--;
  if (end - from > 8) return false;
  for (let k = from; k < end; k++) {
    const w = toks[k].lower;
    if (w === 'that' || w === ':' || toks[k].q >= 0) return false;
  }
  if (toks[from]?.text === ',' && toks[from + 1] && toks[from + 1].q >= 0) return true;
  return /^(?:in|on|at|during|last|this|yesterday|today|tonight|earlier|later|recently|then|monday|tuesday|wednesday|thursday|friday|saturday|sunday|,|to|of|after|before|while|when|with|from|via|through|told|adding)$/.test(toks[from]?.lower ?? '');
}

/** The subject noun phrase directly before token `cs`. */
/**
 * A subject that ends in a name in quotation marks, as the Russian and Ukrainian press write
 * organisations: `"Gazprom" reported`, `the press service of "Naftogaz of Ukraine" reported`.
 * Token `end` is the closing mark; the quote must be short and its words capitalised (a name).
 */
function quotedName(ctx: Ctx, end: number, a: number): Span | null {
  const toks = ctx.toks;
  const q = ctx.quotes[toks[end].q];
  if (!q || q.close < 0 || toks[end].end !== q.end) return null;
  let open = end - 1;
  while (open > a && toks[open].start > q.start) open--;
  if (toks[open].start !== q.start || end - open < 2 || end - open > 6) return null;
  const words = toks.slice(open + 1, end);
  if (!words[0].upper || !words.every((w) => w.upper || /^(?:of|and|for|the|-)$/.test(w.lower))) return null;
  if (open === a || !/^(?:of|for)$/.test(toks[open - 1].lower)) return open === a || /^[,;:(\u2014]$/.test(toks[open - 1].text) || NP_STOP.has(toks[open - 1].lower) ? sp(toks[open], toks[end]) : null;
  const start = npLeft(toks, open - 2, a);
  return start >= 0 ? sp(toks[start], toks[end]) : null;
}

function subjectBefore(ctx: Ctx, cs: number, a: number): Span | null {
  const toks = ctx.toks;
  let end = cs - 1;
  if (end < a) return null;
  const t = toks[end];
  if (t.q >= 0 && !(t.lower === 'i' || t.lower === 'we')) return quotedName(ctx, end, a);
  // "Sen. X (D-Mo.) said": a bracketed tag (party and state) after the name joins the source.
  if (t.text === ')') {
    let k = end - 1;
    while (k > a && end - k <= 8 && toks[k].text !== '(' && toks[k].text !== ')') k--;
    if (k <= a || toks[k].text !== '(' || end - k > 8) return null;
    const start = npLeft(toks, k - 1, a);
    return start >= 0 ? sp(toks[start], toks[end]) : null;
  }
  if (t.text === ',') {
    // "X, in turn, stressed" / "X, a spokesman for Y, said".
    // Try each earlier comma (", a 55-year-old salesman from Sumter, South Carolina,").
    let k = end - 1;
    let tries = 0;
    while (tries < 3) {
      while (k >= a && toks[k].text !== ',' && end - k < 30 && toks[k].q < 0 && !/^[.;:!?]$/.test(toks[k].text)) k--;
      if (k < a || toks[k].text !== ',' || end - k < 2) return null;
      tries++;
      const first = toks[k + 1];
      const npStart = npLeft(toks, k - 1, a);
      if (npStart >= 0) {
        const leftEdge = npStart === a || /^[,:;"\u201c\u201d\u2014(]$/.test(toks[npStart - 1].text) || toks[npStart - 1].q >= 0;
        if (leftEdge) {
          if (PARENTHETICAL.has(first.lower) && end - k <= 4) return sp(toks[npStart], toks[k - 1]);
          if (toks[npStart].lower === 'he' || toks[npStart].lower === 'she' || toks[npStart].lower === 'it') return null;
          return sp(toks[npStart], toks[end - 1]);
        }
      }
      k--;
    }
    return null;
  }
  // "X on his Facebook page posted": skip a prepositional phrase before the verb.
  const start = npLeft(toks, end, a);
  if (start < 0) return null;
  if (start - 1 >= a && PREPOSITIONS.has(toks[start - 1].lower) && !toks[start - 1].upper && toks[start - 1].lower !== 'of' && toks[start - 1].lower !== 'for') {
    const inner = npLeft(toks, start - 2, a);
    if (inner >= 0 && start - 2 >= a && !PRONOUNS.has(toks[start - 2].lower) || (inner >= 0 && /^(?:he|she|they|we)$/.test(toks[start - 2].lower))) {
      return sp(toks[inner], toks[start - 2]);
    }
  }
  return sp(toks[start], toks[end]);
}

/** The subject of the clause the participle hangs on: the first noun phrase of the sentence. */
function clauseSubject(ctx: Ctx, a: number, cs: number): Span | null {
  const toks = ctx.toks;
  let k = a;
  // Skip an opening adverbial up to its comma ("On Monday, X ...").
  for (let m = a; m < cs && m < a + 8; m++) {
    if (toks[m].text === ',') {
      if (PREPOSITIONS.has(toks[a].lower) || /^(?:but|and|yet|so|later|earlier|meanwhile|still)$/.test(toks[a].lower)) k = m + 1;
      break;
    }
  }
  while (k < cs && (toks[k].q >= 0 || !isWord(toks[k]) || /^(?:but|and|yet|so)$/.test(toks[k].lower))) k++;
  if (k >= cs) return null;
  // An opening prepositional phrase without a comma ("At the convention his operatives forced
  // ..., stripping"): the subject is the noun phrase after it.
  if (PREPOSITIONS.has(toks[k].lower) && k + 1 < cs) {
    const pp = npRight(ctx.toks, k + 1, cs);
    if (pp >= 0 && pp + 1 < cs && isWord(toks[pp + 1]) && !PREPOSITIONS.has(toks[pp + 1].lower)) k = pp + 1;
    else if (pp >= 0) return null;
  }
  const end = npRight(ctx.toks, k, cs);
  if (end < 0) return null;
  return sp(toks[k], toks[end]);
}

/** Skip the hearer after "told": "told reporters", "told The Associated Press", "told him". */
function skipHearer(ctx: Ctx, from: number, b: number): number {
  const toks = ctx.toks;
  const t = toks[from];
  if (!t || !isWord(t) || t.lower === 'that') return from;
  const end = npRight(toks, from, b);
  if (end < 0) return from;
  let k = end + 1;
  // "told CNN on Sunday that": skip to "that" when close.
  for (let m = k; m < b && m < k + 6; m++) {
    if (toks[m].lower === 'that') return m;
    if (toks[m].text === ':' || toks[m].q >= 0) return m;
  }
  return k;
}

/** Content after the cue: a quote, a "that" clause, or the rest of the sentence. */
function contentAfter(ctx: Ctx, from: number, b: number, head: number): { spans: Span[]; quotes: Quote[]; direct: boolean } {
  const toks = ctx.toks;
  let k = from;
  while (k < b && (toks[k].text === ',' || toks[k].text === ':' || toks[k].text === '\u2014')) k++;
  // Sentence ends in a colon: the content is the quote or sentence that follows.
  if (k >= b) {
    if (from < b && toks[b - 1].text === ':' && b < toks.length) {
      const nxt = toks[b];
      if (nxt.q >= 0) {
        const q = ctx.quotes[nxt.q];
        return { spans: [quoteSpan(ctx, q)], quotes: [q], direct: true };
      }
      const s = nxt.s;
      const span = trimRange(toks, ctx.sentStart[s], ctx.sentEnd[s]);
      return span ? { spans: [span], quotes: [], direct: false } : { spans: [], quotes: [], direct: false };
    }
    return { spans: [], quotes: [], direct: false };
  }
  if (toks[k].q >= 0 && toks[k].q !== toks[head].q && isQuoteMark(toks[k]) && ctx.quotes[toks[k].q].start === toks[k].start) {
    const q = ctx.quotes[toks[k].q];
    const qEnd = q.end;
    // The quote may run past the sentence; a sentence may go on after it.
    let end = b;
    while (end > k && PUNCT_END.test(toks[end - 1].text)) end--;
    const sentEnd = toks[end - 1]?.end ?? qEnd;
    if (qEnd >= sentEnd - 1) return { spans: [quoteSpan(ctx, q)], quotes: [q], direct: true };
  }
  // Stop before another attribution in the same sentence (", X added", ", adding", "and warned").
  let end = Math.min(b, k + MAX_CONTENT);
  for (let m = k + 1; m < end; m++) {
    if (contentStop(ctx, m, head)) {
      end = m;
      break;
    }
  }
  const span = trimRange(toks, k, end);
  if (!span) return { spans: [], quotes: [], direct: false };
  const qs: Quote[] = [];
  for (let m = k; m < end; m++) if (toks[m].q >= 0 && (qs.length === 0 || qs[qs.length - 1] !== ctx.quotes[toks[m].q])) qs.push(ctx.quotes[toks[m].q]);
  // Extend over a quote that runs past the sentence end.
  const lastQ = qs[qs.length - 1];
  if (lastQ && lastQ.end > span.end) return { spans: [{ start: span.start, end: quoteSpan(ctx, lastQ).end }], quotes: qs, direct: false };
  return { spans: [span], quotes: qs, direct: false };
}

/**
 * Whether the content of the cue headed at `head` ends before token `m`, where another
 * attribution of the same sentence starts: ", adding that" (a cue participle), ", according to",
 * or a coordinated cue verb in the cue's tense ("said he would ... and warned against ...").
 * @example contentStop(ctx, m, head)
 */
export function contentStop(ctx: Ctx, m: number, head: number): boolean {
  const toks = ctx.toks;
  const t = toks[m];
  const n = toks[m + 1];
  if (!t || t.q >= 0 || !n || n.q >= 0) return false;
  if (t.text === ',') {
    if ((ctx.lex.heads.has(n.lower) && n.lower.endsWith('ing')) || (n.lower === 'according' && toks[m + 2]?.lower === 'to')) return true;
    // ", who said that the bill would fail, left the room": the comma closes the relative clause
    // (the last such comma of the sentence: "that taxes, fees and tolls would rise, left").
    const closes = (j: number): boolean => toks[j].text === ',' && toks[j].q < 0 && /^[a-z]+$/.test(toks[j + 1]?.text ?? '') && !CLAUSE_GOES_ON.has(toks[j + 1].lower);
    if (!closes(m) || !inRelativeClause(ctx, head)) return false;
    for (let j = m + 1, e = ctx.sentEnd[t.s]; j < e - 1; j++) if (closes(j)) return false;
    return true;
  }
  if (t.lower !== 'and') return false;
  const tense = finiteForm(toks[head]?.lower ?? '');
  return tense !== null && ctx.lex.heads.has(n.lower) && finiteForm(n.lower) === tense;
}

/** Words after a comma that go on with the clause rather than close it. */
const CLAUSE_GOES_ON: ReadonlySet<string> = new Set(['and', 'or', 'but', 'who', 'which', 'that', 'as', 'including', 'while', 'where', 'when', 'because', 'although', 'though', 'if', 'so', 'not', 'nor', 'even', 'especially', 'particularly', 'whether', 'since', 'unless', 'until', 'than']);

/** Whether the cue headed at `head` is the verb of a non-restrictive relative clause (", who said"). */
function inRelativeClause(ctx: Ctx, head: number): boolean {
  const toks = ctx.toks;
  let k = head - 1;
  while (k >= 0 && (CUE_PREFIX.has(toks[k].lower) || /^[a-z]+ly$/.test(toks[k].text))) k--;
  return k > 0 && RELATIVE.has(toks[k].lower) && toks[k].lower !== 'that' && toks[k - 1].text === ',';
}

const IRREGULAR_PAST: ReadonlySet<string> = new Set(['said', 'told', 'wrote', 'thought', 'felt', 'knew', 'saw', 'spoke', 'took', 'gave', 'made', 'held', 'put', 'went', 'sent']);
/** 'past' or 'present' for a finite verb form of a cue ("warned", "said"; "warns"), else null. */
function finiteForm(w: string): 'past' | 'present' | null {
  if (IRREGULAR_PAST.has(w) || /[^e]ed$|eed$/.test(w) && w.length > 4) return 'past';
  if (/[^s]s$/.test(w) && w.length > 3) return 'present';
  return null;
}

/** Content before the source or cue: the quote that ends there, or the sentence start. */
function contentBefore(ctx: Ctx, to: number, a: number): { spans: Span[]; quotes: Quote[] } {
  const toks = ctx.toks;
  let e = to;
  while (e > a && (toks[e - 1].text === ',' || toks[e - 1].text === '\u2014' || toks[e - 1].text === '--')) e--;
  if (e <= a) return { spans: [], quotes: [] };
  const last = toks[e - 1];
  if (last.q >= 0) {
    const q = ctx.quotes[last.q];
    if (q.start <= toks[a].start || e - a > MAX_CONTENT || toks.slice(a, e).every((t) => t.q === last.q || !isWord(t))) {
      // A quote that opens its paragraph may go on one begun paragraphs before, each of them
      // left open at its end: the words are one quote, given before its speaker.
      const quotes = [q];
      for (let p = last.q - 1; p >= 0 && quotes.length <= MAX_QUOTE_PARAGRAPHS; p--) {
        const prev = ctx.quotes[p];
        if (prev.close >= 0 || !/^\s+$/.test(ctx.text.slice(prev.end, quotes[0].start)) || !ctx.text.slice(prev.end, quotes[0].start).includes('\n')) break;
        quotes.unshift(prev);
      }
      return { spans: quotes.map((x) => quoteSpan(ctx, x)), quotes };
    }
    // Quote after a lead-in within the sentence: content from the sentence start.
  }
  let s = a;
  if (toks[a].q >= 0 && ctx.quotes[toks[a].q].start < toks[a].start) {
    const q = ctx.quotes[toks[a].q];
    const span = { start: q.start, end: toks[e - 1].end };
    return { spans: [span], quotes: [q] };
  }
  if (e - s > MAX_CONTENT) s = e - MAX_CONTENT;
  // Skip a leading conjunction or discourse word.
  while (s < e && /^(?:and|but|so|yet)$/.test(toks[s].lower) && !toks[s].upper) s++;
  const span = trimRange(toks, s, e);
  const qs: Quote[] = [];
  for (let m = s; m < e; m++) if (toks[m].q >= 0 && (qs.length === 0 || qs[qs.length - 1] !== ctx.quotes[toks[m].q])) qs.push(ctx.quotes[toks[m].q]);
  return span ? { spans: [span], quotes: qs } : { spans: [], quotes: [] };
}

/** After "X said" in a split quote: `, "Y"` continues within the sentence. */
function splitQuoteAfter(ctx: Ctx, from: number, b: number): { spans: Span[]; quotes: Quote[] } {
  const toks = ctx.toks;
  let k = from;
  // skip a short adjunct ("in a statement", "on Tuesday") up to a comma
  let m = k;
  while (m < b && m < k + 8 && toks[m].q < 0 && toks[m].text !== ',') m++;
  if (m < b && toks[m].text === ',') k = m + 1;
  while (k < b && toks[k].text === ',') k++;
  if (k < toks.length && toks[k].q >= 0 && ctx.quotes[toks[k].q].start === toks[k].start) {
    const q = ctx.quotes[toks[k].q];
    return { spans: [quoteSpan(ctx, q)], quotes: [q] };
  }
  return { spans: [], quotes: [] };
}

/**
 * After a parenthetical `, X said,` inside a clause: the rest of the clause, when a comma
 * (after at most a short adjunct: "earlier in the hearing") leads to at least three words
 * outside quotes.
 */
function clauseAfter(ctx: Ctx, from: number, b: number): { spans: Span[]; quotes: Quote[] } {
  const toks = ctx.toks;
  // The adjunct is a prepositional phrase or an adverb ("earlier in the hearing", "on Monday"),
  // not a clause of the cue ("who said that the bill would fail, left ...").
  if (toks[from] && toks[from].text !== ',' && !PREPOSITIONS.has(toks[from].lower) && !/ly$|^(?:earlier|later|today|yesterday|again|too|also|recently|then|now)$/.test(toks[from].lower)) return { spans: [], quotes: [] };
  let m = from;
  while (m < b && m < from + 8 && toks[m].q < 0 && toks[m].text !== ',' && !PUNCT_END_HARD.test(toks[m].text)) m++;
  if (m >= b || toks[m].text !== ',') return { spans: [], quotes: [] };
  const k = m + 1;
  const end = Math.min(b, k + MAX_CONTENT);
  let words = 0;
  const qs: Quote[] = [];
  for (let i = k; i < end; i++) {
    if (isWord(toks[i])) words++;
    if (toks[i].q >= 0 && (qs.length === 0 || qs[qs.length - 1] !== ctx.quotes[toks[i].q])) qs.push(ctx.quotes[toks[i].q]);
  }
  if (words < 3 || !isWord(toks[k]) || toks[k].q >= 0 || /ing$/.test(toks[k].lower)) return { spans: [], quotes: [] };
  const span = trimRange(toks, k, end);
  return span ? { spans: [span], quotes: qs } : { spans: [], quotes: [] };
}

/** The span of a quote: from its opening mark to after its closing mark, or to the paragraph end. */
function quoteSpan(_ctx: Ctx, q: Quote): Span {
  return { start: q.start, end: q.end };
}

// ---------------------------------------------------------------------------------------
// Special constructions

/** A speaker label in capitals: one to three words ("WALLACE", "SEN. SMITH"). */
const LABEL_WORD = /^(?:\p{Lu}[\p{Lu}'’-]+|\p{Lu}\.?)$/u;

/**
 * A transcript quoted as paragraphs, each turn opening with its speaker's name in capitals
 * inside the quote: `"WALLACE: Let's start with ...`. The name is the source, the colon the cue,
 * and the rest of the quote the content.
 */
function speakerLabel(ctx: Ctx, i: number, a: number): Draft | null {
  const toks = ctx.toks;
  const t = toks[i];
  const q = ctx.quotes[t.q];
  // The quote opens the paragraph, and the label follows its opening mark.
  const s = ctx.sentences[t.s];
  if (!(t.s === 0 || ctx.sentences[t.s - 1].paragraph !== s.paragraph)) return null;
  if (toks[a].start !== q.start) return null;
  const from = a + 1;
  if (i - from < 1 || i - from > 3 || toks[from].q !== t.q) return null;
  for (let k = from; k < i; k++) if (!LABEL_WORD.test(toks[k].text)) return null;
  if (!toks.slice(from, i).some((x) => x.text.replace(/[^\p{Lu}]/gu, '').length >= 2)) return null;
  // The content: the rest of the quote, without its closing mark.
  const next = toks[i + 1];
  const end = q.close >= 0 ? q.close : q.end;
  if (!next || next.start >= end) return null;
  return { source: sp(toks[from], toks[i - 1]), cue: [sp(t, t)], content: [trimSpan(ctx.text, next.start, end)], rule: 'attribution/speaker-label', head: i, sentence: t.s, quotes: [q] };
}

/** Labels of a newsroom's own notes before a colon ("Correction: An earlier version ..."): nobody's words. */
const EDITORIAL_LABELS: ReadonlySet<string> = new Set(['correction', 'corrections', 'clarification', 'update', 'updated', 'editor \u2019s note', "editor 's note", 'editors note', 'note', 'disclosure', 'related', 'read more', 'see also', 'watch', 'photo', 'photos', 'video', 'source', 'sources', 'credit', 'advertisement', 'abstract', 'full text', 'topics', 'tags', 'share']);

const RELATIVE: ReadonlySet<string> = new Set(['who', 'which', 'that', 'whom']);
const DASHES: ReadonlySet<string> = new Set(['\u2015', '\u2014', '\u2013', '--']);
const NAME_WORD = /^\p{Lu}[\p{L}'\u2019.-]*$/u;
const QUOTE_CHAR = /["\u201c\u201d\u00ab\u00bb]/u;

/**
 * A quote signed with a dash and a name at the end of its line, as in collected reader
 * comments, pull quotes and epigraphs: `"..." ― Ana Ruiz`. Source the name (one to four
 * capitalised words), cue the dash, content the quote from the start of its line.
 */
function dashSignature(ctx: Ctx, i: number): Draft | null {
  const { toks, text } = ctx;
  const t = toks[i];
  // The quote ends right before the dash.
  let be = t.start;
  while (be > 0 && /\s/.test(text[be - 1])) be--;
  if (!QUOTE_CHAR.test(text[be - 1] ?? '')) return null;
  // The name, then the end of the line (or the next quote on the same line).
  let k = i + 1;
  let words = 0;
  while (k < toks.length && words < 5 && !/\n/.test(text.slice(toks[k - 1].end, toks[k].start))) {
    if (NAME_WORD.test(toks[k].text)) words++;
    // An initial's full stop ("Julie A. Diaz").
    else if (!(toks[k].text === '.' && /^\p{Lu}$/u.test(toks[k - 1].text) && toks[k].start === toks[k - 1].end)) break;
    k++;
  }
  if (words === 0 || words > 4) return null;
  const nameEnd = toks[k - 1].end;
  const rest = text.slice(nameEnd, nameEnd + 40);
  if (!(rest.length === 0 || /^[ \t.]*(?:\n|$)/.test(rest) || /^\s*[\u201c"\u00ab]/u.test(rest))) return null;
  // The content: from the start of the line (after an earlier signature on it) to the quote's
  // end, looked for no further back than a long quote reaches (the scan stays linear in the text).
  const floor = Math.max(0, be - MAX_SIGNED_QUOTE);
  let lineStart = be;
  while (lineStart > floor && text[lineStart - 1] !== '\n') lineStart--;
  const line = text.slice(lineStart, be);
  const earlier = line.search(/[\u2015\u2014\u2013][^\u2015\u2014\u2013"\u201c\u201d]*(?=[\u201c"])/u);
  if (earlier >= 0) lineStart += earlier + line.slice(earlier).search(/[\u201c"]/u);
  while (lineStart < be && /\s/.test(text[lineStart])) lineStart++;
  if (!QUOTE_CHAR.test(text[lineStart] ?? '') || be - lineStart < 8) return null;
  const content = { start: lineStart, end: be };
  // The quotes that overlap it (sorted by start and apart: from the one before its start on).
  const quotes: Quote[] = [];
  for (let q = Math.max(0, firstStartingAt(ctx.quotes, content.start) - 1); q < ctx.quotes.length && ctx.quotes[q].start < content.end; q++) if (ctx.quotes[q].end > content.start) quotes.push(ctx.quotes[q]);
  return { source: sp(toks[i + 1], toks[k - 1]), cue: [sp(t, t)], content: [content], rule: 'attribution/dash-signature', head: i, sentence: t.s, quotes };
}

/** The most paragraphs one quote before its speaker reaches back over. */
const MAX_QUOTE_PARAGRAPHS = 6;

/** The longest quote a dash signature looks back over (characters). */
const MAX_SIGNED_QUOTE = 5000;

/** A span without white space at its end (`commas`: nor spaces and commas at either end). */
function trimSpan(text: string, start: number, end: number, commas = false): Span {
  const edge = commas ? /[\s,]/ : /\s/;
  while (end > start && edge.test(text[end - 1])) end--;
  while (commas && start < end && edge.test(text[start])) start++;
  return { start, end };
}

/** Whole frames before a comma: "In his opinion", "In the view of X", "According to X". */
const FRAME_START = /^(?:in (?:\S+ ){1,4}(?:view|opinion|words|estimation|assessment|judgment|judgement|mind)(?: of\b.*)?|according to\b.*)$/i;

/** The nouns of "in his view", "in the opinion of X". */
const VIEW_NOUN = /^(?:view|opinion|words|estimation|assessment|judgment|judgement|mind|eyes)$/;

/** "according to X", "in X's view", "as X told Y", "as reported by X", "X's claim that". */
function special(ctx: Ctx, i: number, a: number, b: number): Draft | null {
  const toks = ctx.toks;
  const t = toks[i];
  if (t.q >= 0) return t.text === ':' ? speakerLabel(ctx, i, a) : null;
  if (DASHES.has(t.text)) return dashSignature(ctx, i);
  // Headline "Trump: We will win" or "Pollster X: "...""
  if (t.text === ':' && i > a && i + 1 < b) {
    const start = npLeft(toks, i - 1, a);
    const atStart = start === a && i - a <= 6;
    const nextQuote = toks[i + 1].q >= 0 && ctx.quotes[toks[i + 1].q].start === toks[i + 1].start;
    if (start >= 0 && toks[i - 1].upper && !ctx.lex.heads.has(toks[i - 1].lower) && (atStart || nextQuote) && toks.slice(start, i).some((x) => x.upper) && !EDITORIAL_LABELS.has(toks.slice(start, i).map((x) => x.lower).join(' '))) {
      if (atStart && !nextQuote && !(ctx.sentences[t.s].index === 0 || ctx.sentences[t.s - 1].paragraph !== ctx.sentences[t.s].paragraph)) return null;
      // A question the article asks about them is a topic, not their words: "X and Y: what is behind the call?"
      if (!nextQuote && toks[b - 1].text === '?' && /^(?:what|why|who|how|where|when|which|whose)$/.test(toks[i + 1].lower)) return null;
      const c = contentAfter(ctx, i + 1, b, i);
      if (!c.spans.length) return null;
      return { source: sp(toks[start], toks[i - 1]), cue: [sp(t, t)], content: c.spans, rule: 'attribution/colon', head: i, sentence: t.s, quotes: c.quotes };
    }
    return null;
  }
  // according to X
  if (t.lower === 'according' && toks[i + 1]?.lower === 'to' && i + 2 < b) {
    const end = npRight(toks, i + 2, b);
    if (end < 0) return null;
    let srcEnd = end;
    const cue = sp(t, toks[i + 1]);
    // "information according to which ..."
    if (toks[i + 2].lower === 'which') {
      const c = contentAfter(ctx, i + 3, b, i);
      const nounStart = npLeft(toks, i - 1, a);
      return c.spans.length ? { source: nounStart >= 0 ? sp(toks[nounStart], toks[i - 1]) : null, cue: [sp(t, toks[i + 2])], content: c.spans, rule: 'attribution/according-to-which', head: i, sentence: t.s, quotes: c.quotes } : null;
    }
    const source = trimRange(toks, i + 2, srcEnd + 1, false);
    let content: { spans: Span[]; quotes: Quote[] };
    if (i > a && toks[i - 1].text === ',') content = contentBefore(ctx, i, a);
    else {
      let k = srcEnd + 1;
      while (k < b && toks[k].text !== ',' && k < srcEnd + 8) k++;
      const c = contentAfter(ctx, k < b ? k + 1 : srcEnd + 1, b, i);
      content = c;
    }
    if (!content.spans.length) return null;
    return { source, cue: [cue], content: content.spans, rule: 'attribution/according-to', head: i, sentence: t.s, quotes: content.quotes };
  }
  // in X's view / in his opinion / in the words of X
  if (t.lower === 'in' && i + 2 < b) {
    let k = i + 1;
    let srcS = -1;
    let srcE = -1;
    if (/^(?:his|her|their|its|my|our)$/.test(toks[k].lower)) {
      srcS = srcE = k;
      k++;
    } else {
      const end = npRight(toks, k, Math.min(b, k + 6));
      let m = k;
      while (m < b && m < k + 6 && toks[m].lower !== "'s") m++;
      if (end >= 0 && toks[m]?.lower === "'s") {
        srcS = k;
        srcE = m - 1;
        k = m + 1;
      }
    }
    if (srcS >= 0 && VIEW_NOUN.test(toks[k]?.lower ?? '') && toks[k + 1]?.text === ',') {
      const c = contentAfter(ctx, k + 2, b, i);
      if (!c.spans.length) return null;
      return { source: sp(toks[srcS], toks[srcE]), cue: [sp(t, toks[k])], content: c.spans, rule: 'attribution/in-view', head: i, sentence: t.s, quotes: c.quotes };
    }
    // "In the opinion of X, ...", "in the words of X, ...": the source follows, up to the comma.
    if (srcS < 0 && toks[k].lower === 'the' && VIEW_NOUN.test(toks[k + 1]?.lower ?? '') && toks[k + 2]?.lower === 'of') {
      let end = npRight(toks, k + 3, b);
      if (end < 0) return null;
      for (let m = k + 4; m <= end; m++) if (toks[m].text === ',' || toks[m].q >= 0) ((end = m - 1), (m = end + 1));
      if (toks[end + 1]?.text !== ',') return null;
      const c = contentAfter(ctx, end + 2, b, i);
      if (!c.spans.length) return null;
      return { source: trimRange(toks, k + 3, end + 1, false), cue: [sp(t, toks[k + 2])], content: c.spans, rule: 'attribution/in-view', head: i, sentence: t.s, quotes: c.quotes };
    }
    return null;
  }
  // as X told Y / as X said / As reported by X / as informs X
  if (t.lower === 'as' && (i === a || toks[i - 1].text === ',') && i + 2 < b) {
    let k = i + 1;
    let source: Span | null = null;
    let cueEnd = -1;
    if (ctx.lex.heads.has(toks[k].lower) || /^(?:is|was|were|are|has|have|had)$/.test(toks[k].lower)) {
      // "As reported by X", "As informs X", "As informed by X"
      let v = k;
      while (v < b && /^(?:is|was|were|are|has|have|had|been|also)$/.test(toks[v].lower)) v++;
      if (!ctx.lex.heads.has(toks[v]?.lower ?? '') && !/^(?:informs|informed|reports|reported|notes|noted|writes|wrote)$/.test(toks[v]?.lower ?? '')) return null;
      let sStart = v + 1;
      // "As reported by X", "As noted in the ministry": the source is X, the ministry.
      if (toks[sStart]?.lower === 'by' || toks[sStart]?.lower === 'in') sStart++;
      let end = npRight(toks, sStart, b);
      if (end < 0) return null;
      // The source of "As reported by X, ..." ends at the comma that closes the frame.
      for (let c = sStart + 1; c <= end; c++) if (toks[c].text === ',' || toks[c].q >= 0) ((end = c - 1), (c = end + 1));
      source = trimRange(toks, sStart, end + 1, false);
      cueEnd = toks[v + 1]?.lower === 'by' ? v + 1 : v;
      const cue = sp(t, toks[cueEnd]);
      let m = end + 1;
      while (m < b && toks[m].text !== ',' && m < end + 6) m++;
      if (i > a) {
        const c = contentBefore(ctx, i, a);
        if (c.spans.length) return { source, cue: [cue], content: c.spans, rule: 'attribution/as-reported-by', head: i, sentence: t.s, quotes: c.quotes };
      }
      const c = contentAfter(ctx, m + 1, b, i);
      if (!c.spans.length) return null;
      return { source, cue: [cue], content: c.spans, rule: 'attribution/as-reported-by', head: i, sentence: t.s, quotes: c.quotes };
    }
    const end = npRight(toks, k, Math.min(b, k + 8));
    if (end < 0 || end + 1 >= b) return null;
    const v = end + 1;
    let vv = v;
    while (vv < b && CUE_PREFIX.has(toks[vv].lower)) vv++;
    if (!ctx.lex.heads.has(toks[vv]?.lower ?? '')) return null;
    source = trimRange(toks, k, end + 1, false);
    let m = vv + 1;
    while (m < b && toks[m].text !== ',' && m < vv + 8) m++;
    // PolNeAR leaves "as" out of the cue more often than not ("as Trump said").
    const cue = [sp(toks[v], toks[vv])];
    if (i > a) {
      const c = contentBefore(ctx, i, a);
      if (c.spans.length) return { source, cue, content: c.spans, rule: 'attribution/as-x-said', head: vv, sentence: t.s, quotes: c.quotes };
    }
    if (m >= b) return null;
    const c = contentAfter(ctx, m + 1, b, i);
    if (!c.spans.length) return null;
    return { source, cue, content: c.spans, rule: 'attribution/as-x-said', head: vv, sentence: t.s, quotes: c.quotes };
  }
  // X's claim that / the claim that / the following statement:
  if (NOUN_CUES.has(t.lower) && toks[i + 1]?.lower === 'that' && i > a) {
    const p = toks[i - 1];
    let source: Span | null = null;
    if (p.lower === "'s" && i - 2 >= a) {
      const s = npLeft(toks, i - 2, a);
      if (s >= 0) source = sp(toks[s], toks[i - 2]);
    } else if (/^(?:his|her|their|its)$/.test(p.lower)) source = sp(p, p);
    else return null;
    const c = contentAfter(ctx, i + 1, b, i);
    if (!c.spans.length) return null;
    return { source, cue: [sp(t, t)], content: c.spans, rule: 'attribution/noun-that', head: i, sentence: t.s, quotes: c.quotes };
  }
  // "X VERB ... the following [statement]:" with a verb that is not itself a cue.
  if (t.lower === 'following' && toks[i - 1]?.lower === 'the' && i - 2 >= a) {
    let e = i;
    if (toks[e + 1] && /^(?:statement|words|comment|remark|message|post|lines)$/.test(toks[e + 1].lower)) e++;
    if (toks[e + 1]?.text !== ':') return null;
    // Walk back over the verb group to the subject.
    let v = i - 2;
    let steps = 0;
    while (v >= a && steps < 5 && !toks[v].upper && !PRONOUNS.has(toks[v].lower) && isWord(toks[v])) {
      v--;
      steps++;
    }
    const vs = v + 1;
    if (vs >= i - 1) return null;
    if (toks.slice(vs, i - 1).some((x) => ctx.lex.heads.has(x.lower))) return null; // a verb cue handles it
    const subj = subjectBefore(ctx, vs, a);
    if (!subj) return null;
    const c = contentAfter(ctx, e + 1, b, i);
    if (!c.spans.length) return null;
    return { source: subj, cue: [sp(toks[vs], toks[e])], content: c.spans, rule: 'attribution/the-following', head: i, sentence: t.s, quotes: c.quotes };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Quotes without a cue of their own

function continueQuotes(ctx: Ctx, drafts: Draft[]): void {
  const claimed = new Set<Quote>();
  for (const d of drafts) for (const q of d.quotes) claimed.add(q);
  const byEnd = drafts
    .map((d) => ({ d, end: Math.max(...d.content.map((c) => c.end), ...d.cue.map((c) => c.end)) }))
    .sort((x, y) => x.end - y.end);
  let di = 0;
  let prev: Draft | undefined;
  for (const q of ctx.quotes) {
    if (claimed.has(q)) continue;
    const startTok = tokAt(ctx, q.start);
    const t = ctx.toks[startTok];
    if (!t) continue;
    const s = t.s;
    const para = ctx.sentences[s].paragraph;
    const words = ctx.toks.slice(startTok, tokAt(ctx, q.end)).filter(isWord).length;
    if (words < 4) continue;
    // The previous attribution, ending before the quote, in this or the previous paragraph.
    while (di < byEnd.length && byEnd[di].end <= q.start) {
      prev = byEnd[di].d;
      di++;
    }
    if (!prev || !prev.source) continue;
    const prevPara = ctx.sentences[prev.sentence].paragraph;
    if (para - prevPara > 1 || s - prev.sentence > 3) continue;
    // Lead-in words before the quote in its sentence ("Specifically,") become the cue.
    const a = ctx.sentStart[s];
    let lead: Span | null = null;
    if (startTok > a) {
      const r = trimRange(ctx.toks, a, startTok, false);
      const n = startTok - a;
      if (!r || n > 3 || ctx.toks[startTok - 1].text !== ',' && ctx.toks[startTok - 1].text !== ':') continue;
      lead = r;
    } else {
      // A quote opening its sentence right after the previous attribution's sentence.
      if (s - prev.sentence > 1 || prevPara !== para) continue;
      // Only when the previous content was a quote (a split quote goes on).
      if (!prev.quotes.length) continue;
      prev.content.push(quoteSpan(ctx, q));
      prev.quotes.push(q);
      claimed.add(q);
      continue;
    }
    drafts.push({ source: prev.source, cue: [lead], content: [quoteSpan(ctx, q)], rule: 'attribution/quote-continues', head: startTok, sentence: s, quotes: [q] });
    claimed.add(q);
  }
}

/** Drop an attribution whose cue lies inside another's content (PolNeAR is univocal); merge duplicates. */
export function resolveNesting(ctx: Ctx, drafts: Draft[]): Draft[] {
  drafts.sort((x, y) => x.head - y.head);
  const keep: Draft[] = [];
  let lo = 0;
  for (let di = 0; di < drafts.length; di++) {
    const d = drafts[di];
    // Only drafts near this one can nest with it (contents are bounded); keeps this linear.
    while (drafts[lo].head < d.head - 2 * MAX_CONTENT) lo++;
    let hi = di;
    while (hi + 1 < drafts.length && drafts[hi + 1].head <= d.head + 2 * MAX_CONTENT) hi++;
    const near = drafts.slice(lo, hi + 1);
    const within = (x: Draft, y: Draft): boolean => y.content.some((c) => x.cue.some((k) => k.start >= c.start && k.end <= c.end));
    // An adjunct frame ("As X reports, Y said: ...") gives way to the attribution inside it.
    // (A frame the tagger also found carries "+tagger" after its rule.) A headline's label
    // before a colon is one too: "The Latest: Trump urges supporters to ...".
    const adjunct = (x: Draft): boolean => /^attribution\/(?:as-reported-by|as-x-said|colon)(?:\+tagger)?$/.test(x.rule);
    // Only a clear act of speech inside gives the frame away: a verb of saying or telling, or
    // a quote introduced by a colon ("X posted the following: ..."); "As reported by Y, the
    // leaders will discuss ..." stays Y's report.
    const speech = (x: Draft): boolean => {
      const cls = ctx.lex.heads.get(ctx.toks[x.head]?.lower ?? '');
      const after = ctx.text.slice(x.cue[x.cue.length - 1].end, x.cue[x.cue.length - 1].end + 3).trimStart();
      return cls === 'say' || cls === 'tell' || after.startsWith(':');
    };
    // Under a headline label, only a finite verb with its subject ("Trump urges ..."), not a
    // participle of headline grammar ("X: Hillary Asking Moderator To ...").
    const finite = (x: Draft, outer: Draft): boolean => !/^attribution\/colon/.test(outer.rule) || !(ctx.toks[x.head]?.lower ?? '').endsWith('ing');
    const framed = (inner: Draft, outer: Draft): boolean => adjunct(outer) && inner.source !== null && inner.source.start === outer.content[0].start && speech(inner) && finite(inner, outer);
    const inside = near.some((o) => o !== d && within(d, o) && !within(o, d) && !framed(d, o));
    if (inside) continue;
    // The frame gives way only to an attribution that stands: not one inside a third's content
    // ("Obama: I'm optimistic Americans will say no": "will say" lies in "I'm optimistic"'s).
    const stands = (o: Draft): boolean => !near.some((x) => x !== o && x !== d && within(o, x) && !within(x, o) && !framed(o, x));
    if (near.some((o) => o !== d && within(o, d) && framed(o, d) && stands(o))) continue;
    keep.push(d);
  }
  return keep;
}

// ---------------------------------------------------------------------------------------
// Speakers and output

function finish(doc: Document, ctx: Ctx, drafts: Draft[], options: Readonly<AttributionOptions>): Attribution[] {
  const mentions = [...(doc.layers.mentions ?? [])].sort((x, y) => x.start - y.start);
  const out: Attribution[] = [];
  drafts.sort((x, y) => Math.min(x.cue[0].start, x.content[0].start) - Math.min(y.cue[0].start, y.content[0].start));
  let prevEntity: string | null | undefined;
  let prevSource: Attribution['source'] = null;
  let prevPara = -1;
  let prevEnd = 0;
  for (const draft of drafts) {
    const d = withSpeakerSource(ctx, mentions, draft);
    const content = mergeSpans(d.content);
    const cue = mergeSpans(d.cue);
    // The newsroom's own voice ("We remind that ...") outside quotes is no attribution.
    const src = d.source;
    if (src && FIRST_PERSON.test(ctx.text.slice(src.start, src.end)) && !ctx.quotes.some((q) => q.start <= src.start && src.end <= q.end)) continue;
    // A passive cue with its subject before it ("Yerevan can be considered ...") names what is
    // spoken of, not who speaks: the speaker would follow "by".
    if (src && src.end <= d.cue[0].start && PASSIVE_CUE.test(d.cue.map((c) => ctx.text.slice(c.start, c.end)).join(' '))) continue;
    // "It is safe to say that ...", "it would be logical to think that ...": the writer's hedge,
    // no one's attribution (PolNeAR train marks the verb a cue 4 times in 25).
    {
      const last = tokAt(ctx, d.cue[d.cue.length - 1].end - 1);
      const it = impersonalInfinitive(ctx.toks, last);
      // The tagger may take "It" or the adjective for the source.
      if (it >= 0 && (!src || (src.start >= ctx.toks[it].start && src.end <= d.cue[0].end))) continue;
    }
    // An adverb alone is a cue only where PolNeAR marks it one ("reportedly", "seemingly"), not
    // an ordinal or manner adverb the tagger took for one ("and secondly that ..."); the lead-in
    // of a quote going on ("Specifically, "..."") is a frame of its own.
    if (soleAdverbCue(ctx.text, d)) continue;
    // A content of one or two words outside quotes ("many thoughts") states nothing to attribute.
    if (!d.quotes.length && content.reduce((n, c) => n + wordsIn(ctx.text.slice(c.start, c.end)), 0) < 3) continue;
    let source: Attribution['source'] = null;
    const para = ctx.sentences[d.sentence].paragraph;
    if (!d.source && d.rule.replace(/\+tagger$/, '') === 'attribution/elliptic-subject' && prevSource && para - prevPara <= 1) {
      source = prevSource;
    } else if (d.source) {
      // A nationality word that modifies the source ("the Georgian government") names no speaker;
      // as the head ("Democrats said") it does.
      const found = mentionIn(mentions, d.source);
      const m = found && !(found.label === 'MISC' && /\p{L}/u.test(ctx.text.slice(found.end, d.source.end))) ? found : undefined;
      const srcText = ctx.text.slice(d.source.start, d.source.end).toLowerCase();
      const pronoun = /^(?:he|she|his|her|they|their|i|we)$/.test(srcText);
      let entity: string | null = m?.entity ?? null;
      // A relative pronoun speaks for the name it follows ("Mr. Kerry, who said ...", "the
      // agency, which reported ..."), not for the previous speaker.
      if (!entity && /^(?:who|which|that)$/.test(srcText)) entity = antecedentOf(ctx.text, mentions, d.source.start);
      if (pronoun && (options.chainPronouns ?? true) && prevEntity && para - prevPara <= 1) {
        // Keep coreference's answer when a person was named since the previous attribution.
        let named = false;
        for (let k = firstStartingAt(mentions, prevEnd); k < mentions.length && mentions[k].start < d.source.start; k++) {
          const x = mentions[k];
          if (x.kind === 'name' && x.label === 'PERSON' && x.end <= d.source.start && x.entity !== prevEntity) named = true;
        }
        const compatible = !named && (!m || !m.entity || /^(?:he|she|his|her|who|i)$/.test(srcText));
        if (compatible) entity = prevEntity;
      }
      source = { start: d.source.start, end: d.source.end, ...(m ? { mention: m.id } : {}), entity };
    }
    if (source?.entity) {
      prevEntity = source.entity;
      prevSource = source;
      prevPara = para;
      prevEnd = Math.max(...content.map((c) => c.end));
    }
    const kind = kindOf(ctx, content);
    const evidence: Span[] = [...cue];
    for (const q of d.quotes) evidence.push(...q.marks);
    evidence.sort((x, y) => x.start - y.start);
    const all = [...content, ...cue, ...(source ? [source] : [])];
    const start = Math.min(...all.map((x) => x.start));
    const end = Math.max(...all.map((x) => x.end));
    out.push({
      id: `a${out.length + 1}`,
      label: kind,
      kind,
      start,
      end,
      evidence,
      rule: d.rule,
      source,
      cue: part(cue),
      content: part(content),
    });
  }
  return out;
}

/** The entity of the name right before a relative pronoun (a comma or a bracketed tag between), or null. */
function antecedentOf(text: string, mentions: readonly Mention[], at: number): string | null {
  const first = firstStartingAt(mentions, at);
  for (let k = first - 1; k >= 0 && k >= first - 4; k--) {
    const x = mentions[k];
    if (x.end > at) continue;
    const between = text.slice(x.end, at);
    if (between.length <= 16 && /^[\s,]*(?:\([^()]*\))?[\s,]*$/.test(between)) return x.entity ?? null;
    return null;
  }
  return null;
}

/**
 * The editorial "we" ("We remind that ...", "We note ..."): the newsroom's voice, no attribution.
 * A writer's "I" outside quotes is one (an op-ed's or a column's author: "I believe in the good
 * sense of the American people"), as PolNeAR annotates it; its speaker is the writer, no entity.
 */
const FIRST_PERSON = /^(?:we|us)$/i;
/** Whether a draft's cue is one adverb that PolNeAR train never has in a cue twice, outside the frames. */
export function soleAdverbCue(text: string, d: Draft): boolean {
  if (d.cue.length !== 1 || FRAMES.has(d.rule.replace(/\+tagger$/, ''))) return false;
  const w = text.slice(d.cue[0].start, d.cue[0].end).trim().toLowerCase();
  if (!/^[a-z]+ly$/.test(w)) return false;
  learnedCueWords ??= new Set(LEARNED_CUE_WORDS.map(([form]) => form));
  return !learnedCueWords.has(w);
}
/** The word forms PolNeAR train has in a cue at least twice. */
let learnedCueWords: Set<string> | undefined;

/**
 * A draft whose source holds no word that can name a speaker ("However", "Though", "together",
 * "Having", "Recently, however": an adverb or conjunction the tagger took for the subject) takes
 * the rules' subject before the cue instead, or no source.
 */
export function withSpeakerSource(ctx: Ctx, mentions: readonly Mention[], d: Draft): Draft {
  if (!d.source || !noSpeakerWord(ctx, mentions, d.source)) return d;
  const subject = d.subject && d.subject.end <= d.cue[0].start && !noSpeakerWord(ctx, mentions, d.subject) ? d.subject : null;
  return { ...d, source: subject };
}

/** Whether every word of a span is a function word or an adverb (and no mention lies on it). */
function noSpeakerWord(ctx: Ctx, mentions: readonly Mention[], span: Span): boolean {
  if (mentionIn(mentions, span)) return false;
  let words = 0;
  for (let i = tokAt(ctx, span.start); i < ctx.toks.length && ctx.toks[i].start < span.end; i++) {
    const t = ctx.toks[i];
    if (!isWord(t)) continue;
    words++;
    if (!(NOT_A_SPEAKER.has(t.lower) || /^[a-z]{3,}ly$/.test(t.lower))) return false;
  }
  return words > 0;
}
const NOT_A_SPEAKER: ReadonlySet<string> = new Set([
  'however', 'though', 'although', 'once', 'having', 'when', 'while', 'if', 'because', 'since', 'after', 'before', 'then',
  'now', 'also', 'still', 'even', 'together', 'long', 'meanwhile', 'moreover', 'instead', 'yet', 'so', 'but', 'and', 'or',
  'as', 'until', 'unless', 'whether', 'indeed', 'perhaps', 'maybe', 'thus', 'therefore', 'already', 'again', 'often',
  'never', 'always', 'sometimes', 'soon', 'later', 'earlier', 'too', 'not', 'would', 'could', 'should', 'will', 'can',
  'may', 'might', 'must',
]);

/**
 * When the cue verb at `v` is the infinitive of "it is/would be (adverb) adjective to VERB", the
 * index of that "it"; else -1.
 */
function impersonalInfinitive(toks: readonly Tok[], v: number): number {
  let j = v - 1;
  if (toks[j]?.lower !== 'to') return -1;
  j--;
  // The adjective and an adverb before it ("very hard", "too soon").
  const adj = j;
  while (j >= 0 && j > adj - 3 && /^[a-z]+$/.test(toks[j].text) && !IMPERSONAL_BE.has(toks[j].lower)) j--;
  if (j === adj || j < 0 || !IMPERSONAL_BE.has(toks[j].lower)) return -1;
  j--;
  if (j >= 0 && /^(?:would|will|might|may|could|should|must)$/.test(toks[j].lower) && toks[j + 1].lower === 'be') j--;
  return j >= 0 && toks[j].lower === 'it' ? j : -1;
}
const IMPERSONAL_BE: ReadonlySet<string> = new Set(['is', 'was', "'s", 'be', 'seems', 'seemed', 'remains']);

const PASSIVE_CUE = /^(?:(?:can|could|may|might|will|would|should|must) )?(?:be|is|are|was|were|been|being)(?: (?:not|also|widely|often|generally))? [a-z]+(?:ed|en)$/i;
const wordsIn = (s: string): number => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

function part(spans: Span[]): Attribution['content'] {
  return { start: spans[0].start, end: spans[spans.length - 1].end, spans };
}

function mergeSpans(spans: Span[]): Span[] {
  const s = [...spans].sort((x, y) => x.start - y.start);
  const out: Span[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, x.end) };
    else out.push({ start: x.start, end: x.end });
  }
  return out;
}

/** The mention on a source span: the person or organisation nearest its start. */
function mentionIn(mentions: readonly Mention[], span: Span): Mention | undefined {
  let best: Mention | undefined;
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = Math.max(0, lo - 2); k < mentions.length && mentions[k].start < span.end; k++) {
    const m = mentions[k];
    if (m.end <= span.start) continue;
    const rank = (x: Mention): number => (x.label === 'PERSON' ? 0 : x.label === 'ORG' ? 1 : 2);
    if (!best || rank(m) < rank(best)) best = m;
  }
  return best;
}

/** direct: all content inside quotes; mixed: some; indirect: none. */
function kindOf(ctx: Ctx, content: readonly Span[]): AttributionKind {
  let quoted = 0;
  let words = 0;
  for (const c of content) {
    for (let k = tokAt(ctx, c.start); k < ctx.toks.length && ctx.toks[k].start < c.end; k++) {
      const t = ctx.toks[k];
      if (!isWord(t)) continue;
      words++;
      if (t.q >= 0) quoted++;
    }
  }
  if (words > 0 && quoted === words) return 'direct';
  return quoted > 0 ? 'mixed' : 'indirect';
}
