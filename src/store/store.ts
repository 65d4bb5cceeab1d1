/**
 * Opening the corpus database: WAL mode, a busy timeout so that a second writer waits and then
 * fails with a clear error, and versioned migrations (`migrations/NNN_name.sql`, applied in
 * order, recorded in `schema_version`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DossierError, fail } from '../errors.js';

export type Db = Database.Database;

/** An open corpus database. */
export interface Store {
  readonly db: Db;
  readonly path: string;
  /** Seconds a write waits for another process before failing with `E_DB_BUSY`. */
  readonly waitSeconds: number;
}

/** Options for {@link openStore}. */
export interface OpenOptions {
  /** Seconds to wait for another writer (default 10). */
  readonly waitSeconds?: number;
  /** Fail with `E_DB` when the file does not exist (for queries), instead of creating it. */
  readonly mustExist?: boolean;
}

/** A migration file: `NNN_name.sql`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Where the migrations are: beside this file in `src/`, or in `src/store/migrations` seen from `dist/store/`. */
function migrationsDir(): string {
  const candidates = [new URL('./migrations/', import.meta.url), new URL('../../src/store/migrations/', import.meta.url)];
  for (const c of candidates) {
    const p = fileURLToPath(c);
    if (existsSync(p)) return p;
  }
  throw new DossierError('E_INTERNAL', 'internal error: the store migrations (src/store/migrations/*.sql) are missing. Reinstall dossier.');
}

/**
 * The migrations, in version order.
 * @example loadMigrations()[0].version === 1
 */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(`${dir}/${f}`, 'utf8') }));
}

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/**
 * Run `fn`, turning SQLite "database is busy" into a DossierError `E_DB_BUSY` that says what to do.
 * @example guard(store, () => store.db.prepare('INSERT ...').run())
 */
export function guard<T>(store: Pick<Store, 'path' | 'waitSeconds'>, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DossierError) throw error;
    if (isBusy(error)) throw new DossierError('E_DB_BUSY', fail('E_DB_BUSY', store.path, store.waitSeconds).message, { cause: error });
    throw error;
  }
}

/**
 * Run `fn` in one write transaction (BEGIN IMMEDIATE, so the write lock is taken at once and
 * another writer waits up to the busy timeout).
 */
export function writeTx<T>(store: Store, fn: () => T): T {
  return guard(store, () => store.db.transaction(fn).immediate());
}

/** The schema version of an open database (0 for a new one). */
export function schemaVersion(db: Db): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!has) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Apply the migrations newer than the database's version, each in its own transaction. */
export function migrate(store: Store, migrations: readonly Migration[] = loadMigrations()): number {
  const { db } = store;
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  const current = guard(store, () => schemaVersion(db));
  if (current > known) throw fail('E_DB_VERSION', store.path, current, known);
  if (current === known) return current;
  writeTx(store, () => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    // Read again inside the write lock: another process may have migrated meanwhile.
    const now = schemaVersion(db);
    for (const m of migrations) {
      if (m.version <= now) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
  });
  return known;
}

/**
 * Open (or create) a corpus database and bring its schema up to date.
 * @example const store = openStore('dossier.db'); ... closeStore(store)
 */
export function openStore(path: string, options: OpenOptions = {}): Store {
  const waitSeconds = options.waitSeconds ?? 10;
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw fail('E_DB', path, 'no such file; run `dossier ingest PATH --db FILE` first to make one');
  }
  let db: Db;
  try {
    db = new Database(path, { timeout: Math.round(waitSeconds * 1000) });
  } catch (cause) {
    throw new DossierError('E_DB', fail('E_DB', path, (cause as Error).message).message, { cause });
  }
  const store: Store = { db, path, waitSeconds };
  try {
    guard(store, () => {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL syncs at checkpoints: a crash of the process loses nothing committed.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('cache_size = -32000');
    });
    migrate(store);
  } catch (error) {
    db.close();
    if (error instanceof DossierError) throw error;
    throw new DossierError('E_DB', fail('E_DB', path, (error as Error).message).message, { cause: error });
  }
  return store;
}

/** Close a store (checkpointing the WAL). */
export function closeStore(store: Store): void {
  if (store.db.open) store.db.close();
}
