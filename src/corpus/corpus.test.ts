import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../util/hash.js';
import { HASHES, jaccard, NEAR_DUPLICATE, SHINGLE, signature } from './minhash.js';
import { acronym, jaroWinkler, nameKey, personParts, translit } from './names.js';
import { proposeMerges, type ActorInfo } from './resolve.js';
import { readCorpus, type CorpusEntry } from './sources.js';
import { article, atom, rss, tempDir, warc } from './fixtures/make.js';

const collect = async (paths: string[]): Promise<CorpusEntry[]> => {
  const out: CorpusEntry[] = [];
  for await (const e of readCorpus(paths)) out.push(e);
  return out;
};

describe('names', () => {
  it.each([
    ['Sergei', 'Sergey'],
    ['Mammadyarov', 'Mamadyarov'],
    ['Aliyev', 'Aliev'],
    ['Khodorkovsky', 'Hodorkovskiy'],
    ['Dmitry', 'Dmitriy'],
    ['Alexei', 'Aleksey'],
    ['Zelensky', 'Zelenskyy'],
    ['Tokayev', 'Tokaev'],
    ['Məmmədyarov', 'Mammadyarov'],
  ])('should fold the transliteration variants %s and %s to one key', (a, b) => {
    expect(translit(a)).toBe(translit(b));
  });

  it('should keep Mammadyarov and Mamedyarov apart in spelling but close in similarity', () => {
    expect(jaroWinkler(translit('Mammadyarov'), translit('Mamedyarov'))).toBeGreaterThan(0.9);
    expect(jaroWinkler(translit('Putin'), translit('Patton'))).toBeLessThan(0.85);
  });

  it('should drop titles, company suffixes and "the" from keys', () => {
    expect(nameKey('PERSON', 'Mr. Sergei Lavrov')).toBe('sergei lavrov');
    expect(nameKey('ORG', 'The Gazprom PJSC')).toBe('gazprom');
    expect(personParts('Sergei Viktorovich Lavrov')).toEqual({ first: 'sergei', last: 'lavrov' });
    expect(acronym('North Atlantic Treaty Organization')).toBe('NATO');
  });
});

describe('proposeMerges', () => {
  const actor = (id: number, type: string, name: string, articles = 1): ActorInfo => ({ id, type, name, key: nameKey(type, name), articles });

  it('should merge transliteration variants of one person, with evidence', () => {
    const merges = proposeMerges([actor(1, 'PERSON', 'Sergei Lavrov', 3), actor(2, 'PERSON', 'Sergey Lavrov'), actor(3, 'PERSON', 'Elmar Mammadyarov'), actor(4, 'PERSON', 'Elmar Mamedyarov', 2)]);
    const pairs = merges.map((m) => [m.rule, m.winner, m.loser]);
    expect(pairs).toContainEqual(['transliteration', 1, 2]);
    expect(pairs).toContainEqual(['transliteration', 4, 3]);
    const m = merges.find((x) => x.loser === 3)!;
    expect(m.evidence).toMatchObject({ names: ['Elmar Mammadyarov', 'Elmar Mamedyarov'] });
    expect(m.score).toBeGreaterThan(0.9);
  });

  it('should not merge different people with similar surnames or other first names', () => {
    const merges = proposeMerges([actor(1, 'PERSON', 'Vladimir Putin'), actor(2, 'PERSON', 'George Patton'), actor(3, 'PERSON', 'Hillary Clinton'), actor(4, 'PERSON', 'Bill Clinton')]);
    expect(merges).toEqual([]);
  });

  it('should merge an acronym into the one organisation with those initials, and an alias seen inside an article', () => {
    const merges = proposeMerges(
      [actor(1, 'ORG', 'North Atlantic Treaty Organization', 2), actor(2, 'ORG', 'NATO', 5), actor(3, 'ORG', 'Gazprom'), actor(4, 'ORG', 'Gazprom Neft'), actor(5, 'PERSON', 'Lavrov'), actor(6, 'PERSON', 'Sergei Lavrov')],
      [{ type: 'ORG', aliasKey: 'gazprom', nameKey: 'gazprom neft', articles: ['d1'] }],
    );
    expect(merges.map((m) => [m.rule, m.winner, m.loser])).toEqual(
      expect.arrayContaining([
        ['acronym', 1, 2],
        ['alias-in-article', 4, 3],
        ['surname-only', 6, 5],
      ]),
    );
  });

  it.each([
    ['a surname shared by two full names', ['Clinton', 'Hillary Clinton', 'Bill Clinton']],
    ['a father and his son', ['Donald Trump', 'Donald Trump Jr.']],
    ['a first name and a surname spelled like it', ['Terrence', 'Nsanze Terence', 'Terrence Howard']],
    ['a short name and a longer surname', ['Del', 'Michael Dell']],
  ])('should not merge %s', (_, names) => {
    expect(proposeMerges(names.map((n, i) => actor(i + 1, 'PERSON', n)))).toEqual([]);
  });
});

