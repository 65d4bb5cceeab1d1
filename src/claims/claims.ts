import { sentenceAt, spansWithin, type Attribution, type Claim, type Document, type Event } from '../document/index.js';
import { EXPLANATION_MARKERS, STOP_WORDS, VIEW_CUES } from './rules/markers.js';

const marker = new RegExp(`\\b(?:${EXPLANATION_MARKERS.map((m) => m.replace(/ /g, '\\s+')).join('|')})\\b`, 'i');
const viewCue = new RegExp(`\\b(?:${VIEW_CUES.join('|')})\\b`, 'i');

/**
 * Competing explanations. The question is the article's main event: the event in the
 * headline, or else the event reported most often. An attribution answers it when its
 * content (or the sentence it sits in) names the event's actor or event word and it
 * explains (a purpose, cause or link word) or states a view (believes, in his view,
 * according to). The answers are grouped by holder, one claim each, with every
 * attribution as evidence and the most explanatory content as the gist. Attributions
 * with no resolved holder are left out: a version needs someone who holds it.
 */
export function findClaims(doc: Document): Claim[] {
  const events = doc.layers.events ?? [];
  const attributions = doc.layers.attributions ?? [];
  const entities = doc.layers.entities ?? [];
  const sentences = doc.layers.sentences ?? [];
  const mentions = doc.layers.mentions ?? [];
  const text = doc.text;
  const main = mainEvent(doc, events);
  const title = sentences[0];
  if (!attributions.length || (!main && !title)) return [];
  const actor = main ? entities.find((e) => e.id === main.actors[0]) : undefined;
  const mentionIds = new Set(actor?.mentions ?? []);
  // Sorted by start, so that each attribution reads only the spans inside its content (linear in the text).
  const byStart = <T extends { start: number }>(xs: T[]): T[] => xs.sort((x, y) => x.start - y.start);
  const actorSpans = byStart(mentions.filter((m) => mentionIds.has(m.id)));
  const eventWord = main ? new RegExp(`\\b(?:${eventWords(main.type).join('|')})\\b`, 'i') : /(?!)/;
  // The headline's question: the entities it names and its topic words.
  const titleEntities = new Set(title ? mentions.filter((m) => m.entity && m.start >= title.start && m.end <= title.end).map((m) => m.entity as string) : []);
  const titleStems = title ? stems(text.slice(title.start, title.end)) : new Set<string>();
  // Mentions, after the headline, of someone the headline names.
  const echoes = byStart(mentions.filter((m) => m.entity && titleEntities.has(m.entity) && !(title && m.start < title.end)));
  const triggers = byStart(events.filter((e) => e.id !== main?.id && e.actors[0] !== main?.actors[0]).map((e) => ({ ...e.trigger })));

  const byHolder = new Map<string, { attributions: Attribution[]; best?: Attribution; score: number }>();
  for (const a of attributions) {
    const holder = a.source?.entity;
    if (!holder) continue;
    const content = a.content.spans.map((s) => text.slice(s.start, s.end)).join(' ');
    const si = sentenceAt(sentences, a.content.start);
    const sentence = si >= 0 ? text.slice(sentences[si].start, sentences[si].end) : content;
    const namesActor = spansWithin(actorSpans, a.content.start, a.content.end).length > 0;
    const namesEvent = eventWord.test(content) || (eventWord.test(sentence) && viewCue.test(text.slice(a.cue.start, a.cue.end)));
    // Or it takes up the headline: names someone the headline names, or shares two of its topic words.
    const namesHeadline =
      spansWithin(echoes, a.content.start, a.content.end).some((m) => m.entity !== holder) ||
      shared(stems(content), titleStems) >= 2;
    if (!namesActor && !namesEvent && !namesHeadline) continue;
    // Words enough to state a version, and no other actor's event in place of the main one.
    if (content.split(/\s+/).length < 4) continue;
    // No other actor's event in place of the main one.
    if (!namesActor && main && spansWithin(triggers, a.content.start, a.content.end).length > 0) continue;
    const explains = marker.test(content);
    const view = viewCue.test(text.slice(a.cue.start, a.cue.end)) || viewCue.test(sentence.slice(0, 40));
    // A view is a version of the main event; on the headline's question only an explanation is.
    if (!explains && !(view && (namesActor || namesEvent))) continue;
    const score = (explains ? 2 : 0) + (view ? 1 : 0) + (namesEvent ? 1 : 0) + (content.length > 60 ? 1 : 0);
    const group = byHolder.get(holder) ?? { attributions: [], score: -1 };
    group.attributions.push(a);
    if (score > group.score) {
      group.best = a;
      group.score = score;
    }
    byHolder.set(holder, group);
  }
  const claims: Claim[] = [];
  for (const [holder, g] of byHolder) {
    const best = g.best as Attribution;
    claims.push({
      id: `c${claims.length + 1}`,
      holder,
      attributions: g.attributions.map((a) => a.id),
      about: main ? main.id : text.slice(title.start, title.end).replace(/\s+/g, ' ').replace(/[.\s]+$/, '').slice(0, 120),
      gist: gist(text, best),
      evidence: best.content.spans,
      rule: 'claims/explanation-by-holder',
    });
  }
  return claims;
}

/** Topic words of a text: lower-cased words of four letters or more, not stop words, cut to five letters (a crude stem). */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) if (!STOP_WORDS.has(w)) out.add(w.slice(0, 5));
  return out;
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/**
 * The event in the headline (the first sentence) if there is one; else one whose actor, place or
 * partner the headline names ("Shoigu in Tehran: ..." and, later, "Shoigu arrived in Tehran"), the
 * earliest of them; else the one with the most evidence.
 */
export function mainEvent(doc: Document, events: readonly Event[]): Event | undefined {
  const first = doc.layers.sentences?.[0];
  const inTitle = first ? events.find((e) => e.trigger.start >= first.start && e.trigger.end <= first.end) : undefined;
  if (inTitle) return inTitle;
  if (first) {
    const named = new Set((doc.layers.mentions ?? []).filter((m) => m.entity && m.start >= first.start && m.end <= first.end).map((m) => m.entity as string));
    const echoes = events.filter((e) => [...e.actors, ...e.targets, ...(e.place ? [e.place] : [])].some((id) => named.has(id)));
    if (echoes.length) return [...echoes].sort((a, b) => b.evidence.length - a.evidence.length || a.start - b.start)[0];
  }
  return [...events].sort((a, b) => b.evidence.length - a.evidence.length)[0];
}

function eventWords(type: string): string[] {
  switch (type) {
    case 'visit':
      return ['visit', 'visits', 'visited', 'arrival', 'arrived', 'trip', 'flew', 'came', 'come'];
    case 'meeting':
      return ['meeting', 'met', 'talks', 'negotiations', 'summit'];
    default:
      return [type];
  }
}

function gist(text: string, a: Attribution): string {
  const content = a.content.spans
    .map((s) => text.slice(s.start, s.end))
    .join(' … ')
    .replace(/\s+/g, ' ')
    .replace(/^(?:that|"|“|«)\s*/i, '')
    .trim();
  return content.length > 220 ? `${content.slice(0, 219).trimEnd()}…` : content;
}

