import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocument, withLayers, type Document, type Mention } from '../document/index.js';
import { segment } from '../segment/index.js';
import * as mt from './index.js';
import { acronymForms, findArtifacts, isEnglishWord, loadTranslitModel, mtStage, normaliseLatin, restore, scoreWord } from './index.js';
import { parseTranslitModel } from './model.js';
import { ACRONYMS } from './rules/acronyms.js';
import { IDIOMS } from './rules/idioms.js';

/** A Document with sentences and, by hand, a name mention at each occurrence of the given names. */
function docOf(text: string, names: readonly string[] = []): Document {
  const mentions: Mention[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const inside = mentions.some((m) => at < m.end && at + name.length > m.start);
      if (!inside) mentions.push({ id: `m${mentions.length + 1}`, label: 'PERSON', kind: 'name', start: at, end: at + name.length, evidence: [], rule: 'test' });
    }
  }
  return withLayers(createDocument(text), { sentences: segment(text), mentions });
}

const fixture = (name: string) => {
  const dir = new URL(`./fixtures/${name}/`, import.meta.url);
  const text = readFileSync(new URL('input.txt', dir), 'utf8');
  const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as { label: string; start: number; end: number; text: string }[];
  const namesFile = new URL('names.json', dir);
  const names = existsSync(namesFile) ? (JSON.parse(readFileSync(namesFile, 'utf8')) as string[]) : [];
  return { text, expected, names };
};

