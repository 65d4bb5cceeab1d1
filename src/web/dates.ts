/** Dates of articles and events, as pages give them. */

/** A date for sorting (newest first): ISO or the many forms pages give ("November 20, 2019 13:42"); undated and unreadable dates sort last.
 * @example timeOf('November 20, 2019 13:42') > timeOf('2019-01-01')
 */
export function timeOf(date: string | null | undefined): number {
  if (!date) return -Infinity;
  const t = Date.parse(date);
  return Number.isNaN(t) ? -Infinity : t;
}

