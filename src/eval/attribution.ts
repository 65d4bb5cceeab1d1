/**
 * Attribution measured on PolNeAR (issue 4).
 *
 * For each element (source, cue, content), predictions and gold are matched one-to-one
 * (maximum bipartite matching per article) under two criteria:
 * - exact: the same character extent after trimming white space and punctuation at both
 *   ends, fragment by fragment (elements can be discontinuous: gold `spans`); an element of
 *   punctuation alone (the colon of "Trump: We will win", the dash of a signed quote) keeps its
 *   extent without white space, so that it can be matched at all;
 * - overlap: at least one shared word token (for an element of punctuation alone, one shared
 *   character).
 * Whole attributions match when their contents overlap and their sources overlap, or both
 * have no source. Elements that are null (a source-less attribution) are not counted.
 *
 * The module returns data; the CLI (`dossier eval attribution`) prints it.
 */
import { readFileSync } from 'node:fs';
import type { Attribution, Document, Mention, Span } from '../document/index.js';
import { DossierError } from '../errors.js';
import { attributionStage } from '../attribution/index.js';
import { analyzeText, defaultPipeline } from '../pipeline/index.js';
import { withLayers } from '../document/index.js';

/** An element as PolNeAR's converted JSON gives it (or as a prediction is mapped). */
export interface GoldElement {
  readonly start: number;
  readonly end: number;
  readonly spans: readonly Span[];
}

export interface GoldAttribution {
  readonly source: GoldElement | null;
  readonly cue: GoldElement;
  readonly content: GoldElement;
}

export interface PolnearArticle {
  readonly id: string;
  readonly publisher: string;
  readonly text: string;
  readonly attributions: readonly GoldAttribution[];
}

