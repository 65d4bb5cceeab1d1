import { describe, expect, it } from 'vitest';
import { createDocument, type Document } from '../document/index.js';
import { buildPipeline } from '../pipeline/index.js';
import { segmentStage } from '../segment/index.js';
import { entitiesStage } from '../entities/index.js';
import { rolesStage } from '../roles/index.js';
import { corefStage } from '../coref/index.js';
import { eventsStage, normaliseTime } from './index.js';

const pipeline = buildPipeline([segmentStage, entitiesStage, rolesStage, corefStage, eventsStage]);

function events(text: string, date?: string) {
  const doc: Document = pipeline.run(createDocument(text, { meta: date ? { date } : {} }));
  const name = new Map((doc.layers.entities ?? []).map((e) => [e.id, e.name]));
  return (doc.layers.events ?? []).map((v) => ({
    type: v.type,
    actor: v.actors.map((a) => name.get(a)).join(','),
    place: v.place ? name.get(v.place) : undefined,
    targets: v.targets.map((a) => name.get(a)),
    modality: v.modality,
    date: v.date,
    cameo: v.cameo,
  }));
}

describe('events', () => {
  it.each([
    ['Foreign Minister Sergei Lavrov arrived in Baku on Monday.', { type: 'visit', actor: 'Sergei Lavrov', place: 'Baku', cameo: '042' }],
    ['The visit of the Foreign Minister of Armenia Ararat Mirzoyan to Turkey ended.', { type: 'visit', actor: 'Ararat Mirzoyan', place: 'Turkey' }],
    ["President Emmanuel Macron's visit to Berlin was short.", { type: 'visit', actor: 'Emmanuel Macron', place: 'Berlin' }],
    ['President Ivan Petrov held a telephone conversation with Armenian Prime Minister Nikol Sargsyan.', { type: 'call', actor: 'Ivan Petrov', targets: ['Nikol Sargsyan'] }],
    ['Defence Minister Ivan Petrov arrived on Tuesday with an official visit to Tehran.', { type: 'visit', actor: 'Ivan Petrov', place: 'Tehran' }],
    ['Minister Ivan Petrov held negotiations with the chief of General staff of the armed forces of Iran Mohammad Bagheri.', { type: 'meeting', actor: 'Ivan Petrov', targets: ['Mohammad Bagheri'] }],
    ['Minister of Energy of Azerbaijan Ivan Petrov and Minister of Energy of Turkey Ali Demir signed a memorandum.', { type: 'agreement', actor: 'Ivan Petrov,Ali Demir' }],
    ['President Ivan Petrov held bilateral talks with German Chancellor Olaf Weber.', { type: 'meeting', actor: 'Ivan Petrov', targets: ['Olaf Weber'] }],
    ['Prime Minister Nikol Pashinyan will visit Moscow next week.', { type: 'visit', actor: 'Nikol Pashinyan', place: 'Moscow', modality: 'planned' }],
    ['Georgia will visit Minister of Energy Levan Davitashvili.', { type: 'visit', actor: 'Levan Davitashvili', place: 'Georgia', modality: 'planned' }],
    ['President Ilham Aliyev met President Recep Tayyip Erdogan in Ankara.', { type: 'meeting', actor: 'Ilham Aliyev', targets: ['Recep Tayyip Erdogan'], place: 'Ankara' }],
    ['Chancellor Olaf Scholz did not visit Kyiv.', { type: 'visit', actor: 'Olaf Scholz', modality: 'denied' }],
    ['Senator Maria Lopez headed to Denver on Friday.', { type: 'visit', actor: 'Maria Lopez', place: 'Denver' }],
    ['Governor Tom Baker called Angela Merkel on Friday.', { type: 'call', actor: 'Tom Baker' }],
  ])('should read %j', (text, expected) => {
    expect(events(text)).toContainEqual(expect.objectContaining(expected));
  });

  it('should normalise the time against the article date', () => {
    const got = events('About a month ago, Foreign Minister Jeyhun Bayramov had made a visit to Paris.', '2024-07-15');
    expect(got).toContainEqual(expect.objectContaining({ actor: 'Jeyhun Bayramov', place: 'Paris', date: '2024-06' }));
  });

  it('should find no event without an actor', () => {
    expect(events('The visit was long and the talks were hard.')).toEqual([]);
    expect(events('Mr. Morgan said he has already completed a good deal of reclamation work.')).toEqual([]);
    expect(events('"Moscow shows the West that it has allies," the analyst Ivan Petrov said in a conversation with the newspaper Izvestia.')).toEqual([]);
  });
});

describe('normaliseTime', () => {
  it.each([
    ['last week', '2016-07-14', '2016-07-04'],
    ['about a month ago', '2016-07-14', '2016-06'],
    ['in September', '2016-07-14', '2016-09'],
    ['in the year 2017', undefined, '2017'],
    ['three years ago', '2016-07-14', '2013'],
    ['on Tuesday', '2016-07-14', '2016-07-12'],
    ['yesterday', '2016-07-14', '2016-07-13'],
    ['last week', undefined, undefined],
  ])('%s (article of %s) -> %s', (expr, date, want) => {
    expect(normaliseTime(expr, date)).toBe(want);
  });

  it.each([
    ['Senator Maria Lopez is going to win the vote.'],
    ['Senator Maria Lopez did not meet the polling threshold.'],
    ['Senator Maria Lopez attacked Governor Tom Baker over his taxes.'],
    ['Governor Tom Baker called Senator Maria Lopez a liar.'],
    ['In Peru, Governor Tom Baker met his wife, Ana Ruiz.'],
  ])('should find no event in %j', (text) => {
    expect(events(text)).toEqual([]);
  });
});
