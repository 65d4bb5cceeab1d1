/**
 * Events and explanations measured on a hand-annotated set of PolNeAR dev articles (issue 8).
 *
 * The gold file (eval/gold/polnear-dev-events.json, guide in eval/gold/README.md) holds, per
 * article id, events (type, trigger spans, actor mentions, place, time, modality) and
 * explanations (holder mentions, content spans, role). It holds offsets and short labels only;
 * the text comes from the PolNeAR JSONL.
 *
 * Events: a predicted event matches a gold event when
 * - `trigger`: the type is the same and a predicted trigger or evidence span overlaps a gold trigger;
 * - `event`: and an actor of the prediction is an entity with a mention overlapping a gold actor span;
 * - `place`: and the place is right (the predicted place entity has a mention overlapping the gold
 *   place, or both have none);
 * - `modality`: `event` and the same modality.
 * Explanations: a predicted claim matches a gold explanation when
 * - `holder`: the claim's holder is an entity with a mention overlapping a gold holder span;
 * - `explanation`: and the claim's content (its gist evidence or the content of one of its
 *   attributions) overlaps a gold content span.
 * Each level is a one-to-one maximum matching per article, so a split or duplicated prediction
 * counts once. The module returns data; the CLI (`dossier eval events`) prints it.
 */
import { readFileSync } from 'node:fs';
import type { Document, Span } from '../document/index.js';
import { DossierError } from '../errors.js';
import { analyzeText, defaultPipeline } from '../pipeline/index.js';
import { maxMatching, prf, type Counts, type Prf } from './attribution.js';

export type Modality = 'asserted' | 'planned' | 'hypothetical' | 'denied';

export interface GoldEvent {
  readonly id: string;
  readonly type: string;
  readonly label?: string;
  readonly modality: Modality;
  /** Every word in the article that names this event ("visit", "trip", "met"). */
  readonly triggers: readonly Span[];
  /** The actor: its name and the mentions (name, pronoun, description) that stand for it at the triggers. */
  readonly actor: { readonly name: string; readonly spans: readonly Span[] };
  /** A named place, when the article names one for the event. */
  readonly place?: Span;
  readonly time?: Span;
}

export interface GoldExplanation {
  readonly id: string;
  readonly role: 'cause' | 'purpose' | 'consequence';
  readonly label?: string;
  readonly holder: { readonly name: string; readonly spans: readonly Span[] };
  readonly content: readonly Span[];
}

export interface GoldArticle {
  readonly id: string;
  readonly publisher?: string;
  readonly date?: string;
  readonly half?: string;
  readonly main?: string;
  readonly events: readonly GoldEvent[];
  readonly explanations: readonly GoldExplanation[];
}

/** Event levels, from the loosest to the strictest. */
export const EVENT_LEVELS = ['trigger', 'event', 'place', 'modality'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];
export const EXPLANATION_LEVELS = ['holder', 'explanation'] as const;
export type ExplanationLevel = (typeof EXPLANATION_LEVELS)[number];

export interface EventCounts {
  readonly events: Record<EventLevel, Counts>;
  readonly explanations: Record<ExplanationLevel, Counts>;
  /** `event`-level counts per gold or predicted type. */
  readonly types: Record<string, Counts>;
}

const zero = (): Counts => ({ tp: 0, predicted: 0, gold: 0 });
/** Empty counts to add articles into. */
export const emptyEventCounts = (): EventCounts => ({
  events: { trigger: zero(), event: zero(), place: zero(), modality: zero() },
  explanations: { holder: zero(), explanation: zero() },
  types: {},
});

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const anyOverlap = (as: readonly Span[], bs: readonly Span[]): boolean => as.some((a) => bs.some((b) => overlaps(a, b)));

/** A prediction as the scorer sees it: spans already looked up. */
export interface PredictedEvent {
  readonly id: string;
  readonly type: string;
  readonly modality: Modality;
  /** Trigger and evidence spans. */
  readonly spans: readonly Span[];
  /** Mentions of each actor entity. */
  readonly actorMentions: readonly Span[];
  /** Mentions of the place entity; null when the event has no place. */
  readonly placeMentions: readonly Span[] | null;
}

export interface PredictedClaim {
  readonly id: string;
  readonly holderMentions: readonly Span[];
  /** Gist evidence and the content spans of the claim's attributions. */
  readonly content: readonly Span[];
}

/**
 * Map a document's events and claims to what the scorer compares: spans of the mentions of
 * actor, place and holder entities, and every span of evidence.
 * @example const { events, claims } = predictionsOf(analyzeText(defaultPipeline(), text))
 */
