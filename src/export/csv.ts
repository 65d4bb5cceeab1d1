/**
 * CSV (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled.
 */

/**
 * One CSV line, ending in CRLF.
 * @example csvLine(['a', 'b,c', 'say "hi"']) === 'a,"b,c","say ""hi"""\r\n'
 */
export function csvLine(fields: readonly unknown[]): string {
  return `${fields
    .map((f) => {
      if (f === null || f === undefined) return '';
      const s = f instanceof Uint8Array ? '' : String(f);
      return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',')}\r\n`;
}
