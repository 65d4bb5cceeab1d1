/** Time expressions in news text and their normalisation against the article's date. */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBERS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, several: 3, few: 2 };

/**
 * Matches one time expression. Alternatives are plain word sequences with bounded
 * optional parts, so matching stays linear.
 */
const TIME = new RegExp(
  [
    String.raw`\b(?:about |some |nearly |almost |more than )?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d{1,3}) (?:day|week|month|year|decade)s? (?:ago|earlier|before|later)\b`,
    String.raw`\b(?:last|next|this|past|coming) (?:week|month|year|weekend|spring|summer|autumn|fall|winter|${DAYS.join('|')}|${MONTHS.join('|')})\b`,
    String.raw`\b(?:on |this |last |next )?(?:${DAYS.join('|')})\b`,
    String.raw`\b(?:in |since |until |by |early |late |mid-)?(?:${MONTHS.join('|')})(?: \d{1,2})?(?:,? \d{4})?\b`,
    String.raw`\b(?:in |since |until |by )(?:the year )?(?:19|20)\d{2}\b`,
    String.raw`\b(?:yesterday|today|tomorrow|recently|earlier this (?:week|month|year))\b`,
  ].join('|'),
  'gi',
);

export interface TimeMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Time expressions inside text[start,end). */
export function findTimes(text: string, start: number, end: number): TimeMatch[] {
  const out: TimeMatch[] = [];
  const slice = text.slice(start, end);
  TIME.lastIndex = 0;
  for (let m = TIME.exec(slice); m; m = TIME.exec(slice)) {
    // "May" and "March" are also words: only take a month that is capitalised.
    if (/\b(?:may|march)\b/i.test(m[0]) && !/\b(?:May|March)\b/.test(m[0])) continue;
    out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] });
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * Normalise a time expression to an ISO date ("2016-07-12"), week ("2016-W28" is not used:
 * the Monday of that week is given), month ("2016-09") or year ("2017"), relative to the
 * article's date. Returns undefined when the expression cannot be placed.
 */
export function normaliseTime(expression: string, articleDate?: string): string | undefined {
  const e = expression.toLowerCase().trim();
  const year = /\b((?:19|20)\d{2})\b/.exec(e);
  const month = MONTHS.findIndex((m) => new RegExp(`\\b${m}\\b`).test(e));
  if (month >= 0 && year) {
    const day = /\b(\d{1,2})\b/.exec(e.replace(year[1], ''));
    return day ? `${year[1]}-${pad(month + 1)}-${pad(Number(day[1]))}` : `${year[1]}-${pad(month + 1)}`;
  }
  if (year && month < 0 && !/ago|later|earlier|before/.test(e)) return year[1];
  if (!articleDate) return undefined;
  const base = new Date(articleDate);
  if (Number.isNaN(base.getTime())) return undefined;
  const d = new Date(base.getTime());
  if (month >= 0) {
    // A month without a year: the nearest such month, looking back unless "next".
    let y = base.getUTCFullYear();
    if (/next/.test(e) || (!/last|since/.test(e) && month > base.getUTCMonth() + 3)) y += /next/.test(e) ? (month <= base.getUTCMonth() ? 1 : 0) : -1;
    return `${y}-${pad(month + 1)}`;
  }
  if (e === 'today') return iso(d);
  if (e === 'yesterday') return iso(new Date(d.getTime() - 86400000));
  if (e === 'tomorrow') return iso(new Date(d.getTime() + 86400000));
  const ago = /(a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d{1,3}) (day|week|month|year|decade)s? (ago|earlier|before|later)/.exec(e);
  if (ago) {
    const n = NUMBERS[ago[1]] ?? Number(ago[1]);
    const sign = ago[3] === 'later' ? 1 : -1;
    if (ago[2] === 'day') return iso(new Date(d.getTime() + sign * n * 86400000));
    if (ago[2] === 'week') return iso(new Date(d.getTime() + sign * n * 7 * 86400000));
    if (ago[2] === 'month') {
      d.setUTCMonth(d.getUTCMonth() + sign * n);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    }
    return String(d.getUTCFullYear() + sign * n * (ago[2] === 'decade' ? 10 : 1));
  }
  const rel = /(last|next|this|past|coming) (week|month|year)/.exec(e);
  if (rel) {
    const sign = rel[1] === 'last' || rel[1] === 'past' ? -1 : rel[1] === 'this' ? 0 : 1;
    if (rel[2] === 'week') {
      const t = new Date(d.getTime() + sign * 7 * 86400000);
      const monday = new Date(t.getTime() - ((t.getUTCDay() + 6) % 7) * 86400000);
      return iso(monday);
    }
    if (rel[2] === 'month') {
      d.setUTCMonth(d.getUTCMonth() + sign);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    }
    return String(d.getUTCFullYear() + sign);
  }
  const day = DAYS.findIndex((x) => e.includes(x));
  if (day >= 0) {
    // The last such weekday on or before the article's date, or the next one after "next".
    const diff = (base.getUTCDay() - day + 7) % 7;
    const back = /next|coming/.test(e) ? -((day - base.getUTCDay() + 7) % 7 || 7) : /last/.test(e) ? diff || 7 : diff;
    return iso(new Date(d.getTime() - back * 86400000));
  }
  return undefined;
}
