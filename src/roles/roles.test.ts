import { describe, expect, it } from 'vitest';
import { createDocument, withLayers } from '../document/index.js';
import { recogniseEntities } from '../entities/index.js';
import { segment } from '../segment/index.js';
import { findRoles } from './index.js';

function rolesOf(text: string): Record<string, string[]> {
  let doc = withLayers(createDocument(text), { sentences: segment(text) });
  doc = withLayers(doc, { mentions: recogniseEntities(doc) });
  const byId = new Map((doc.layers.mentions ?? []).map((m) => [m.id, text.slice(m.start, m.end)]));
  const out: Record<string, string[]> = {};
  for (const r of findRoles(doc)) {
    expect(text.slice(r.start, r.end).replace(/\s+/g, ' ')).toBe(r.label);
    (out[byId.get(r.mention) ?? '?'] ??= []).push(r.label);
  }
  return out;
}

describe('roles', () => {
  it.each([
    ['Russian Foreign Minister Sergei Lavrov arrived.', 'Sergei Lavrov', 'Russian Foreign Minister'],
    ['He will meet Minister of industry and trade of the Russian Federation Denis Manturov.', 'Denis Manturov', 'Minister of industry and trade of the Russian Federation'],
    ['A view of political analyst Rasim Musabekov.', 'Rasim Musabekov', 'political analyst'],
    ['It was voiced by Milli Majlis mp Zahid Oruj.', 'Zahid Oruj', 'Milli Majlis mp'],
    ['Patrick Caddell, a longtime Democratic pollster, said so.', 'Patrick Caddell', 'longtime Democratic pollster'],
    ['We spoke to Anna Petrova (senior researcher at the institute).', 'Anna Petrova', 'senior researcher at the institute'],
    ['Press secretary of the President of Russia Dmitry Peskov declined to comment.', 'Dmitry Peskov', 'Press secretary of the President of Russia'],
    ['The director of the Carnegie Moscow Center Dmitri Trenin disagreed.', 'Dmitri Trenin', 'director of the Carnegie Moscow Center'],
    ['He held talks with the chief of General staff of the armed forces of Iran Mohammad Bagheri.', 'Mohammad Bagheri', 'chief of General staff of the armed forces of Iran'],
    ['The official representative of "Gazprom" Sergei Kupriyanov said so.', 'Sergei Kupriyanov', 'official representative of "Gazprom"'],
    ['This was stated by the press secretary of the Russian president Dmitry Peskov.', 'Dmitry Peskov', 'press secretary of the Russian president'],
    ['It was said by Alan Krueger, the former chairman of President Barack Obama’s council.', 'Barack Obama', 'President'],
  ])('should read the role in %j', (text, person, role) => {
    expect(rolesOf(text)[person]).toEqual([role]);
  });

  it('should not take a verb phrase or another name for a role', () => {
    expect(rolesOf('The minister said that Sergei Lavrov would come.')).toEqual({});
    expect(rolesOf('Lavrov met Sergei Shoigu, and they talked.')).toEqual({});
  });
});
