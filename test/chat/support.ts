/**
 * Test helpers for the conversation engine: a fresh database, an engine over it with a clock the
 * test moves, and a customer who says things and reads the answers.
 */
import { type ChatEngineOptions, createChatEngine } from '../../src/chat/engine.ts';
import type {
  ChatChannel,
  ChatEngine,
  ChatReply,
  InboundChatMessage,
} from '../../src/chat/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

export interface EngineTest {
  database: TestDatabase;
  engine: ChatEngine;
  /** Moves the engine's clock. */
  advance(minutes: number): void;
  customer(userId: string, options?: Partial<InboundChatMessage>): Customer;
  close(): Promise<void>;
}

export interface Customer {
  /** Sends a text (or another kind of message) and returns the replies. */
  say(text: string, extra?: Partial<InboundChatMessage>): Promise<ChatReply[]>;
  send(message: Partial<InboundChatMessage>): Promise<ChatReply[]>;
}

/** All reply texts of a turn, with the choices' labels, as one string. */
export const joined = (replies: readonly ChatReply[]) =>
  replies
    .map((reply) => [reply.text, ...(reply.choices ?? []).map((choice) => choice.label)].join('\n'))
    .join('\n');

let events = 0;

export async function createEngineTest(
  options: Partial<Omit<ChatEngineOptions, 'ledger' | 'logger'>> & {
    channel?: ChatChannel;
  } = {},
): Promise<EngineTest> {
  const database = await createTestDatabase();
  let clock = new Date('2026-10-04T09:00:00Z').getTime();
  const ledger = { ...database.ledger, now: () => new Date(clock) };
  const engine = createChatEngine({ ledger, logger: silentLogger(), ...options });
  const channel = options.channel ?? 'wechat';
  return {
    database,
    engine,
    advance(minutes) {
      clock += minutes * 60_000;
    },
    customer(userId, defaults = {}) {
      const send = (message: Partial<InboundChatMessage>) =>
        engine.handle({
          channel,
          eventId: `e${++events}`,
          userId,
          kind: 'text',
          receivedAt: new Date(clock),
          ...defaults,
          ...message,
        });
      return { send, say: (text, extra = {}) => send({ text, ...extra }) };
    },
    close: () => database.drop(),
  };
}

/** A whole intake in Chinese, answer by answer, and the complaint it registers. */
export const wholeIntake = [
  '你好',
  '4',
  '卫生间顶棚漏水一周了，物业一直没来修',
  '王先生',
  '138 1234 5678',
  '郑州·森林湖 3号楼2单元503室',
  '1',
];

export const intakeRow = (source: ChatChannel, channelId: string) => ({
  source,
  category: '物业服务',
  content: '卫生间顶棚漏水一周了，物业一直没来修',
  complainantName: '王先生',
  complainantPhone: '13812345678',
  complainantChannelId: channelId,
  project: '郑州·森林湖',
  building: '3',
  unit: '2',
  room: '503',
});
