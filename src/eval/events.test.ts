import { describe, expect, it } from 'vitest';
import type { Document } from '../document/index.js';
import { emptyEventCounts, eventsReport, predictionsOf, scoreEvents, type GoldArticle, type PredictedClaim, type PredictedEvent } from './events.js';

const text = 'Lavrov visited Baku on Monday. He will meet Aliyev. Analyst Rasim Musabekov said the purpose of the visit was to convince Baku.';
const at = (s: string, from = 0) => {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`not in text: ${s}`);
  return { start, end: start + s.length };
};

const gold: GoldArticle = {
  id: 'case',
  events: [
    { id: 'g1', type: 'visit', modality: 'asserted', triggers: [at('visited')], actor: { name: 'Lavrov', spans: [at('Lavrov')] }, place: at('Baku'), time: at('Monday') },
    { id: 'g2', type: 'meeting', modality: 'planned', triggers: [at('meet')], actor: { name: 'Lavrov', spans: [at('He')] } },
  ],
  explanations: [{ id: 'x1', role: 'purpose', holder: { name: 'Rasim Musabekov', spans: [at('Rasim Musabekov')] }, content: [at('the purpose of the visit was to convince Baku')] }],
};

const visit: PredictedEvent = { id: 'v1', type: 'visit', modality: 'asserted', spans: [at('visited')], actorMentions: [at('Lavrov'), at('He')], placeMentions: [at('Baku')] };
const meet: PredictedEvent = { id: 'v2', type: 'meeting', modality: 'planned', spans: [at('meet')], actorMentions: [at('Lavrov'), at('He')], placeMentions: null };
const claim: PredictedClaim = { id: 'c1', holderMentions: [at('Rasim Musabekov')], content: [at('the visit was to convince')] };

describe('events scorer', () => {
  it('should score a perfect prediction as 1 at every level', () => {
    const r = eventsReport(scoreEvents(gold, { events: [visit, meet], claims: [claim] }), 1);
    for (const level of ['trigger', 'event', 'place', 'modality'] as const) expect(r.events[level].f1).toBe(1);
    expect(r.explanations.explanation.f1).toBe(1);
  });

  it('should not match an event of another type on the same word', () => {
    const c = scoreEvents(gold, { events: [{ ...visit, type: 'meeting' }], claims: [] });
    expect(c.events.trigger.tp).toBe(0);
  });

  it('should match the trigger but not the event when the actor has no mention on the gold actor', () => {
    const c = scoreEvents(gold, { events: [{ ...visit, actorMentions: [at('Aliyev')] }], claims: [] });
    expect([c.events.trigger.tp, c.events.event.tp]).toEqual([1, 0]);
  });

  it('should count a place as wrong when the gold has none and as right only when it overlaps the gold place', () => {
    const c = scoreEvents(gold, { events: [visit, { ...meet, placeMentions: [at('Baku')] }], claims: [] });
    expect([c.events.event.tp, c.events.place.tp]).toEqual([2, 1]);
  });

  it('should require the same modality at the modality level', () => {
    const c = scoreEvents(gold, { events: [visit, { ...meet, modality: 'asserted' }], claims: [] });
    expect([c.events.event.tp, c.events.modality.tp]).toEqual([2, 1]);
  });

  it('should match one prediction to one gold event only (a duplicate is a false positive)', () => {
    const r = eventsReport(scoreEvents(gold, { events: [visit, { ...visit, id: 'v3' }], claims: [] }), 1);
    expect(r.events.event).toMatchObject({ tp: 1, predicted: 2, gold: 2, precision: 0.5, recall: 0.5 });
  });

  it('should count a claim with the right holder but other content as holder-only', () => {
    const c = scoreEvents(gold, { events: [], claims: [{ ...claim, content: [at('He will meet')] }] });
    expect([c.explanations.holder.tp, c.explanations.explanation.tp]).toEqual([1, 0]);
  });

  it('should reject a claim whose holder is someone else', () => {
    const c = scoreEvents(gold, { events: [], claims: [{ ...claim, holderMentions: [at('Lavrov')] }] });
    expect(c.explanations.holder.tp).toBe(0);
  });

  it('should give 0, not NaN, when there is nothing to score', () => {
    const r = eventsReport(emptyEventCounts(), 0);
    expect(r.events.event).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('should add counts per type', () => {
    const c = scoreEvents(gold, { events: [visit], claims: [] });
    expect(c.types).toEqual({ visit: { tp: 1, predicted: 1, gold: 1 }, meeting: { tp: 0, predicted: 0, gold: 1 } });
  });
});

describe('predictionsOf', () => {
  it('should map entity ids to the spans of their mentions and collect claim content', () => {
    const m = (id: string, s: string, from = 0) => ({ id, ...at(s, from), label: 'PERSON' as const, kind: 'name' as const, evidence: [], rule: 't' });
    const doc = {
      id: 'd', text, source: { format: 'text' }, meta: {}, removed: [], messages: [],
      layers: {
        mentions: [m('m1', 'Lavrov'), m('m2', 'Baku'), m('m3', 'Rasim Musabekov')],
        entities: [
          { id: 'e1', type: 'PERSON', name: 'Lavrov', roles: [], mentions: ['m1'] },
          { id: 'e2', type: 'LOC', name: 'Baku', roles: [], mentions: ['m2'] },
          { id: 'e3', type: 'PERSON', name: 'Rasim Musabekov', roles: [], mentions: ['m3'] },
        ],
        events: [{ id: 'v1', start: 0, end: 20, label: 'visit', type: 'visit', actors: ['e1'], targets: [], place: 'e2', modality: 'asserted', trigger: at('visited'), evidence: [at('visited')], rule: 't' }],
        attributions: [{ id: 'a1', start: 0, end: 1, label: 'indirect', kind: 'indirect', source: { ...at('Rasim Musabekov'), entity: 'e3' }, cue: { ...at('said'), spans: [at('said')] }, content: { ...at('the purpose of the visit'), spans: [at('the purpose of the visit')] }, evidence: [], rule: 't' }],
        claims: [{ id: 'c1', holder: 'e3', attributions: ['a1'], about: 'v1', gist: 'g', evidence: [], rule: 't' }],
      },
    } as unknown as Document;
    const p = predictionsOf(doc);
    expect(p.events[0]).toMatchObject({ actorMentions: [at('Lavrov')], placeMentions: [at('Baku', 10)] });
    expect(p.claims[0]).toMatchObject({ holderMentions: [at('Rasim Musabekov')], content: [at('the purpose of the visit')] });
    expect(eventsReport(scoreEvents(gold, p), 1).explanations.explanation.tp).toBe(1);
  });
});
