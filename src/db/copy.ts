/**
 * Copies a whole ledger into another, empty, migrated database: the move from the SQLite file to
 * PostgreSQL. Every model is copied in schema order (a model refers only to those before it),
 * rows as they are, ids included; then the target's id sequences are set past the copied rows,
 * since PostgreSQL's SERIAL does not move when ids are given. Rows are read a model at a time,
 * which suits a desk's ledger; run it with the servers stopped so nothing changes meanwhile.
 */
import { AppError } from '../errors.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import type { LedgerDatabase } from './client.ts';

interface Delegate {
  count(): Promise<number>;
  findMany(): Promise<object[]>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
}

const batchSize = 500;

function delegate(db: LedgerDatabase, model: string): Delegate {
  const name = model.charAt(0).toLowerCase() + model.slice(1);
  return (db.prisma as unknown as Record<string, Delegate>)[name] as Delegate;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Moves every SERIAL sequence of the current schema past the largest id in its column. */
async function resetSequences(db: LedgerDatabase): Promise<void> {
  const serials = await db.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`;
  for (const { table_name: table, column_name: column } of serials) {
    await db.prisma.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence($1, $2), ` +
        `(SELECT COALESCE(MAX(${quote(column)}), 0) + 1 FROM ${quote(table)}), false)`,
      quote(table),
      column,
    );
  }
}

/** Copies every row of `source` into `target`; returns the number of rows per model. */
export async function copyLedger(
  source: LedgerDatabase,
  target: LedgerDatabase,
): Promise<Record<string, number>> {
  const models = Object.values(Prisma.ModelName);
  for (const model of models) {
    if ((await delegate(target, model).count()) > 0) {
      throw new AppError(
        'conflict',
        `the target already holds ${model} rows; copy into an empty one`,
      );
    }
  }

  const copied: Record<string, number> = {};
  for (const model of models) {
    const rows = await delegate(source, model).findMany();
    for (let start = 0; start < rows.length; start += batchSize) {
      await delegate(target, model).createMany({ data: rows.slice(start, start + batchSize) });
    }
    copied[model] = rows.length;
  }
  if (target.dialect === 'postgresql') await resetSequences(target);
  return copied;
}
