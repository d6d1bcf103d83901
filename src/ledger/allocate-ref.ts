/**
 * Ref counters. One row per prefix, bumped with a single atomic upsert, so concurrent registrations
 * (threads, processes, instances sharing PostgreSQL) never draw the same number.
 */
import type { LedgerPrisma } from '../db/client.ts';
import type { Dialect } from '../db/url.ts';

type Tx = Pick<LedgerPrisma, '$queryRaw' | '$executeRaw'>;

/** Draws the next number for `prefix`. */
export async function nextRefNumber(tx: Tx, prefix: string): Promise<number> {
  const rows = await tx.$queryRaw<{ value: number | bigint }[]>`
    INSERT INTO "ref_counter" ("prefix", "value") VALUES (${prefix}, 1)
    ON CONFLICT ("prefix") DO UPDATE SET "value" = "ref_counter"."value" + 1
    RETURNING "value"`;
  return Number(rows[0]?.value);
}

/** Makes sure the counter for `prefix` is at least `value`, after a ref was kept from an import. */
export async function raiseRefCounter(
  tx: Tx,
  dialect: Dialect,
  prefix: string,
  value: number,
): Promise<void> {
  if (dialect === 'sqlite') {
    await tx.$executeRaw`
      INSERT INTO "ref_counter" ("prefix", "value") VALUES (${prefix}, ${value})
      ON CONFLICT ("prefix") DO UPDATE SET "value" = MAX("ref_counter"."value", excluded."value")`;
    return;
  }
  await tx.$executeRaw`
    INSERT INTO "ref_counter" ("prefix", "value") VALUES (${prefix}, ${value})
    ON CONFLICT ("prefix") DO UPDATE SET "value" = GREATEST("ref_counter"."value", excluded."value")`;
}
