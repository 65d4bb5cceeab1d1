/**
 * Every error dossier throws, with a stable code and a message that says what happened
 * and what to do. Boundaries return {@link Result} instead of throwing.
 */

export const ERRORS = {
  E_FILE_NOT_FOUND: (path: string) => `${path}: no such file. Check the path, or pass - to read standard input.`,
  E_FILE_UNREADABLE: (path: string, why: string) => `${path}: cannot be read (${why}). Check its permissions, or that it is a file and not a folder.`,
  E_EMPTY_INPUT: (path: string) => `${path}: the file is empty. Give an article as plain text or an HTML page.`,
  E_BINARY_INPUT: (path: string) =>
    `${path}: this looks like a binary file, not text or HTML. Give an article as plain text or an HTML page (gzip it as .gz if you like).`,
  E_NO_ARTICLE: (path: string) => `${path}: no article text was found in this page. Check that it is an article page, or pass the text itself.`,
  E_BAD_GZIP: (path: string, why: string) => `${path}: the gzip data is corrupt (${why}). Re-download or re-compress the file.`,
  E_BAD_OPTION: (what: string) => what,
  E_MODEL: (what: string) => `${what} Rebuild it with the command in the README ("Models").`,
  E_DATA: (what: string) => what,
  E_TOO_LARGE: (path: string, size: string, limit: string) =>
    `${path}: the input is too large (${size}; the limit is ${limit}). Pass the article alone, or split the file.`,
  // Corpus and store (src/corpus/, src/store/).
  E_BAD_FEED: (path: string, why: string) => `${path}: this is not a readable RSS or Atom feed (${why}). Check that the file is the feed's XML, not an HTML page or an error message.`,
  E_BAD_WARC: (where: string, why: string) => `${where}: this WARC record cannot be read (${why}). Re-download the archive if many records fail.`,
  E_DB_BUSY: (path: string, seconds: number) =>
    `${path}: another dossier process is writing to this database and did not finish within ${seconds} s. Wait for it to end and run the command again, or pass --wait with more seconds.`,
  E_DB: (path: string, why: string) => `${path}: the database cannot be used (${why}). Check the path, or start a new database with --db.`,
  E_DB_VERSION: (path: string, found: number, known: number) =>
    `${path}: the database is at schema version ${found}, newer than this dossier knows (${known}). Update dossier, or use another --db file.`,
  E_NOT_FOUND: (what: string) => what,
  E_INTERNAL: (what: string) => `internal error: ${what}. Please report it with the input that caused it.`,
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable `code`; the message says what to do. */
export class DossierError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DossierError';
    this.code = code;
  }
}

/** Make a DossierError from the catalogue. */
export function fail<C extends ErrorCode>(code: C, ...args: Parameters<(typeof ERRORS)[C]>): DossierError {
  const make = ERRORS[code] as (...a: unknown[]) => string;
  return new DossierError(code, make(...args));
}

export type Result<T, E = DossierError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