/** Counts of one criterion. */
export interface Counts {
  tp: number;
  predicted: number;
  gold: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ElementCounts {
  readonly exact: Counts;
  readonly overlap: Counts;
}

export interface ScoreCounts {
  readonly source: ElementCounts;
  readonly cue: ElementCounts;
  readonly content: ElementCounts;
  readonly attribution: Counts;
  /** Speaker resolution (issue 4 item 3), over predicted attributions whose source overlaps a gold source. */
  readonly speaker: SpeakerCounts;
}

/**
 * Speaker resolution: of the predicted sources that overlap a gold source (`matched`), how many
 * the analyzer resolved to an entity (`resolved`), and of those how many have a mention of that
 * entity on the gold source span (`right`).
 */
export interface SpeakerCounts {
  matched: number;
  resolved: number;
  right: number;
}

const PUNCT_OR_SPACE = /[\s\p{P}\p{S}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Trim white space and punctuation at both ends of a span; null when nothing is left.
 * @example trimSpan('  "Hi," ', { start: 0, end: 8 }) // { start: 3, end: 5 }
 */
export function trimSpan(text: string, span: Span): Span | null {
  let s = span.start;
  let e = span.end;
  while (s < e && PUNCT_OR_SPACE.test(text[s])) s++;
  while (e > s && PUNCT_OR_SPACE.test(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : null;
}

function exactKey(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  for (const sp of spans) {
    const t = trimSpan(text, sp);
    if (t) parts.push(`${t.start}-${t.end}`);
  }
  if (parts.length) return parts.join(',');
  // Punctuation alone: its extent without white space.
  for (const sp of spans) {
    let s = sp.start;
    let e = sp.end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (s < e) parts.push(`p${s}-${e}`);
  }
  return parts.join(',');
}

/** Word tokens of spans as "start" offsets. */
function tokenSet(text: string, spans: readonly Span[]): Set<number> {
  const out = new Set<number>();
  for (const sp of spans) {
    const slice = text.slice(sp.start, sp.end);
    WORD.lastIndex = 0;
    for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) out.add(sp.start + m.index);
  }
  return out;
}

/** Word tokens of the whole text, so that a partial word counts as its token. */
function tokenStarts(text: string): Int32Array {
  // tokenOf[i] = start of the word token containing char i, or -1.
  const of = new Int32Array(text.length).fill(-1);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) of.fill(m.index, m.index, m.index + m[0].length);
  return of;
}

function tokensOf(of: Int32Array, spans: readonly Span[], text?: string): Set<number> {
  const out = new Set<number>();
  for (const sp of spans) for (let i = sp.start; i < sp.end && i < of.length; i++) if (of[i] >= 0) out.add(of[i]);
  // Punctuation alone: its characters (offsets that no word starts at).
  if (!out.size && text !== undefined) for (const sp of spans) for (let i = sp.start; i < sp.end && i < text.length; i++) if (!/\s/.test(text[i])) out.add(i);
  return out;
}

/** Maximum one-to-one matching (Kuhn's augmenting paths) of a bipartite relation. */
export function maxMatching(nLeft: number, nRight: number, edge: (i: number, j: number) => boolean): number {
  const adj: number[][] = [];
  for (let i = 0; i < nLeft; i++) {
    const row: number[] = [];
    for (let j = 0; j < nRight; j++) if (edge(i, j)) row.push(j);
    adj.push(row);
  }
  const matchR = new Int32Array(nRight).fill(-1);
  let count = 0;
  for (let i = 0; i < nLeft; i++) {
    if (!adj[i].length) continue;
    const seen = new Uint8Array(nRight);
    const tryKuhn = (u: number): boolean => {
      for (const v of adj[u]) {
        if (seen[v]) continue;
        seen[v] = 1;
        if (matchR[v] < 0 || tryKuhn(matchR[v])) {
          matchR[v] = u;
          return true;
        }
      }
      return false;
    };
    if (tryKuhn(i)) count++;
  }
  return count;
}

const zero = (): Counts => ({ tp: 0, predicted: 0, gold: 0 });
/** Empty counts to add articles into. */
export const emptyCounts = (): ScoreCounts => ({
  source: { exact: zero(), overlap: zero() },
  cue: { exact: zero(), overlap: zero() },
  content: { exact: zero(), overlap: zero() },
  attribution: zero(),
  speaker: { matched: 0, resolved: 0, right: 0 },
});

/**
 * Count speaker resolution for one article: each predicted source that overlaps a gold source
 * is matched; it is resolved when it names an entity, and right when a mention of that entity
 * (from `mentions`) overlaps the gold source span.
 * @example scoreSpeakers(text, gold, doc.layers.attributions, doc.layers.mentions, counts.speaker)
 */
export function scoreSpeakers(text: string, gold: readonly GoldAttribution[], pred: readonly Attribution[], mentions: readonly Mention[], into: SpeakerCounts): SpeakerCounts {
  const of = tokenStarts(text);
  const golds = gold.filter((g) => g.source).map((g) => ({ spans: g.source!.spans, toks: tokensOf(of, g.source!.spans) }));
  const byEntity = new Map<string, Mention[]>();
  for (const m of mentions) if (m.entity) (byEntity.get(m.entity) ?? byEntity.set(m.entity, []).get(m.entity)!).push(m);
  for (const a of pred) {
    if (!a.source) continue;
    const pt = tokensOf(of, [a.source]);
    const g = golds.find((x) => shares(pt, x.toks));
    if (!g) continue;
    into.matched++;
    if (!a.source.entity) continue;
    into.resolved++;
    const ms = byEntity.get(a.source.entity) ?? [];
    if (ms.some((m) => g.spans.some((s) => m.start < s.end && s.start < m.end))) into.right++;
  }
  return into;
}

/** Map a predicted attribution to the gold element shape. */
export function toElements(a: Attribution): GoldAttribution {
  return {
    source: a.source ? { start: a.source.start, end: a.source.end, spans: [{ start: a.source.start, end: a.source.end }] } : null,
    cue: { start: a.cue.start, end: a.cue.end, spans: a.cue.spans },
    content: { start: a.content.start, end: a.content.end, spans: a.content.spans },
  };
}

/**
 * Score one article's predicted attributions against gold, adding into `into`.
 * @example scoreArticle(text, gold, predicted.map(toElements))
 */
export function scoreArticle(text: string, gold: readonly GoldAttribution[], pred: readonly GoldAttribution[], into: ScoreCounts = emptyCounts()): ScoreCounts {
  const of = tokenStarts(text);
  for (const key of ['source', 'cue', 'content'] as const) {
    const g = gold.map((a) => a[key]).filter((x): x is GoldElement => x !== null);
    const p = pred.map((a) => a[key]).filter((x): x is GoldElement => x !== null);
    const gk = g.map((x) => exactKey(text, x.spans));
    const pk = p.map((x) => exactKey(text, x.spans));
    const gt = g.map((x) => tokensOf(of, x.spans, text));
    const pt = p.map((x) => tokensOf(of, x.spans, text));
    const el = into[key];
    el.exact.gold += g.length;
    el.exact.predicted += p.length;
    el.overlap.gold += g.length;
    el.overlap.predicted += p.length;
    el.exact.tp += maxMatching(p.length, g.length, (i, j) => pk[i] !== '' && pk[i] === gk[j]);
    el.overlap.tp += maxMatching(p.length, g.length, (i, j) => shares(pt[i], gt[j]));
  }
  const gc = gold.map((a) => tokensOf(of, a.content.spans));
  const pc = pred.map((a) => tokensOf(of, a.content.spans));
  const gs = gold.map((a) => (a.source ? tokensOf(of, a.source.spans) : null));
  const ps = pred.map((a) => (a.source ? tokensOf(of, a.source.spans) : null));
  into.attribution.gold += gold.length;
  into.attribution.predicted += pred.length;
  into.attribution.tp += maxMatching(pred.length, gold.length, (i, j) => {
    if (!shares(pc[i], gc[j])) return false;
    const a = ps[i];
    const b = gs[j];
    if (a === null || b === null) return a === null && b === null;
    return shares(a, b);
  });
  return into;
}

function shares(a: Set<number>, b: Set<number>): boolean {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) return true;
  return false;
}

/** Precision, recall and F1 of counts (0 when undefined). */
export function prf(c: Counts): Prf {
  const precision = c.predicted ? c.tp / c.predicted : 0;
  const recall = c.gold ? c.tp / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return { precision: r(precision), recall: r(recall), f1: r(f1) };
}

/** The JSON report of issue 4. */
export interface AttributionReport {
  readonly source: { readonly exact: Prf; readonly overlap: Prf };
  readonly cue: { readonly exact: Prf; readonly overlap: Prf };
  readonly content: { readonly exact: Prf; readonly overlap: Prf };
  readonly attribution: Prf;
  /**
   * Speaker resolution: `resolved` = share of matched sources given an entity; `rate` = share
   * of those whose entity has a mention on the gold source span; `matched` = how many sources.
   */
  readonly speaker: { readonly matched: number; readonly resolved: number; readonly rate: number };
  readonly articles: number;
}

export function report(c: ScoreCounts, articles: number): AttributionReport {
  const el = (e: ElementCounts) => ({ exact: prf(e.exact), overlap: prf(e.overlap) });
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  const speaker = { matched: c.speaker.matched, resolved: r(c.speaker.matched ? c.speaker.resolved / c.speaker.matched : 0), rate: r(c.speaker.resolved ? c.speaker.right / c.speaker.resolved : 0) };
  return { source: el(c.source), cue: el(c.cue), content: el(c.content), attribution: prf(c.attribution), speaker, articles };
}

/** Read PolNeAR converted JSONL (one article a line). */
export function readPolnear(path: string, limit = Infinity): PolnearArticle[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DossierError('E_DATA', `cannot read PolNeAR file ${path}: ${(error as Error).message}. Give the path of train.jsonl or dev.jsonl.`, { cause: error });
  }
  const out: PolnearArticle[] = [];
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let a: PolnearArticle;
    try {
      a = JSON.parse(line) as PolnearArticle;
    } catch (error) {
      throw new DossierError('E_DATA', `${path} line ${i + 1} is not JSON. Give a PolNeAR .jsonl file (one article per line).`, { cause: error });
    }
    if (typeof a.text !== 'string' || !Array.isArray(a.attributions)) {
      throw new DossierError('E_DATA', `${path} line ${i + 1} lacks text or attributions. Give a PolNeAR .jsonl file as converted in shared data.`);
    }
    out.push(a);
  }
  return out;
}