export function predictionsOf(doc: Document): { events: PredictedEvent[]; claims: PredictedClaim[] } {
  const mentionSpan = new Map<string, Span>((doc.layers.mentions ?? []).map((m) => [m.id, m]));
  const entitySpans = new Map<string, Span[]>();
  for (const e of doc.layers.entities ?? []) entitySpans.set(e.id, e.mentions.map((id) => mentionSpan.get(id)).filter((s): s is Span => !!s));
  const spansOf = (id: string | undefined | null): Span[] => (id ? (entitySpans.get(id) ?? []) : []);
  const events = (doc.layers.events ?? []).map((v) => ({
    id: v.id,
    type: v.type,
    modality: v.modality,
    spans: [v.trigger, ...v.evidence],
    actorMentions: v.actors.flatMap(spansOf),
    placeMentions: v.place ? spansOf(v.place) : null,
  }));
  const attributions = new Map((doc.layers.attributions ?? []).map((a) => [a.id, a]));
  const claims = (doc.layers.claims ?? []).map((c) => ({
    id: c.id,
    holderMentions: spansOf(c.holder),
    content: [...c.evidence, ...c.attributions.flatMap((id) => attributions.get(id)?.content.spans ?? [])],
  }));
  return { events, claims };
}

/** Whether a prediction matches a gold event at a level. */
export function eventMatches(level: EventLevel, p: PredictedEvent, g: GoldEvent): boolean {
  if (p.type !== g.type || !anyOverlap(p.spans, g.triggers)) return false;
  if (level === 'trigger') return true;
  if (!anyOverlap(p.actorMentions, g.actor.spans)) return false;
  if (level === 'place') return g.place ? !!p.placeMentions && anyOverlap(p.placeMentions, [g.place]) : p.placeMentions === null;
  if (level === 'modality') return p.modality === g.modality;
  return true;
}

/** Whether a predicted claim matches a gold explanation at a level. */
export function explanationMatches(level: ExplanationLevel, p: PredictedClaim, g: GoldExplanation): boolean {
  if (!anyOverlap(p.holderMentions, g.holder.spans)) return false;
  return level === 'holder' || anyOverlap(p.content, g.content);
}

/**
 * Score one article's predictions against its gold, adding into `into`.
 * @example scoreEvents(gold, predictionsOf(doc))
 */
export function scoreEvents(gold: Pick<GoldArticle, 'events' | 'explanations'>, pred: { events: readonly PredictedEvent[]; claims: readonly PredictedClaim[] }, into: EventCounts = emptyEventCounts()): EventCounts {
  const ge = gold.events;
  const pe = pred.events;
  for (const level of EVENT_LEVELS) {
    const c = into.events[level];
    c.gold += ge.length;
    c.predicted += pe.length;
    c.tp += maxMatching(pe.length, ge.length, (i, j) => eventMatches(level, pe[i], ge[j]));
  }
  for (const type of new Set([...ge.map((g) => g.type), ...pe.map((p) => p.type)])) {
    const gs = ge.filter((g) => g.type === type);
    const ps = pe.filter((p) => p.type === type);
    const c = (into.types[type] ??= zero());
    c.gold += gs.length;
    c.predicted += ps.length;
    c.tp += maxMatching(ps.length, gs.length, (i, j) => eventMatches('event', ps[i], gs[j]));
  }
  const gx = gold.explanations;
  const pc = pred.claims;
  for (const level of EXPLANATION_LEVELS) {
    const c = into.explanations[level];
    c.gold += gx.length;
    c.predicted += pc.length;
    c.tp += maxMatching(pc.length, gx.length, (i, j) => explanationMatches(level, pc[i], gx[j]));
  }
  return into;
}

export interface EventsReport {
  readonly articles: number;
  readonly events: Record<EventLevel, Prf & Counts>;
  readonly explanations: Record<ExplanationLevel, Prf & Counts>;
  readonly types: Record<string, Prf & Counts>;
}

const withPrf = (c: Counts): Prf & Counts => ({ ...c, ...prf(c) });

/** Precision, recall and F1 (with the counts) of every level. */
export function eventsReport(c: EventCounts, articles: number): EventsReport {
  const map = <K extends string>(r: Record<K, Counts>): Record<K, Prf & Counts> => Object.fromEntries(Object.entries<Counts>(r).map(([k, v]) => [k, withPrf(v)])) as Record<K, Prf & Counts>;
  const types = Object.fromEntries(Object.entries(c.types).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, withPrf(v)]));
  return { articles, events: map(c.events), explanations: map(c.explanations), types };
}

/** A gold item no prediction matched, or a prediction no gold item matched (for `--errors`). */
export interface EvalError {
  readonly article: string;
  readonly kind: 'missed event' | 'false event' | 'missed explanation' | 'false claim';
  readonly type?: string;
  readonly at: Span;
  readonly note: string;
}

export interface EvaluateEventsResult {
  /** Keyed by half ("A", "B") and "all". */
  readonly halves: Readonly<Record<string, EventsReport>>;
  readonly errors: readonly EvalError[];
  readonly tokens: number;
  readonly seconds: number;
}

export interface PolnearText {
  readonly id: string;
  readonly text: string;
  readonly date?: string;
}

/** Read the gold file. */
export function readEventsGold(path: string): GoldArticle[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DossierError('E_DATA', `cannot read the events gold file ${path}: ${(error as Error).message}. Give eval/gold/polnear-dev-events.json.`, { cause: error });
  }
  let data: { articles?: GoldArticle[] };
  try {
    data = JSON.parse(raw) as { articles?: GoldArticle[] };
  } catch (error) {
    throw new DossierError('E_DATA', `${path} is not JSON. Give eval/gold/polnear-dev-events.json.`, { cause: error });
  }
  if (!Array.isArray(data.articles)) throw new DossierError('E_DATA', `${path} has no "articles" list. Give eval/gold/polnear-dev-events.json.`);
  return data.articles;
}

