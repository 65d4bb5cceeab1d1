import { describe, expect, it } from 'vitest';
import { createDocument, type Document } from '../document/index.js';
import { defaultPipeline } from '../pipeline/index.js';

const ARTICLE = `Why did Prime Minister Nikol Pashinyan fly to Paris?

Armenian Prime Minister Nikol Pashinyan arrived in Paris on Monday. As reported by the Armenian Foreign Ministry, during the visit Pashinyan will discuss "defence cooperation and the peace process" with President Emmanuel Macron.

Political analyst Tigran Grigoryan believes that Pashinyan's visit is connected with the search for new arms suppliers. "Moscow threatens our security," Grigoryan said.

Another version was voiced by the opposition deputy Artur Vanetsyan. In his view, the purpose of the trip is to secure French support before the talks with Baku.

The economist Anna Petrosyan said that prices in Yerevan rose by ten per cent.`;

function analyse(text: string): Document {
  return defaultPipeline().run(createDocument(text));
}

describe('claims', () => {
  const doc = analyse(ARTICLE);
  const name = new Map((doc.layers.entities ?? []).map((e) => [e.id, e.name]));
  const claims = doc.layers.claims ?? [];

  it('should be about the headline event', () => {
    const main = (doc.layers.events ?? []).find((v) => v.id === claims[0]?.about);
    expect(main?.type).toBe('visit');
    expect(main?.actors.map((a) => name.get(a))).toEqual(['Nikol Pashinyan']);
  });

  it('should give one claim per holder of an explanation, each with its evidence', () => {
    const holders = claims.map((c) => name.get(c.holder));
    expect(holders).toEqual(expect.arrayContaining(['Tigran Grigoryan', 'Artur Vanetsyan']));
    expect(new Set(holders).size).toBe(holders.length);
    const grigoryan = claims.find((c) => name.get(c.holder) === 'Tigran Grigoryan');
    expect(grigoryan?.gist).toMatch(/connected with the search for new arms suppliers/);
    for (const c of claims) for (const e of c.evidence) expect(doc.text.slice(e.start, e.end).length).toBeGreaterThan(0);
  });

  it('should leave out statements that do not explain the event', () => {
    expect(claims.map((c) => name.get(c.holder))).not.toContain('Anna Petrosyan');
  });
});

describe('relations', () => {
  const doc = analyse(ARTICLE);
  const name = new Map((doc.layers.entities ?? []).map((e) => [e.id, e.name]));
  const rel = (doc.layers.relations ?? []).map((r) => `${name.get(r.from)} ${r.kind} ${name.get(r.to)} ${r.sign}`);

  it('should link a visitor to the place visited, as cooperation', () => {
    expect(rel).toContain('Nikol Pashinyan visits Paris cooperation');
  });

  it('should link a speaker to whom they speak about, with the sign of the words around', () => {
    expect(rel).toContain('Tigran Grigoryan speaks-about Moscow conflict');
  });
});
