/**
 * The ledger on Cloudflare D1, through Prisma's D1 adapter and the client generated for workerd
 * (src/generated/d1, same schema as the SQLite client, so the same models and the same SQL).
 *
 * Known shortcoming: D1 gives Workers no interactive transactions, and Prisma refuses
 * `$transaction(async (tx) => ...)` on it. The ledger's operations are written with them, so here
 * the callback runs on the client itself, statement by statement. Each statement is atomic and D1
 * runs one at a time, so refs never collide and a dedupe key still admits one complaint; but an
 * operation that fails half-way keeps its first writes (a registration that loses a race for its
 * dedupe key leaves a gap in the ref numbers). This ends when D1 offers transactions to Workers or
 * the ledger moves into a Durable Object's SQLite, which has them.
 */
import { PrismaD1 } from '@prisma/adapter-d1';
import type { LedgerDatabase, LedgerPrisma } from '../db/client.ts';
import { PrismaClient as D1Client } from '../generated/d1/client.ts';

/** The D1 binding as wrangler hands it to the worker (`[[d1_databases]]` in wrangler.toml). */
export type D1Binding = ConstructorParameters<typeof PrismaD1>[0];

type Transaction = LedgerPrisma['$transaction'];

/** The client, with interactive transactions run in place (see the module note). */
function withSequentialTransactions(prisma: LedgerPrisma): LedgerPrisma {
  const sequential = new Proxy(prisma, {
    get(target, key) {
      if (key !== '$transaction') return Reflect.get(target, key, target);
      return ((work: unknown, options?: object) =>
        typeof work === 'function'
          ? work(sequential)
          : target.$transaction(work as never, options)) as Transaction;
    },
  });
  return sequential;
}

export function openD1Database(binding: D1Binding): LedgerDatabase {
  const adapter = new PrismaD1(binding);
  // Generated from the same schema as the SQLite client: the same models under another runtime.
  const prisma = new D1Client({ adapter }) as unknown as LedgerPrisma;
  return {
    prisma: withSequentialTransactions(prisma),
    dialect: 'sqlite',
    // D1's limit per query (developers.cloudflare.com/d1/platform/limits).
    maxParameters: 100,
    close: () => prisma.$disconnect(),
  };
}
