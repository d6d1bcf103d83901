/**
 * An app with one chat channel mounted over a fresh database, a scripted engine and the
 * platform's fake API: what each channel's webhook tests start from.
 */
import type { Hono } from 'hono';
import { createApp } from '../../src/http/app.ts';
import type { AppEnv } from '../../src/http/env.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { ScriptedEngine } from './wechat/support.ts';

interface OnChannel {
  on: true;
  routes: Hono<AppEnv>;
  close?: () => Promise<void>;
}

export interface ChannelTestApp<C, F> {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  channel: C;
  engine: ScriptedEngine;
  fake: F;
  close(): Promise<void>;
}

export async function createChannelTestApp<
  C extends OnChannel,
  F extends { close(): Promise<void> },
>(
  name: string,
  fake: F,
  create: (deps: {
    engine: ScriptedEngine;
    ledger: LedgerContext;
    logger: Logger;
  }) => C | { on: false; reason: string },
): Promise<ChannelTestApp<C, F>> {
  const database = await createTestDatabase();
  const engine = new ScriptedEngine();
  const channel = create({ engine, ledger: database.ledger, logger: silentLogger() });
  if (!channel.on) throw new Error(`channel off: ${channel.reason}`);
  const app = createApp({
    ledger: database.ledger,
    logger: silentLogger(),
    channels: [{ name, status: channel }],
  });
  return {
    app,
    database,
    channel,
    engine,
    fake,
    async close() {
      engine.release();
      await channel.close?.();
      await fake.close();
      await database.drop();
    },
  };
}