/** Run the analyzer on a text and return the document with attributions. */
export function analyzeForAttribution(text: string): Document {
  let doc = analyzeText(defaultPipeline(), text);
  if (!doc.layers.attributions) doc = withLayers(doc, attributionStage.run(doc, {}).layers);
  return doc;
}

export interface EvaluateResult {
  readonly overall: AttributionReport;
  readonly publishers: Readonly<Record<string, AttributionReport>>;
  readonly tokens: number;
  readonly seconds: number;
}

/**
 * Analyse each article and score it.
 * @example evaluateAttribution(readPolnear('dev.jsonl')).overall.content.overlap.f1
 */
export function evaluateAttribution(articles: readonly PolnearArticle[], analyze: (text: string) => Document = analyzeForAttribution): EvaluateResult {
  const total = emptyCounts();
  const per = new Map<string, { counts: ScoreCounts; n: number }>();
  let tokens = 0;
  let seconds = 0;
  for (const art of articles) {
    const t0 = process.hrtime.bigint();
    const doc = analyze(art.text);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    for (const s of doc.layers.sentences ?? []) tokens += s.tokens.length;
    const attributions = doc.layers.attributions ?? [];
    const pred = attributions.map(toElements);
    const mentions = doc.layers.mentions ?? [];
    scoreArticle(art.text, art.attributions, pred, total);
    scoreSpeakers(art.text, art.attributions, attributions, mentions, total.speaker);
    const p = per.get(art.publisher) ?? { counts: emptyCounts(), n: 0 };
    scoreArticle(art.text, art.attributions, pred, p.counts);
    scoreSpeakers(art.text, art.attributions, attributions, mentions, p.counts.speaker);
    p.n++;
    per.set(art.publisher, p);
  }
  const publishers: Record<string, AttributionReport> = {};
  for (const [k, v] of [...per].sort((x, y) => (x[0] < y[0] ? -1 : 1))) publishers[k] = report(v.counts, v.n);
  return { overall: report(total, articles.length), publishers, tokens, seconds };
}
