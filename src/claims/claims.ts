import { sentenceAt, type Attribution, type Claim, type Document, type Event } from '../document/index.js';
import { EXPLANATION_MARKERS, VIEW_CUES } from './rules/markers.js';

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
  const main = mainEvent(doc, events);
  if (!main || !attributions.length) return [];
  const actor = entities.find((e) => e.id === main.actors[0]);
  const mentionIds = new Set(actor?.mentions ?? []);
  const actorSpans = (doc.layers.mentions ?? []).filter((m) => mentionIds.has(m.id));
  const eventWord = new RegExp(`\\b(?:${eventWords(main.type).join('|')})\\b`, 'i');
  const text = doc.text;

  const byHolder = new Map<string, { attributions: Attribution[]; best?: Attribution; score: number }>();
  for (const a of attributions) {
    const holder = a.source?.entity;
    if (!holder) continue;
    const content = a.content.spans.map((s) => text.slice(s.start, s.end)).join(' ');
    const si = sentenceAt(sentences, a.content.start);
    const sentence = si >= 0 ? text.slice(sentences[si].start, sentences[si].end) : content;
    const namesActor = actorSpans.some((m) => m.start >= a.content.start && m.end <= a.content.end);
    const namesEvent = eventWord.test(content) || (eventWord.test(sentence) && viewCue.test(text.slice(a.cue.start, a.cue.end)));
    if (!namesActor && !namesEvent) continue;
    // Words enough to state a version, and no other actor's event in place of the main one.
    if (content.split(/\s+/).length < 4) continue;
    if (!namesActor && otherEventInside(events, main, a)) continue;
    const explains = marker.test(content);
    const view = viewCue.test(text.slice(a.cue.start, a.cue.end)) || viewCue.test(sentence.slice(0, 40));
    if (!explains && !view) continue;
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
      about: main.id,
      gist: gist(text, best),
      evidence: best.content.spans,
      rule: 'claims/explanation-by-holder',
    });
  }
  return claims;
}

/** True when an event of another actor lies inside the attribution's content. */
function otherEventInside(events: readonly Event[], main: Event, a: Attribution): boolean {
  return events.some((e) => e.id !== main.id && e.actors[0] !== main.actors[0] && e.trigger.start >= a.content.start && e.trigger.end <= a.content.end);
}

/** The event in the headline (the first sentence) if there is one, else the one with the most evidence. */
export function mainEvent(doc: Document, events: readonly Event[]): Event | undefined {
  const first = doc.layers.sentences?.[0];
  const inTitle = first ? events.find((e) => e.trigger.start >= first.start && e.trigger.end <= first.end) : undefined;
  if (inTitle) return inTitle;
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