/** Read the PolNeAR texts of the given ids (id, text, date) from a converted JSONL file. */
export function readPolnearTexts(path: string, ids: ReadonlySet<string>): Map<string, PolnearText> {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DossierError('E_DATA', `cannot read PolNeAR file ${path}: ${(error as Error).message}. Give the path of dev.jsonl.`, { cause: error });
  }
  const out = new Map<string, PolnearText>();
  for (const line of raw.split('\n')) {
    // The id is the first key: skip other articles without parsing them.
    const id = /^\{"id": ?"([^"]+)"/.exec(line)?.[1];
    if (!id || !ids.has(id)) continue;
    const a = JSON.parse(line) as PolnearText;
    out.set(a.id, { id: a.id, text: a.text, date: a.date });
  }
  return out;
}

/** Analyse a text with the standard pipeline, the article's date set so that times normalise. */
export function analyzeWithDate(text: string, date?: string): Document {
  return analyzeText(defaultPipeline(), text, { meta: date ? { date } : {} });
}

function collectErrors(article: string, doc: Document, gold: GoldArticle, pred: { events: readonly PredictedEvent[]; claims: readonly PredictedClaim[] }, out: EvalError[]): void {
  const text = doc.text;
  const words = (s: Span): string => text.slice(s.start, s.end).replace(/\s+/g, ' ').slice(0, 60);
  for (const g of gold.events) if (!pred.events.some((p) => eventMatches('event', p, g))) out.push({ article, kind: 'missed event', type: g.type, at: g.triggers[0], note: `${g.type} "${words(g.triggers[0])}" actor ${g.actor.name}${pred.events.some((p) => eventMatches('trigger', p, g)) ? ' (trigger found, actor wrong)' : ''}` });
  const byId = new Map((doc.layers.events ?? []).map((e) => [e.id, e]));
  const names = new Map((doc.layers.entities ?? []).map((e) => [e.id, e.name]));
  for (const p of pred.events) {
    if (gold.events.some((g) => eventMatches('event', p, g))) continue;
    const e = byId.get(p.id);
    out.push({ article, kind: 'false event', type: p.type, at: e?.trigger ?? p.spans[0], note: `${p.type} "${e ? words(e.trigger) : ''}" actor ${e?.actors.map((a) => names.get(a)).join(', ')} (${e?.rule})` });
  }
  for (const g of gold.explanations) if (!pred.claims.some((p) => explanationMatches('explanation', p, g))) out.push({ article, kind: 'missed explanation', at: g.content[0], note: `${g.holder.name}: ${g.label ?? ''}` });
  const claims = new Map((doc.layers.claims ?? []).map((c) => [c.id, c]));
  for (const p of pred.claims) {
    if (gold.explanations.some((g) => explanationMatches('explanation', p, g))) continue;
    const c = claims.get(p.id);
    out.push({ article, kind: 'false claim', at: c?.evidence[0] ?? { start: 0, end: 0 }, note: `${names.get(c?.holder ?? '') ?? c?.holder}: ${c?.gist.slice(0, 80)}` });
  }
}

/**
 * Analyse each gold article's text and score events and explanations, per half and overall.
 * @example evaluateEvents(readEventsGold('eval/gold/polnear-dev-events.json'), readPolnearTexts('dev.jsonl', ids)).halves.all.events.event.f1
 */
export function evaluateEvents(gold: readonly GoldArticle[], texts: ReadonlyMap<string, PolnearText>, analyze: (text: string, date?: string) => Document = analyzeWithDate): EvaluateEventsResult {
  const counts = new Map<string, { c: EventCounts; n: number }>();
  const add = (key: string, g: GoldArticle, p: ReturnType<typeof predictionsOf>): void => {
    const slot = counts.get(key) ?? { c: emptyEventCounts(), n: 0 };
    scoreEvents(g, p, slot.c);
    slot.n++;
    counts.set(key, slot);
  };
  const errors: EvalError[] = [];
  let tokens = 0;
  let seconds = 0;
  for (const g of gold) {
    const art = texts.get(g.id);
    if (!art) throw new DossierError('E_DATA', `article ${g.id} of the gold file is not in the PolNeAR file. Give the dev split (dev.jsonl) that the gold was made on.`);
    const t0 = process.hrtime.bigint();
    const doc = analyze(art.text, art.date ?? g.date);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    for (const s of doc.layers.sentences ?? []) tokens += s.tokens.length;
    const p = predictionsOf(doc);
    add('all', g, p);
    if (g.half) add(g.half, g, p);
    collectErrors(g.id, doc, g, p, errors);
  }
  const halves: Record<string, EventsReport> = {};
  for (const key of [...counts.keys()].sort()) halves[key] = eventsReport(counts.get(key)!.c, counts.get(key)!.n);
  return { halves, errors, tokens, seconds };
}
