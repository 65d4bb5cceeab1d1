/**
 * Trim page furniture (comment forms, share bars, "read more" lists, cookie notes, …)
 * from extracted text, line by line, with the data in `rules/furniture.ts`.
 *
 * - Head and tail: a run of furniture lines (blank lines between them allowed) is removed.
 * - Anywhere: lines matching an `anywhere` rule are removed.
 * - Tail cut: a comment-form prompt in the second half of the text removes itself and
 *   everything after it, when everything after it is short lines (no prose paragraph).
 * - A line longer than a rule's `maxLength` is never tested against it, so a prose
 *   paragraph is never cut and no pattern ever runs over a long line.
 */
import type { Removed } from '../document/types.js';
import type { Block } from './blocks.js';
import { DATE_WORDS, DOM_RULES, FURNITURE_RULES, SHARE_SEPARATORS, type FurnitureRule } from './rules/furniture.js';

/** A line at least this long (trimmed) is prose: the tail cut stops short of it. */
export const PROSE_LINE = 250;

/** What {@link trimFurniture} returns. */
export interface Trimmed {
  readonly text: string;
  /** In text order. */
  readonly removed: readonly Removed[];
}

const LONGEST = new WeakMap<readonly FurnitureRule[], number>();
const longestRule = (rules: readonly FurnitureRule[]): number => {
  let m = LONGEST.get(rules);
  if (m === undefined) LONGEST.set(rules, (m = rules.reduce((a, r) => Math.max(a, r.maxLength), 0)));
  return m;
};
const MIDDLE = new WeakMap<readonly FurnitureRule[], readonly FurnitureRule[]>();
/** The rules that can act away from the edges: `anywhere` rules and tail-cut prompts. */
const middleRules = (rules: readonly FurnitureRule[]): readonly FurnitureRule[] => {
  let m = MIDDLE.get(rules);
  if (m === undefined) MIDDLE.set(rules, (m = rules.filter((r) => r.where === 'anywhere' || r.cutsTail)));
  return m;
};

/**
 * The first rule that matches a trimmed line, if any.
 * @example matchFurniture('Share this:')?.reason === 'share'
 */
export function matchFurniture(line: string, rules: readonly FurnitureRule[] = FURNITURE_RULES): FurnitureRule | undefined {
  const t = line.trim();
  if (t.length === 0 || t.length > longestRule(rules)) return undefined;
  for (const r of rules) {
    if (t.length > r.maxLength) continue;
    if (r.pattern && r.pattern.test(t)) return r;
    if (r.words && isWordList(t, r.words)) return r;
    if (r.dateline && isDateLine(t)) return r;
  }
  return undefined;
}

const DATE_SET: ReadonlySet<string> = new Set(DATE_WORDS);

const DATE_VERBS: ReadonlySet<string> = new Set(['published', 'updated', 'posted', 'modified', 'опубликовано', 'обновлено', 'изменено']);
const CALENDAR_WORDS: ReadonlySet<string> = new Set(DATE_WORDS.slice(0, DATE_WORDS.indexOf('hour')).concat(DATE_WORDS.slice(DATE_WORDS.indexOf('января'), DATE_WORDS.indexOf('сегодня'))));
const DATE_SHAPE = /\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})\b/;

/**
 * A date stamp: numbers and date words only, with a number, and a month or weekday name,
 * a date- or time-shaped number (19.11.2019, 2019-11-19, 08:57) or a verb such as "Updated".
 */
function isDateLine(line: string): boolean {
  const tokens = line.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];
  let number = false;
  let calendar = false;
  let verb = false;
  for (const t of tokens) {
    if (/^\p{N}+$/u.test(t)) number = true;
    else if (!DATE_SET.has(t)) return false;
    else if (CALENDAR_WORDS.has(t)) calendar = true;
    else if (DATE_VERBS.has(t)) verb = true;
  }
  return number && (calendar || verb || DATE_SHAPE.test(line));
}

function isWordList(line: string, words: readonly string[]): boolean {
  const parts = line.toLowerCase().split(SHARE_SEPARATORS).filter(Boolean);
  return parts.length >= 2 && parts.every((p) => words.includes(p));
}

/**
 * Decide which units (lines or blocks) are furniture: head and tail runs, `anywhere`
 * matches and the tail cut. `extra` gives a verdict from outside the text (e.g. the DOM
 * says a block is all links); it counts like a rule match.
 * @example decideFurniture(['Body.', 'Share this:']).map(Boolean) // [false, true]
 */
