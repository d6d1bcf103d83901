/**
 * The one contract every channel folder implements (channels/<name>/index.ts exports a
 * `ChannelFactory`). A factory reads its own settings from the environment handed to it, once:
 * missing secrets switch the channel off with a reason, bad ones throw at start-up.
 */
import type { Hono } from 'hono';
import type { ChatEngine, ChatSender } from '../chat/types.ts';
import type { AppEnv } from '../http/env.ts';
import type { LedgerContext } from '../ledger/context.ts';
import type { Logger } from '../logger.ts';
import type { InboxEvent } from './inbox.ts';

export interface ChannelDeps {
  ledger: LedgerContext;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** The conversation engine chat channels feed; a chat channel without one stays off. */
  chat?: ChatEngine;
  /** Keeps work alive after the response (Workers' waitUntil); on Node the promise just runs. */
  waitUntil?: (work: Promise<unknown>) => void;
}

/** What re-running a stored raw event came to: the inbox row is updated to match. */
export type ReplayOutcome =
  | { status: 'processed'; complaintRef: string | null }
  | {
      status: 'failed';
      error: string;
    };

export type ChannelStatus =
  | {
      on: true;
      routes: Hono<AppEnv>;
      close?: () => Promise<void>;
      /**
       * Normalizes a raw event from the inbox again: for `taizhang inbox replay` and for events a
       * crash left `received`. Channels whose inbox events cannot be replayed leave it out.
       */
      replay?: (event: InboxEvent) => Promise<ReplayOutcome>;
      /**
       * Messages to a customer outside a reply (the outcome, a follow-up question, a staff reply),
       * for chat channels whose outbound API is configured.
       */
      sender?: ChatSender;
    }
  | { on: false; reason: string };

export interface ChannelFactory {
  /** Also the path: the channel is served at /webhooks/<name>. */
  name: string;
  create(deps: ChannelDeps): ChannelStatus;
}

export interface MountedChannel {
  name: string;
  status: ChannelStatus;
}

export function createChannels(
  factories: readonly ChannelFactory[],
  deps: ChannelDeps,
): MountedChannel[] {
  return factories.map((factory) => ({ name: factory.name, status: factory.create(deps) }));
}
