import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/db/sqlite-connection.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';

// The facade stands in for better-sqlite3's Statement exactly where Prisma's adapter uses one.
type Facade = {
  reader: boolean;
  run(...args: unknown[]): { changes: number };
  bind(args: unknown[]): {
    reader: boolean;
    run(): { changes: number };
    columns(): { name: string }[];
    raw(): { all(): unknown[][] };
  };
};

function cachedDatabase(size?: number) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  cacheStatements(db, size);
  return { db, prepare: (sql: string) => db.prepare(sql) as unknown as Facade };
}

describe('cached SQLite statements', () => {
  it('should run a reused statement with each call’s own arguments', () => {
    const { db, prepare } = cachedDatabase();
    for (const v of ['a', 'b', 'c']) prepare('INSERT INTO t (v) VALUES (?)').bind([v]).run();

    const select = 'SELECT id, v FROM t WHERE v = ?';
    const first = prepare(select).bind(['b']);
    const second = prepare(select).bind(['c']);
    expect(first.reader).toBe(true);
    expect(first.columns().map((column) => column.name)).toEqual(['id', 'v']);
    expect(second.raw().all()).toEqual([[3, 'c']]);
    expect(first.raw().all()).toEqual([[2, 'b']]);
    db.close();
  });

  it('should still prepare statements the bounded cache let go', () => {
    const { db, prepare } = cachedDatabase(2);
    prepare('BEGIN').run();
    for (let i = 0; i < 5; i++) prepare(`INSERT INTO t (v) VALUES ('${i}')`).bind([]).run();
    prepare('COMMIT').run();
    expect(prepare('SELECT count(*) FROM t').bind([]).raw().all()).toEqual([[5]]);
    db.close();
  });
});

describe.skipIf(testDialect !== 'sqlite')('the ledger’s SQLite connection', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  it('should run in WAL mode with synchronous = NORMAL', async () => {
    database = await createTestDatabase();
    const { prisma } = database.db;
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
    const [sync] =
      await prisma.$queryRawUnsafe<{ synchronous: number | bigint }[]>('PRAGMA synchronous');
    expect(mode?.journal_mode).toBe('wal');
    expect(Number(sync?.synchronous)).toBe(1);
  });
});
