import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, migratePostgres, migrateSqlite } from '../../src/db/migrate.ts';
import { parseDatabaseUrl } from '../../src/db/url.ts';
import { createEmptyDatabase, testDialect } from '../support/database.ts';
import { introspect } from '../support/introspect.ts';

describe(`migrate on ${testDialect}`, () => {
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await remove?.();
  });

  it('should apply every migration once and nothing on a second run', async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    const target = parseDatabaseUrl(empty.url);
    const names = loadMigrations(testDialect).map((m) => m.name);

    const first = await migrate(target);
    const second = await migrate(target);

    expect(first).toEqual({ applied: names, skipped: [] });
    expect(second).toEqual({ applied: [], skipped: names });
  });

  it('should refuse a migration edited after it was applied', async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    const target = parseDatabaseUrl(empty.url);
    await migrate(target);
    const edited = loadMigrations(testDialect).map((m, i) =>
      i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m,
    );

    const run =
      target.dialect === 'sqlite'
        ? async () => migrateSqlite(target.path, edited)
        : () => migratePostgres(target.connectionString, edited);

    await expect(run()).rejects.toMatchObject({ code: 'config_invalid' });
  });

  it('should roll back a failing migration and record nothing for it', async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    const target = parseDatabaseUrl(empty.url);
    const broken = [
      ...loadMigrations(testDialect),
      {
        name: '9999_broken',
        checksum: 'x',
        sql: 'CREATE TABLE "half_done" ("id" INTEGER); SELECT * FROM "no_such_table";',
      },
    ];
    const run =
      target.dialect === 'sqlite'
        ? async () => migrateSqlite(target.path, broken)
        : () => migratePostgres(target.connectionString, broken);

    await expect(run()).rejects.toThrow(/no_such_table/);
    expect((await introspect(target)).has('half_done')).toBe(false);
    // The good migrations stay applied; the broken one left no table behind and no record.
    const again = await migrate(target);
    expect(again.applied).toEqual([]);
    const retried = run();
    await expect(retried).rejects.toThrow(/no_such_table/);
  });

  it('should let several processes migrate the same database at once', async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    const target = parseDatabaseUrl(empty.url);

    const results = await Promise.all([migrate(target), migrate(target), migrate(target)]);

    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(
      loadMigrations(testDialect)
        .map((m) => m.name)
        .sort(),
    );
  });
});
