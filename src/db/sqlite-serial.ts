/**
 * One SQLite connection, one writer at a time. Prisma's better-sqlite3 adapter locks only
 * interactive transactions against each other: a plain query that arrives while another
 * request's transaction is open runs on the same connection inside that transaction, and is
 * rolled back with it. An inbox event committed and acknowledged that way could vanish when an
 * unrelated registration fails. This wrapper makes every top-level query wait for an open
 * transaction to finish, and a transaction wait for the queries before it. It also tunes the
 * connection (./sqlite-connection.ts).
 */
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import { tuneConnection } from './sqlite-connection.ts';

type Factory = PrismaBetterSqlite3;
type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/** A FIFO lock: `acquire` resolves with the function that lets the next holder in. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return async function acquire(): Promise<() => void> {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = tail;
    tail = previous.then(() => held);
    await previous;
    return release;
  };
}

function forward<T extends object>(target: T, overrides: Partial<Record<PropertyKey, unknown>>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property];
      const value = Reflect.get(object, property, object);
      // Adapters keep state in private fields, so their methods must run on the real object.
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** The adapter's better-sqlite3 connection: a field it does not declare, so looked up with care. */
function connectionOf(adapter: Adapter): Database.Database | undefined {
  const client = (adapter as unknown as { client?: Database.Database }).client;
  return typeof client?.prepare === 'function' ? client : undefined;
}

function serializeAdapter(adapter: Adapter): Adapter {
  const connection = connectionOf(adapter);
  if (connection) tuneConnection(connection);
  const acquire = createLock();
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };

  const wrapTransaction = (tx: Transaction, release: () => void): Transaction => {
    let open = true;
    const end = (finish: () => Promise<void>) => async () => {
      try {
        await finish();
      } finally {
        if (open) release();
        open = false;
      }
    };
    return forward(tx, { commit: end(() => tx.commit()), rollback: end(() => tx.rollback()) });
  };

  return forward(adapter, {
    queryRaw: (query: Parameters<Adapter['queryRaw']>[0]) =>
      exclusive(() => adapter.queryRaw(query)),
    executeRaw: (query: Parameters<Adapter['executeRaw']>[0]) =>
      exclusive(() => adapter.executeRaw(query)),
    executeScript: (script: string) => exclusive(() => adapter.executeScript(script)),
    startTransaction: async (isolation?: Parameters<Adapter['startTransaction']>[0]) => {
      const release = await acquire();
      try {
        return wrapTransaction(await adapter.startTransaction(isolation), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

/** Wraps the adapter factory so every connection it opens is serialized as described above. */
export function serializedSqlite(factory: Factory): Factory {
  return forward(factory, {
    connect: async () => serializeAdapter(await factory.connect()),
    connectToShadowDb: async () => serializeAdapter(await factory.connectToShadowDb()),
  });
}