describe('minhash', () => {
  it('should find a light rewrite similar and another story not', () => {
    const a = article(1) + article(2);
    const rewrite = a.replace('arrived in', 'came to').replace('told reporters', 'said');
    expect(jaccard(signature(a), signature(a))).toBe(1);
    expect(jaccard(signature(a), signature(rewrite))).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
    expect(jaccard(signature(a), signature(article(200) + article(301)))).toBeLessThan(0.3);
  });

  it('should give each hash the least value over the shingles, each hashed as its words joined by spaces', () => {
    // The definition, written the slow way: stored signatures must keep meaning the same.
    const mix = (h: number): number => {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      return h >>> 0;
    };
    const seeds = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));
    const slow = (text: string): number[] => {
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const shingles = Array.from({ length: Math.max(1, words.length - SHINGLE + 1) }, (_, i) => fnv1a(words.slice(i, i + SHINGLE).join(' ')));
      return seeds.map((seed) => Math.min(...shingles.map((b) => mix(b ^ seed))));
    };
    for (const text of [article(3) + article(40), 'Məmmədyarov met Lavrov in Bakı', 'three short words', '']) expect([...signature(text)]).toEqual(slow(text));
  });
});

describe('readCorpus', () => {
  it('should read feed items with link, date, title and content', async () => {
    const dir = tempDir('feeds');
    writeFileSync(join(dir, 'news.rss'), rss());
    writeFileSync(join(dir, 'atom.xml'), atom());
    const items = (await collect([dir])).filter((e) => e.kind === 'item');
    expect(items.map((e) => [e.url, e.date, e.title, e.format])).toEqual([
      ['https://atom.example/bekova', '2024-03-07T10:00:00.000Z', 'Bekova on transit', 'feed'],
      ['https://feed.example/tokayev', '2024-03-05T09:30:00.000Z', 'Tokayev visits Tbilisi', 'feed'],
      ['https://feed.example/grain', '2024-03-06T12:00:00.000Z', 'Grain exports resume', 'feed'],
    ]);
  });

  it('should resolve relative item links against the feed link', async () => {
    const dir = tempDir('relative');
    const items = Array.from({ length: 3 }, (_, i) => `<item><title>Story ${i}</title><link>${i === 2 ? 'https://other.example/x' : `/story/${i}`}</link><description>${article(i)}</description></item>`);
    writeFileSync(join(dir, 'rel.rss'), `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://site.example/news/</link>${items.join('')}</channel></rss>`);
    const got = (await collect([dir])).map((e) => (e.kind === 'item' ? e.url : e.error.code));
    expect(got).toEqual(['https://site.example/story/0', 'https://site.example/story/1', 'https://other.example/x']);
  });

  it('should read the HTML responses of a WARC and WARC.gz with their URL and date, passing over other records', async () => {
    const dir = tempDir('warc');
    writeFileSync(join(dir, 'a.warc'), warc());
    writeFileSync(join(dir, 'b.warc.gz'), warc({ gzip: true }));
    const entries = await collect([dir]);
    expect(entries.map((e) => [e.kind, e.kind === 'item' ? e.url : '', e.kind === 'item' ? e.date : ''])).toEqual([
      ['item', 'https://news.example/a', '2024-03-01T10:00:00.000Z'],
      ['item', 'https://news.example/b', '2024-03-01T10:00:00.000Z'],
      ['item', 'https://news.example/a', '2024-03-01T10:00:00.000Z'],
      ['item', 'https://news.example/b', '2024-03-01T10:00:00.000Z'],
    ]);
  });

  it('should report each bad item with its reason and go on with the rest', async () => {
    const dir = tempDir('bad');
    writeFileSync(join(dir, '01-good.txt'), article(1));
    writeFileSync(join(dir, '02-corrupt.txt.gz'), gzipSync(article(2)).subarray(0, 40));
    writeFileSync(join(dir, '03-notxml.rss'), 'this is not a feed at all');
    writeFileSync(join(dir, '04-broken.warc'), warc({ broken: true }));
    const gz = warc({ gzip: true });
    gz[60] ^= 0xff;
    gz[61] ^= 0xff;
    writeFileSync(join(dir, '05-corrupt.warc.gz'), gz);
    writeFileSync(join(dir, '06-good.txt'), article(6));
    const entries = await collect([dir, join(dir, 'missing.txt')]);
    const failures = entries.filter((e) => e.kind === 'failure').map((e) => (e.kind === 'failure' ? e.error.code : ''));
    expect(failures).toEqual(expect.arrayContaining(['E_FILE_NOT_FOUND', 'E_BAD_FEED', 'E_BAD_WARC']));
    expect(entries.filter((e) => e.kind === 'failure' && e.error.code === 'E_BAD_WARC').length).toBeGreaterThanOrEqual(2);
    // The corrupt gzip is an item; ingestion finds it corrupt (see store tests). The good ones are read.
    const items = entries.filter((e) => e.kind === 'item').map((e) => e.locator.replace(dir, ''));
    expect(items).toEqual(expect.arrayContaining(['/01-good.txt', '/02-corrupt.txt.gz', '/06-good.txt', expect.stringContaining('/04-broken.warc#record=urn:uuid:a1')]));
  });
});