export function decideFurniture(
  units: readonly string[],
  rules: readonly FurnitureRule[] = FURNITURE_RULES,
  extra?: (index: number) => FurnitureRule | undefined,
): (FurnitureRule | undefined)[] {
  const n = units.length;
  // Every line is tested against the rules that act anywhere; only the lines of the head
  // and tail runs against all rules (which keeps long inputs fast).
  const middle = middleRules(rules);
  const hits: (FurnitureRule | undefined)[] = units.map((l, i) => {
    const x = extra?.(i);
    return matchFurniture(l, middle) ?? (x?.where === 'anywhere' ? x : undefined);
  });
  const full = (i: number): FurnitureRule | undefined => (i < 0 || i >= n ? undefined : (matchFurniture(units[i], rules) ?? extra?.(i)));
  const remove: (FurnitureRule | undefined)[] = new Array(n).fill(undefined);
  const blank = (i: number): boolean => units[i].trim().length === 0;

  // Head and tail runs (`head` rules count in the head run only).
  for (let i = 0, r = full(0); i < n && (blank(i) || r); r = full(++i)) if (r) remove[i] = r;
  for (let i = n - 1, r = full(n - 1); i >= 0 && (blank(i) || (r && r.where !== 'head')); r = full(--i)) if (r) remove[i] = r;
  // Anywhere rules.
  for (let i = 0; i < n; i++) if (hits[i]?.where === 'anywhere') remove[i] = hits[i];

  // Tail cut after a comment-form prompt in the second half.
  const total = units.reduce((a, u) => a + u.length + 1, 0);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const r = hits[i];
    if (r?.cutsTail && offset >= total / 2) {
      let prose = false;
      for (let j = i + 1; j < n && !prose; j++) prose = units[j].trim().length >= PROSE_LINE;
      if (!prose) {
        for (let j = i; j < n; j++) if (!blank(j) && !remove[j]) remove[j] = hits[j] ?? r;
        break;
      }
    }
    offset += units[i].length + 1;
  }
  return remove;
}

/** Removals in text order, one per removed unit. */
export function removals(units: readonly string[], remove: readonly (FurnitureRule | undefined)[]): Removed[] {
  const out: Removed[] = [];
  remove.forEach((r, i) => {
    if (r) out.push({ text: units[i].trim(), reason: r.reason, rule: r.id });
  });
  return out;
}

/**
 * Remove furniture lines from plain text and record each removal. Blank lines around a
 * removed line collapse into one paragraph break; the rest of the text is unchanged.
 * @example trimFurniture('Body text.\n\nLeave a Reply').text === 'Body text.'
 */
export function trimFurniture(text: string, rules: readonly FurnitureRule[] = FURNITURE_RULES): Trimmed {
  const lines = text.split('\n');
  const remove = decideFurniture(lines, rules);
  if (!remove.some(Boolean)) return { text, removed: [] };
  const out: string[] = [];
  let gap = false; // a line was removed since the last kept text line
  for (let i = 0; i < lines.length; i++) {
    const blank = lines[i].trim() === '';
    if (remove[i]) gap = true;
    else if (blank) {
      if (!(gap && (out.length === 0 || out[out.length - 1].trim() === ''))) out.push(lines[i]);
    } else {
      out.push(lines[i]);
      gap = false;
    }
  }
  while (out.length && out[0].trim() === '') out.shift();
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  return { text: out.join('\n'), removed: removals(lines, remove) };
}

const titleKey = (s: string): string => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
/** Keys of a page title and of its part before a site-name separator ("Title | Site", "Title - Site"). */
const titleKeys = (title: string): string[] => [titleKey(title), titleKey(title.split(/\s[|–—:-]{1,2}\s/)[0])].filter(Boolean);

/**
 * Remove furniture blocks (from an HTML page) and record each removal. Besides the text
 * rules, a short block that is nearly all link text and a picture caption count as
 * furniture, and so does the page title repeated at the head. The kept blocks are joined
 * by a blank line.
 * @example trimBlocks([{ text: 'Body.', linkShare: 0, caption: false, tag: 'p' }]).text === 'Body.'
 */
export function trimBlocks(blocks: readonly Block[], options: { readonly title?: string; readonly rules?: readonly FurnitureRule[] } = {}): Trimmed {
  const rules = options.rules ?? FURNITURE_RULES;
  const units = blocks.map((b) => b.text);
  const titles = options.title ? titleKeys(options.title) : [];
  const linkish = blocks.map(
    (b) => b.linkShare >= DOM_RULES.minLinkShare && b.text.length <= DOM_RULES.linkBlock.maxLength && !/^(?:https?:\/\/|www\.)\S{0,200}$/i.test(b.text),
  );
  const remove = decideFurniture(units, rules, (i) => {
    const b = blocks[i];
    if (titles.length && b.text.length <= DOM_RULES.title.maxLength && titles.includes(titleKey(b.text))) return DOM_RULES.title;
    if (b.caption && b.text.length <= DOM_RULES.caption.maxLength) return DOM_RULES.caption;
    if (b.text.length <= DOM_RULES.kicker.maxLength && DOM_RULES.kicker.pattern!.test(b.text)) return DOM_RULES.kicker;
    if (!linkish[i]) return undefined;
    return linkish[i - 1] || linkish[i + 1] ? DOM_RULES.linkList : DOM_RULES.linkBlock;
  });
  return { text: units.filter((_, i) => !remove[i]).join('\n\n'), removed: removals(units, remove) };
}
