/**
 * The origin's storage: users in an embedded SQLite database (better-sqlite3), one file that
 * the origin writes and the read-only replica reads, or `:memory:` in tests.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NewUser, User } from '../../../generated/users/index.js';

/** The database that stands for "no file": gone when the store closes. */
export const IN_MEMORY = ':memory:';

/** Options of {@link openUsersStore}. */
export interface UsersStoreOptions {
  /**
   * The SQLite file, or {@link IN_MEMORY}. A writable store makes the file (and its folder)
   * on first use; a read-only one needs the file to exist.
   */
  readonly file: string;
  /** Open the file for reading only, as the replica does. Default: `false`. */
  readonly readonly?: boolean;
  /** The time a new user is created at, in ms since the epoch. Default: `Date.now`. */
  readonly now?: () => number;
}

/** What a write did: the user as stored now, or why nothing was written. */
export type WriteOutcome =
  | { readonly kind: 'written'; readonly user: User }
  | { readonly kind: 'missing' }
  | { readonly kind: 'email-taken' };

/** The reads the replica serves. */
export interface UsersReader {
  /** Every user, by id. */
  list(): User[];
  /** The user with `id`, or `undefined`. */
  get(id: number): User | undefined;
}

/** The origin's store: reads, writes and closing. */
export interface UsersStore extends UsersReader {
  /** Stores a new user with the next id and `created_at` set to now. */
  create(body: NewUser): WriteOutcome;
  /** Replaces the name and email of user `id`; its `created_at` stays. */
  update(id: number, body: NewUser): WriteOutcome;
  /** Deletes user `id`; false when there was none. */
  remove(id: number): boolean;
  /** Closes the database; the store must not be used after. */
  close(): void;
}

// Emails are unique whatever their case: Ada@example.com and ada@example.com are one person.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
  )`;

const COLUMNS = 'id, name, email, created_at';

/**
 * Opens (and, when writable, creates) the users database. A writable file database uses
 * SQLite's write-ahead log, so the replica's reads never wait for the origin's writes.
 *
 * @throws better-sqlite3's `SqliteError` when the file cannot be opened, or a read-only
 *   store's file does not exist yet (start the origin first).
 */
export function openUsersStore(options: UsersStoreOptions): UsersStore {
  const readonly = options.readonly === true;
  const now = options.now ?? Date.now;
  if (!readonly && options.file !== IN_MEMORY) {
    mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  }
  const db = new Database(options.file, { readonly, fileMustExist: readonly });
  if (!readonly) {
    if (options.file !== IN_MEMORY) {
      db.pragma('journal_mode = WAL');
    }
    db.exec(SCHEMA);
  }
  const selectAll = db.prepare<[], User>(`SELECT ${COLUMNS} FROM users ORDER BY id`);
  const selectOne = db.prepare<[number], User>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const write = <T extends unknown[]>(sql: string) => (readonly ? undefined : db.prepare<T>(sql));
  const insert = write<[string, string, string]>(
    `INSERT INTO users (name, email, created_at) VALUES (?, ?, ?) RETURNING ${COLUMNS}`,
  );
  const replace = write<[string, string, number]>(
    `UPDATE users SET name = ?, email = ? WHERE id = ? RETURNING ${COLUMNS}`,
  );
  const erase = write<[number]>('DELETE FROM users WHERE id = ?');
  const writable = <T>(statement: T | undefined): T => {
    if (statement === undefined) {
      throw new TypeError('This users store is read-only; open it without `readonly` to write.');
    }

    return statement;
  };

  return {
    list: () => selectAll.all(),
    get: (id) => selectOne.get(id),
    create: (body) =>
      runWrite(() => writable(insert).get(body.name, body.email, new Date(now()).toISOString())),
    update: (id, body) => runWrite(() => writable(replace).get(body.name, body.email, id)),
    remove: (id) => writable(erase).run(id).changes > 0,
    close: () => db.close(),
  };
}

/** Runs a write that returns the row it wrote; a taken email is an outcome, not a crash. */
function runWrite(write: () => unknown): WriteOutcome {
  try {
    const row = write() as User | undefined;

    return row === undefined ? { kind: 'missing' } : { kind: 'written', user: row };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { kind: 'email-taken' };
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
