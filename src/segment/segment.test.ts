import { describe, expect, it } from 'vitest';
import { segment, tokenize } from './index.js';

const texts = (text: string) => segment(text).map((s) => text.slice(s.start, s.end));

describe('tokenize', () => {
  it.each([
    ['Lavrov’s visit', ['Lavrov', '’s', 'visit']],
    ["Russia's stance", ['Russia', "'s", 'stance']],
    ['the U.S. and e.g. NATO', ['the', 'U.S.', 'and', 'e.g.', 'NATO']],
    ['Nagorno-Karabakh, 1news.az', ['Nagorno-Karabakh', ',', '1news.az']],
    ["O'Brien said", ["O'Brien", 'said']],
    ['3.5 per cent', ['3.5', 'per', 'cent']],
    ['«Да» — kupiruâ', ['«', 'Да', '»', '—', 'kupiruâ']],
  ])('splits %j', (input, expected) => {
    expect(tokenize(input).map((t) => t.text)).toEqual(expected);
  });

  it('gives offsets that slice back to each token', () => {
    const text = '  He said: "Yes" — “no”, and left…\n\nNext.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('segment', () => {
  it('should split at full stops but not after titles, initials or abbreviations', () => {
    expect(texts('Mr. Smith met Dr. J. Brown in the U.S. on Jan. 5. They talked.')).toEqual([
      'Mr. Smith met Dr. J. Brown in the U.S. on Jan. 5.',
      'They talked.',
    ]);
  });

  it('should keep closing quotes with their sentence and not split before a lower-case speech verb', () => {
    expect(texts('"Do not enter." He left. "Why?" she asked.')).toEqual(['"Do not enter."', 'He left.', '"Why?" she asked.']);
  });

  it('should number paragraphs separated by blank lines and break at single line breaks', () => {
    const s = segment('Title line\n\nFirst para. Still first.\nSecond line\n\n\nThird para.');
    expect(s.map((x) => x.paragraph)).toEqual([0, 1, 1, 1, 2]);
  });

  it('should not split after an abbreviation inside brackets or a trailing-off ellipsis before a lower-case word', () => {
    expect(texts('Sen. Claire McCaskill (D-Mo.) said the bill was dead. Then (he left.) Others stayed.')).toEqual([
      'Sen. Claire McCaskill (D-Mo.) said the bill was dead.',
      'Then (he left.)',
      'Others stayed.',
    ]);
    expect(texts('He paused… and then he said yes. He paused... Then he left.')).toEqual(['He paused… and then he said yes.', 'He paused...', 'Then he left.']);
  });

  it('should treat "No." as an abbreviation only before a number', () => {
    expect(texts('He said no. No. 5 is next.')).toEqual(['He said no.', 'No. 5 is next.']);
  });

  it('should handle a long line without super-linear slow-down', () => {
    const line = 'a'.repeat(200_000) + '-'.repeat(100_000) + '.'.repeat(100_000) + "'".repeat(100_000);
    const s = segment(line);
    expect(s.length).toBeGreaterThan(0);
    expect(s[s.length - 1].end).toBeLessThanOrEqual(line.length);
  });
});
