/**
 * The ledger's SQLite connection, tuned once when Prisma's adapter opens it.
 *
 * Durability: the file is in WAL mode (set by the migration runner) with `synchronous = NORMAL`.
 * A commit is in the WAL before the 2xx goes out, so it survives the process being killed at any
 * point; what NORMAL gives up is the last transactions before a power cut or an OS crash, which
 * FULL would keep by syncing the WAL on every commit (about 2 ms per commit on the benchmark
 * machine's disk, three commits per webhook). NORMAL is also what better-sqlite3 applies to a WAL
 * file by default; it is set here so that the choice is written down. A desk that needs commits
 * to survive power loss runs PostgreSQL, whose commits are synced.
 *
 * Prepared statements are kept for reuse. Prisma's better-sqlite3 adapter
 * prepares every query anew (`client.prepare(sql).bind(args)`); for intake's short statements
 * that costs about as much as running them, and Prisma sends the same few SQL texts over and
 * over. better-sqlite3 binds a statement only once, so a cached statement is handed out behind a
 * small facade whose `bind` passes the arguments to each run instead. The facade covers exactly
 * what the adapter calls (`reader`, `run`, `bind(...).run/columns/raw().all`); checked by
 * test/db/sqlite-connection.test.ts.
 */
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;

/** Enough for every SQL text the ledger's queries produce; the least recently used goes first. */
const defaultSize = 500;

function bound(statement: Statement, args: unknown[]) {
  return {
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  };
}

function facade(statement: Statement) {
  return {
    reader: statement.reader,
    run: (...args: unknown[]) => statement.run(...args),
    bind: (args: unknown[]) => bound(statement, args),
  };
}

/** Applies the pragma above and caches statements; the database is the adapter's own connection. */
export function tuneConnection(db: Database.Database): void {
  db.pragma('synchronous = NORMAL');
  cacheStatements(db);
}

/** Makes `db.prepare` return cached statements. */
export function cacheStatements(db: Database.Database, size = defaultSize): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const cached = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return facade(statement);
  };
  Object.assign(db, { prepare: cached });
}
