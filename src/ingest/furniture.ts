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
import { FURNITURE_RULES, SHARE_SEPARATORS, type FurnitureRule } from './rules/furniture.js';

/** A line at least this long (trimmed) is prose: the tail cut stops short of it. */
export const PROSE_LINE = 250;

/** What {@link trimFurniture} returns. */
export interface Trimmed {
  readonly text: string;
  /** In text order. */
  readonly removed: readonly Removed[];
}

const longestRule = (rules: readonly FurnitureRule[]): number => rules.reduce((m, r) => Math.max(m, r.maxLength), 0);

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
  }
  return undefined;
}

function isWordList(line: string, words: readonly string[]): boolean {
  const parts = line.toLowerCase().split(SHARE_SEPARATORS).filter(Boolean);
  return parts.length >= 2 && parts.every((p) => words.includes(p));
}

/**
 * Remove furniture lines and record each removal.
 * @example trimFurniture('Body text.\n\nLeave a Reply').text === 'Body text.'
 */
export function trimFurniture(text: string, rules: readonly FurnitureRule[] = FURNITURE_RULES): Trimmed {
  const lines = text.split('\n');
  const n = lines.length;
  const hits: (FurnitureRule | undefined)[] = lines.map((l) => matchFurniture(l, rules));
  const remove: (FurnitureRule | undefined)[] = new Array(n).fill(undefined);
  const blank = (i: number): boolean => lines[i].trim().length === 0;

  // Head and tail runs.
  for (let i = 0; i < n && (blank(i) || hits[i]); i++) if (hits[i]) remove[i] = hits[i];
  for (let i = n - 1; i >= 0 && (blank(i) || hits[i]); i--) if (hits[i]) remove[i] = hits[i];
  // Anywhere rules.
  for (let i = 0; i < n; i++) if (hits[i]?.where === 'anywhere') remove[i] = hits[i];

  // Tail cut after a comment-form prompt in the second half.
  let offset = 0;
  const half = text.length / 2;
  for (let i = 0; i < n; i++) {
    const r = hits[i];
    if (r?.cutsTail && offset >= half) {
      let prose = false;
      for (let j = i + 1; j < n && !prose; j++) prose = lines[j].trim().length >= PROSE_LINE;
      if (!prose) {
        for (let j = i; j < n; j++) if (!blank(j) && !remove[j]) remove[j] = hits[j] ?? r;
        break;
      }
    }
    offset += lines[i].length + 1;
  }

  if (!remove.some(Boolean)) return { text, removed: [] };
  const removed: Removed[] = [];
  const out: string[] = [];
  let gap = false; // a line was removed since the last kept text line
  for (let i = 0; i < n; i++) {
    const r = remove[i];
    if (r) {
      removed.push({ text: lines[i].trim(), reason: r.reason, rule: r.id });
      gap = true;
    } else if (blank(i)) {
      // Blank lines around a removed line collapse into one paragraph break.
      if (!(gap && (out.length === 0 || out[out.length - 1].trim() === ''))) out.push(lines[i]);
    } else {
      out.push(lines[i]);
      gap = false;
    }
  }
  while (out.length && out[0].trim() === '') out.shift();
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  return { text: out.join('\n'), removed };
}
