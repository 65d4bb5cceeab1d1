/**
 * The tables of the corpus store, declared once; row types come from the declarations
 * (as drizzle's `$inferSelect`). The SQL that creates them is in `migrations/NNN_*.sql`;
 * `store.test.ts` checks that every declared column exists there with the same type.
 */

/** SQLite storage classes used here. */
export type ColumnType = 'integer' | 'real' | 'text' | 'blob';

/** A column: its SQLite type and whether it may be NULL. */
export interface Column<T extends ColumnType = ColumnType, N extends boolean = boolean> {
  readonly type: T;
  readonly nullable: N;
}

type JsOf<T extends ColumnType> = T extends 'integer' | 'real' ? number : T extends 'text' ? string : Uint8Array;
type ValueOf<C> = C extends Column<infer T, infer N> ? (N extends true ? JsOf<T> | null : JsOf<T>) : never;

/** A table declaration: its name and columns. */
export interface Table<Cols extends Record<string, Column> = Record<string, Column>> {
  readonly name: string;
  readonly columns: Cols;
}

/** The row type of a table, e.g. `RowOf<typeof articles>`. */
export type RowOf<T extends Table> = { -readonly [K in keyof T['columns']]: ValueOf<T['columns'][K]> };

const col = <T extends ColumnType>(type: T) => ({ type, nullable: false as const });
const opt = <T extends ColumnType>(type: T) => ({ type, nullable: true as const });
const table = <Cols extends Record<string, Column>>(name: string, columns: Cols): Table<Cols> => ({ name, columns });

/** Every raw input read, with its bytes: nothing is lost, and `hash` makes ingestion idempotent. */
export const rawInputs = table('raw_inputs', {
  id: col('integer'),
  hash: col('text'),
  locator: col('text'),
  path: opt('text'),
  url: opt('text'),
  format: col('text'),
  title: opt('text'),
  date: opt('text'),
  bytes: col('blob'),
  size: col('integer'),
  status: col('text'),
  error_code: opt('text'),
  error_reason: opt('text'),
  added_at: col('text'),
});

/** Analysed articles: metadata, the text and the document JSON (without its text). */
export const articles = table('articles', {
  id: col('integer'),
  doc_id: col('text'),
  raw_id: col('integer'),
  title: opt('text'),
  date: opt('text'),
  url: opt('text'),
  source: opt('text'),
  format: col('text'),
  language: opt('text'),
  text: col('text'),
  doc: col('text'),
  chars: col('integer'),
  signature: opt('blob'),
  added_at: col('text'),
});

/** Cross-document people, organisations, places: one per normalised name; variants point to what they were merged into. */
export const actors = table('actors', {
  id: col('integer'),
  type: col('text'),
  name: col('text'),
  key: col('text'),
  merged_into: opt('integer'),
});

export const entities = table('entities', {
  id: col('integer'),
  article_id: col('integer'),
  local_id: col('text'),
  type: col('text'),
  name: col('text'),
  roles: col('text'),
  mentions: col('integer'),
  actor_id: opt('integer'),
});

export const mentions = table('mentions', {
  id: col('integer'),
  entity_id: col('integer'),
  article_id: col('integer'),
  start: col('integer'),
  end: col('integer'),
  kind: col('text'),
  text: col('text'),
});

export const attributions = table('attributions', {
  id: col('integer'),
  article_id: col('integer'),
  local_id: col('text'),
  kind: col('text'),
  entity_id: opt('integer'),
  source_text: opt('text'),
  cue: col('text'),
  content: col('text'),
  start: col('integer'),
  end: col('integer'),
  rule: col('text'),
});

export const events = table('events', {
  id: col('integer'),
  article_id: col('integer'),
  local_id: col('text'),
  type: col('text'),
  modality: opt('text'),
  start: col('integer'),
  end: col('integer'),
  event: col('text'),
});

/** Document messages, removed furniture, and per-item ingestion failures. */
export const notes = table('notes', {
  id: col('integer'),
  article_id: opt('integer'),
  raw_id: opt('integer'),
  locator: opt('text'),
  kind: col('text'),
  code: col('text'),
  text: col('text'),
  at: col('text'),
});

/** Name forms seen inside one article's entity of another name: evidence for merges. */
export const aliases = table('aliases', {
  type: col('text'),
  alias_key: col('text'),
  name_key: col('text'),
  article_id: col('integer'),
});

/** Each merge of two actors, its rule, score and evidence; undone merges keep `undone_at`. */
export const merges = table('merges', {
  id: col('integer'),
  winner_id: col('integer'),
  loser_id: col('integer'),
  rule: col('text'),
  score: col('real'),
  evidence: col('text'),
  created_at: col('text'),
  undone_at: opt('text'),
});

export const lshBuckets = table('lsh_buckets', {
  bucket: col('integer'),
  article_id: col('integer'),
});

export const duplicates = table('duplicates', {
  article_id: col('integer'),
  group_id: col('integer'),
  similar_to: col('integer'),
  similarity: col('real'),
});

export const schemaVersion = table('schema_version', {
  version: col('integer'),
  name: col('text'),
  applied_at: col('text'),
});

/** Every table, in creation order. */
export const TABLES = [rawInputs, articles, actors, entities, mentions, attributions, events, notes, aliases, merges, lshBuckets, duplicates, schemaVersion] as const;

export type RawInputRow = RowOf<typeof rawInputs>;
export type ArticleRow = RowOf<typeof articles>;
export type ActorRow = RowOf<typeof actors>;
export type EntityRow = RowOf<typeof entities>;
export type MentionRow = RowOf<typeof mentions>;
export type AttributionRow = RowOf<typeof attributions>;
export type EventRow = RowOf<typeof events>;
export type NoteRow = RowOf<typeof notes>;
export type AliasRow = RowOf<typeof aliases>;
export type MergeRow = RowOf<typeof merges>;
export type DuplicateRow = RowOf<typeof duplicates>;
