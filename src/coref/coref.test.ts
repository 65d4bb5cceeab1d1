import { describe, expect, it } from 'vitest';
import { createDocument, type Document } from '../document/index.js';
import { buildPipeline } from '../pipeline/index.js';
import { segmentStage } from '../segment/index.js';
import { entitiesStage } from '../entities/index.js';
import { rolesStage } from '../roles/index.js';
import { corefStage } from './index.js';

const pipeline = buildPipeline([segmentStage, entitiesStage, rolesStage, corefStage]);
const analyse = (text: string): Document => pipeline.run(createDocument(text));

/** The entity name each mention of `surface` resolves to, in order. */
function resolved(doc: Document, surface: string): string[] {
  const entities = doc.layers.entities ?? [];
  return (doc.layers.mentions ?? [])
    .filter((m) => doc.text.slice(m.start, m.end) === surface)
    .map((m) => entities.find((e) => e.id === m.entity)?.name ?? '?');
}

describe('coreference', () => {
  it('should join a short name to the full name', () => {
    const doc = analyse('Foreign Minister Sergei Lavrov arrived. Lavrov spoke.');
    expect(resolved(doc, 'Lavrov')).toEqual(['Sergei Lavrov']);
  });

  it('should resolve "the first" and "the latter" to the pair just named', () => {
    const doc = analyse('Neither Lavrov nor President Ilham Aliyev spoke much. The first said little. The latter said less.');
    expect(resolved(doc, 'The first')).toEqual(['Lavrov']);
    expect(resolved(doc, 'The latter')).toEqual(['Ilham Aliyev']);
  });

  it('should resolve "the diplomat" and "the minister" to a foreign ministry spokesman and a defence secretary', () => {
    const doc = analyse(
      'Foreign Ministry spokesman Li Wenjun accused the navy of provocations. "We will respond," the diplomat said. ' +
        'Defense Secretary Gil Marcos rejected the claim. The minister said the mission was lawful.',
    );
    expect(resolved(doc, 'the diplomat')).toEqual(['Li Wenjun']);
    expect(resolved(doc, 'The minister')).toEqual(['Gil Marcos']);
  });

  it('should resolve "the latter" after a sentence that names one person to that person', () => {
    const doc = analyse('Prime Minister Nikol Sargsyan spoke first. Earlier, Deputy Chairman Dmitry Orlov said the doors were open. The latter added that neighbours would come.');
    expect(resolved(doc, 'The latter')).toEqual(['Dmitry Orlov']);
  });

  it('should match a nationality to its country under another name ("the Turkish minister", "Minister of Energy of Turkey")', () => {
    const doc = analyse('Minister of Energy of Turkey Ali Demir spoke. Minister of Energy of Azerbaijan Ivan Petrov agreed. The Turkish minister also stated that talks went well.');
    expect(resolved(doc, 'The Turkish minister')).toEqual(['Ali Demir']);
  });

  it('should not resolve an object pronoun to the subject of its own clause', () => {
    const doc = analyse('Political analyst Ivan Petrov believes that the talks are deadlocked. Economist Oleg Sidorov disagreed with him.');
    expect(resolved(doc, 'him')).toEqual(['Ivan Petrov']);
    const told = analyse('Minister Ivan Kovalev said that President Oleg Sidorov had told him about it.');
    expect(resolved(told, 'him')).toEqual(['Ivan Kovalev']);
  });

  it('should resolve a subject pronoun to the agent of a passive sentence before it', () => {
    const doc = analyse("Another version of Smith's trip was given by political analyst John Brown. In his view, the trip failed. He also believes more.");
    expect(resolved(doc, 'his')).toEqual(['John Brown']);
    expect(resolved(doc, 'He')).toEqual(['John Brown']);
  });

  it('should resolve a description to the latest person with a fitting role and nationality', () => {
    const doc = analyse(
      'Kazakh President Kassym-Jomart Tokayev met Russian President Vladimir Putin. The Kazakh President then left, and the analyst Ivan Petrov commented. The expert was sceptical.',
    );
    expect(resolved(doc, 'The Kazakh President')).toEqual(['Kassym-Jomart Tokayev']);
    expect(resolved(doc, 'The expert')).toEqual(['Ivan Petrov']);
  });

  it('should join places under their canonical name and organisations by their content words', () => {
    const doc = analyse('The Ministry of Foreign Affairs of Russia spoke. In the RUSSIAN FEDERATION, the Russian Foreign Ministry is powerful. Russia agreed.');
    const names = (doc.layers.entities ?? []).map((e) => `${e.type}:${e.name}:${e.mentions.length}`);
    expect(names).toContain('ORG:Ministry of Foreign Affairs of Russia:2');
    expect(names).toContain('LOC:Russia:2');
  });

  it('should attach roles to the entity', () => {
    const doc = analyse('Political analyst Rasim Musabekov, a member of parliament, disagreed. Musabekov left.');
    const e = (doc.layers.entities ?? []).find((x) => x.name === 'Rasim Musabekov');
    expect(e?.roles).toEqual(['Political analyst', 'member of parliament']);
  });
});

describe('coreference of organisations', () => {
  it('should join an acronym to the name it stands for, before or after it', () => {
    const doc = pipeline.run(
      createDocument('The Collective Security Treaty Organization sent observers. Later the CSTO left. NATO said so, and the North Atlantic Treaty Organization agreed.'),
    );
    const orgs = (doc.layers.entities ?? []).filter((e) => e.type === 'ORG').map((e) => `${e.name}:${e.mentions.length}`);
    expect(orgs).toContain('Collective Security Treaty Organization:2');
    expect(orgs).toContain('North Atlantic Treaty Organization:2');
  });
});
