import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FURNITURE_RULES, matchFurniture, PROSE_LINE, trimBlocks, trimFurniture } from './index.js';
import type { Block } from './index.js';

const PROSE =
  'The delegation arrived in the capital on Monday for two days of talks on trade and transport. Officials said the agenda included customs rules, rail links and the price of gas for the coming winter.';

describe('matchFurniture', () => {
  it.each([
    ['Leave a Reply', 'comment-form'],
    ['Leave a ReplyCancel reply', 'comment-form'],
    ['Leave a comment', 'comment-form'],
    ['Your email address will not be published. Required fields are marked *', 'comment-form'],
    ['Required fields are marked *', 'comment-form'],
    ['Comments are closed.', 'comment-form'],
    ['Оставить комментарий', 'comment-form'],
    ['Share this:', 'share'],
    ['Share on Facebook', 'share'],
    ['Facebook Twitter Email', 'share'],
    ['Facebook | Twitter | WhatsApp', 'share'],
    ['Follow us on Twitter', 'share'],
    ['Поделиться', 'share'],
    ['Subscribe to our newsletter', 'subscribe'],
    ['Sign up for our daily newsletter to get the news in your inbox.', 'subscribe'],
    ['Read more: Talks stall over gas prices', 'read-more'],
    ['Related articles', 'read-more'],
    ['You may also like', 'read-more'],
    ['Читайте также:', 'read-more'],
    ['This website uses cookies to improve your experience.', 'cookie'],
    ['We use cookies', 'cookie'],
    ['© 2021 Coastal Courier. All rights reserved.', 'copyright'],
    ['All rights reserved.', 'copyright'],
    ['Все права защищены', 'copyright'],
    ['Tags: Russia, Azerbaijan, diplomacy', 'tags'],
    ['Теги: политика', 'tags'],
    ['Print', 'tool'],
    ['Email', 'tool'],
    ['Advertisement', 'ad'],
    ['Published 11:11 PM EST Nov 19, 2019', 'dateline'],
    ['19.11.2019, 08:57', 'dateline'],
    ['19 ноября 2019, 08:57', 'dateline'],
    ['By Jane Marlow', 'byline'],
    ['Photo: Lena Ortiz', 'credit'],
    ['Alex Wong | Getty Images', 'credit'],
    ['Reporting by Omar Haddad; editing by Claire Stone', 'credits'],
    ['Нашли ошибку? Выделите её и нажмите Ctrl+Enter', 'tool'],
    ['Phil Helsel is a reporter for NBC News.', 'byline'],
  ])('should take %j for %s', (line, reason) => {
    expect(matchFurniture(line)?.reason).toBe(reason);
  });

  it.each([
    'The minister said he would share this view with his colleagues in Brussels next week.',
    'Print media in the region have been under pressure since 2014.',
    'By the end of the week, both sides had agreed on a timetable.',
    'He declined to comment.',
    'Follow-up talks are planned for March.',
    'Tags are attached to every container at the port.',
    'Москва сообщила о визите.',
    '02-751-1500',
    'Lavrov is a frequent guest in Baku, where he is known as a careful negotiator.',
    PROSE,
  ])('should leave %j alone', (line) => {
    expect(matchFurniture(line)).toBeUndefined();
  });

  it('should give every rule a stable id, a reason and a limit', () => {
    const ids = new Set<string>();
    for (const rule of FURNITURE_RULES) {
      expect(rule.id).toMatch(/^furniture\/[a-z-]+\/[a-z0-9-]+$/);
      expect(rule.id.split('/')[1]).toBe(rule.reason);
      expect(rule.maxLength).toBeGreaterThan(0);
      expect(rule.maxLength).toBeLessThanOrEqual(600);
      expect(ids.has(rule.id)).toBe(false);
      ids.add(rule.id);
    }
  });
});