describe('mt stage', () => {
  it('should keep its public API', () => {
    expect(Object.keys(mt).sort()).toEqual(
      ['ACRONYMS', 'ARTIFACT_KINDS', 'DEFAULT_MT_MODEL_URL', 'IDIOMS', 'acronymForms', 'analyse', 'decode', 'findArtifacts', 'isEnglishWord', 'loadTranslitModel', 'mtStage', 'normaliseLatin', 'restore', 'saveTranslitModel', 'scoreWord'].sort(),
    );
  });

  it('should declare that it reads sentences and mentions and produces artifacts', () => {
    expect(mtStage).toMatchObject({ name: 'mt', requires: ['sentences', 'mentions'], produces: ['artifacts'] });
  });

  it.each(['untranslated', 'acronyms-idioms', 'casing', 'clean'])('should find the leftovers of fixture %j', (name) => {
    const { text, expected, names } = fixture(name);
    for (const e of expected) expect(text.slice(e.start, e.end)).toBe(e.text);
    const got = findArtifacts(docOf(text, names)).map((a) => ({
      label: a.kind,
      start: a.start,
      end: a.end,
      text: a.original,
      ...(a.restored ? { restored: a.restored } : {}),
      ...(a.suggestion ? { suggestion: a.suggestion } : {}),
    }));
    expect(got).toEqual(expected);
  });

  it('should give every artifact a span that slices to its original, an id, a rule and a confidence', () => {
    const { text, names } = fixture('acronyms-idioms');
    const arts = findArtifacts(docOf(`${text}\n${fixture('untranslated').text}`, names));
    expect(arts.length).toBeGreaterThan(3);
    for (const a of arts) {
      expect(`${text}\n${fixture('untranslated').text}`.slice(a.start, a.end)).toBe(a.original);
      expect(a.id).toMatch(/^mt\d+$/);
      expect(a.rule).toMatch(/^mt\//);
      expect(a.confidence).toBeGreaterThan(0);
    }
  });

  it('should not take a transliteration-like word inside a name mention', () => {
    const text = 'The report was written by podderzhka analysts.';
    expect(findArtifacts(docOf(text))).toHaveLength(1);
    expect(findArtifacts(docOf(text, ['podderzhka']))).toHaveLength(0);
  });

  it('should not flag words of web addresses, handles or e-mail', () => {
    const text = 'Write to podderzhka@example.com or see example.com/podderzhka and follow #podderzhka today.';
    expect(findArtifacts(docOf(text), { kinds: ['untranslated'] })).toEqual([]);
  });

  it('should report ambiguous acronyms (MID) only when the document shows another sign of translation', () => {
    expect(findArtifacts(docOf('The MID of the country said nothing.'), { kinds: ['acronym'] })).toEqual([]);
    const both = findArtifacts(docOf('The MID said the ODKB would meet.'), { kinds: ['acronym'] });
    expect(both.map((a) => a.original)).toEqual(['MID', 'ODKB']);
  });

  it('should not take a headline or dateline in capitals for shouting', () => {
    expect(findArtifacts(docOf('WASHINGTON (AP) - The Senate voted on Friday.'), { kinds: ['shouting'] })).toEqual([]);
    expect(findArtifacts(docOf('PRESIDENT SIGNS NEW TRADE DEAL WITH PARTNERS'), { kinds: ['shouting'] })).toEqual([]);
  });
});

describe('transliteration model', () => {
  it('should load in well under 100 ms', () => {
    const t0 = performance.now();
    const model = parseTranslitModel(readFileSync(new URL('../../models/mt-translit.bin', import.meta.url)));
    expect(model.header.families.map((f) => f.name)).toEqual(['iso9', 'scholarly', 'bgn-pcgn', 'informal']);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it.each([
    ['sotrudničestvo'], ['vzaimodejstvie'], ['sotrudnichestvo'], ['vzaimodeystviye'], ['ukrepliaia'], ['perezagruzka'], ['obŝestvennost'],
  ])('should score the transliteration %j high', (w) => {
    expect(scoreWord(loadTranslitModel(), normaliseLatin(w))).toBeGreaterThan(loadTranslitModel().header.threshold);
  });

  it.each([['negotiation'], ['parliamentary'], ['spokeswoman'], ['infrastructure'], ['retweeted'], ['blockchain']])('should score the English word %j low', (w) => {
    expect(scoreWord(loadTranslitModel(), w)).toBeLessThan(loadTranslitModel().header.threshold);
  });

  it('should hold English words in its lexicon', () => {
    const model = loadTranslitModel();
    for (const w of ['government', 'said', 'elections', 'running']) expect(isEnglishWord(model, w)).toBe(true);
  });

  it.each([
    ['sotrudničestvo', 'сотрудничество', 'iso9'],
    ['obʺedinënnye', 'объединённые', 'iso9'],
    ['xorošaja', 'хорошая', 'scholarly'],
    ['vzaimodeystviye', 'взаимодействие', 'bgn-pcgn'],
    ['pravitelstvo', 'правительство', 'informal'],
    ['shchedryy', 'щедрый', 'bgn-pcgn'],
  ])('should restore %j to %j', (latin, cyrillic) => {
    const r = restore(loadTranslitModel(), normaliseLatin(latin));
    expect(r?.cyrillic).toBe(cyrillic);
    expect(r?.analysis?.known).toBe(true);
  });

  it('should lemmatise the restored word', () => {
    expect(restore(loadTranslitModel(), 'podderživaâ')?.analysis?.lemma).toBe('поддерживать');
  });
});

describe('rules', () => {
  it('should make the Latin forms of an acronym under the common schemes', () => {
    expect(acronymForms('ОДКБ')).toEqual(['ODKB']);
    expect(acronymForms('ЕАЭС')).toEqual(expect.arrayContaining(['EAES', 'YEAES', 'EAÈS']));
    expect(acronymForms('ШОС')).toEqual(expect.arrayContaining(['SHOS', 'ŠOS']));
  });

  it('should give every acronym and idiom an English meaning and a source', () => {
    expect(ACRONYMS.length).toBeGreaterThan(40);
    expect(IDIOMS.length).toBeGreaterThan(30);
    for (const a of ACRONYMS) expect(a.expansion && a.source).toBeTruthy();
    for (const i of IDIOMS) {
      expect(i.meaning && i.source && i.cues.length).toBeTruthy();
    }
  });

  it.each([
    ['Officials called the story a "duck" on Monday.', true],
    ['Experts dismissed it as a newspaper duck.', true],
    ['He is a lame duck president.', false],
    ['A duck swam across the pond.', false],
    ['The senator became a "lame duck" after the vote.', false],
  ])('should read the idiom duck = canard in %j: %s', (text, found) => {
    expect(findArtifacts(docOf(text), { kinds: ['idiom'] }).length > 0).toBe(found);
  });

  it('should find each idiom cue in its pattern matches', () => {
    const samples: Record<string, string> = {
      'noodles-on-ears': 'they hang noodles on our ears',
      'chinese-warning': 'another last Chinese warning',
      'bear-service': 'it was a bear service to the party',
      'spoon-of-tar': 'a spoon of tar in a barrel of honey',
    };
    for (const [id, s] of Object.entries(samples)) {
      const idiom = IDIOMS.find((i) => i.id === id)!;
      expect(idiom.pattern.test(s)).toBe(true);
      expect(idiom.cues.some((c) => s.toLowerCase().includes(c))).toBe(true);
    }
  });
});