describe('trimFurniture', () => {
  it('should remove a comment-form prompt at the end and everything short after it', () => {
    const text = `Title\n\n${PROSE}\n\n${PROSE}\n\nLeave a Reply\nName *\nEmail *\nWebsite\nPost Comment`;
    const r = trimFurniture(text);
    expect(r.text).toBe(`Title\n\n${PROSE}\n\n${PROSE}`);
    expect(r.removed.map((x) => x.text)).toEqual(['Leave a Reply', 'Name *', 'Email *', 'Website', 'Post Comment']);
    expect(r.removed[1].rule).toBe('furniture/comment-form/leave-a-reply');
  });

  it('should never cut a long prose paragraph after a comment-form prompt', () => {
    const text = `${PROSE}\n\n${PROSE}\n\nLeave a comment\n\n${PROSE} ${PROSE}`;
    const r = trimFurniture(text);
    expect(r.text).toBe(`${PROSE}\n\n${PROSE}\n\n${PROSE} ${PROSE}`);
    expect(r.removed.map((x) => x.text)).toEqual(['Leave a comment']);
  });

  it('should remove furniture at the head', () => {
    const r = trimFurniture(`Share this:\nFacebook Twitter Email\n\n${PROSE}`);
    expect(r.text).toBe(PROSE);
  });

  it('should keep edge-only lines in the middle of the text', () => {
    const text = `${PROSE}\n\nRead more\n\n${PROSE}`;
    expect(trimFurniture(text).text).toBe(text);
  });

  it('should remove anywhere-lines in the middle and keep one blank line', () => {
    const r = trimFurniture(`${PROSE}\n\nAdvertisement\n\n${PROSE}`);
    expect(r.text).toBe(`${PROSE}\n\n${PROSE}`);
  });

  it('should return the text unchanged when nothing is removed', () => {
    const text = `\n  Title  \n\n\n${PROSE}\n\n`;
    expect(trimFurniture(text)).toEqual({ text, removed: [] });
  });

  it('should remove only whole lines of the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('Leave a Reply', 'Share this:', 'Print', '', PROSE, 'Read more', '© 2020 X'), fc.string({ maxLength: 30 })), {
          maxLength: 30,
        }),
        (lines) => {
          const text = lines.join('\n');
          const r = trimFurniture(text);
          const input = new Set(lines.map((l) => l.trim()));
          for (const x of r.removed) expect(input.has(x.text)).toBe(true);
          for (const kept of r.text.split('\n')) if (kept.trim()) expect(input.has(kept.trim())).toBe(true);
          // A long line is never removed.
          for (const x of r.removed) expect(x.text.length).toBeLessThan(PROSE_LINE * 2);
        },
      ),
    );
  });
});

describe('trimBlocks', () => {
  const block = (text: string, linkShare = 0, caption = false): Block => ({ text, linkShare, caption, tag: 'p' });

  it('should remove runs of link blocks anywhere and single link blocks at the edges', () => {
    const r = trimBlocks([block('World news', 1), block(PROSE), block('Related story one', 1), block('Related story two', 1), block(PROSE), block('Next story', 1)]);
    expect(r.text).toBe(`${PROSE}\n\n${PROSE}`);
    expect(r.removed.map((x) => x.rule)).toEqual(['furniture/nav/link-block', 'furniture/nav/link-list', 'furniture/nav/link-list', 'furniture/nav/link-block']);
  });

  it('should remove a one-word section label above the article', () => {
    expect(trimBlocks([block('Entertainment'), block(PROSE)]).removed.map((x) => x.rule)).toEqual(['furniture/nav/kicker']);
  });

  it('should keep a single link block between paragraphs and a bare URL', () => {
    const r = trimBlocks([block(PROSE), block('Get it on Amazon', 1), block(PROSE), block('https://example.org/report.pdf', 1)]);
    expect(r.removed).toEqual([]);
  });

  it('should remove picture captions and a repeated title at the head', () => {
    const r = trimBlocks([block('Harbour reopens'), block('The harbour at dawn. Photo: J. Smith', 0, true), block(PROSE)], { title: 'Harbour reopens | Coastal Courier' });
    expect(r.text).toBe(PROSE);
    expect(r.removed.map((x) => x.reason)).toEqual(['title', 'caption']);
  });
});

describe('linear matching', () => {
  const time = (f: () => void): number => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };

  it('should trim a 1 MB line quickly', () => {
    expect(time(() => trimFurniture('a'.repeat(1_000_000)))).toBeLessThan(1000);
    expect(time(() => trimFurniture(`Leave a Reply ${'x '.repeat(500_000)}`))).toBeLessThan(1000);
  });

  it('should run every rule on adversarial lines of its full length quickly', () => {
    const seeds = ['a', ' ', 'share ', 'Facebook ', '1', '© ', 'by ', '(photo: ', 'click', 'follow ', '@', '.', 'ab.', 'getty images'];
    for (const rule of FURNITURE_RULES) {
      for (const seed of seeds) {
        const line = seed.repeat(Math.ceil(rule.maxLength / seed.length)).slice(0, rule.maxLength);
        const ms = time(() => {
          for (let i = 0; i < 100; i++) matchFurniture(`${line}!`, [rule]);
        });
        expect(ms, `${rule.id} on ${JSON.stringify(seed)}`).toBeLessThan(200);
      }
    }
  });

  it('should run every pattern on a 1 MB adversarial line quickly', () => {
    const line = `${'Share this '.repeat(50_000)}${'a'.repeat(500_000)}`;
    for (const rule of FURNITURE_RULES) {
      if (!rule.pattern) continue;
      expect(time(() => rule.pattern!.test(line)), rule.id).toBeLessThan(500);
    }
  });
});
