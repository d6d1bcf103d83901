/**
 * The Wechaty bot over a fresh database and wechaty-puppet-mock's Mocker: the bot's account is
 * logged in, and a customer is a mock contact who says things and collects what the bot says
 * back. A turn is over when the bot has said as many messages as the engine stored as replies.
 */
import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileBoxInterface } from 'file-box';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { ChatReply, FollowUpPort } from '../../../src/chat/types.ts';
import { silentLogger } from '../../../src/logger.ts';
import { type RunningWechaty, startWechaty } from '../../../src/node/wechaty.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { blockNetwork, type NetworkBlock } from '../../support/no-network.ts';

type ContactMock = ReturnType<mock.Mocker['createContact']>;
type RoomMock = ReturnType<mock.Mocker['createRoom']>;
type MessageMock = InstanceType<mock.Mocker['MessageMock']>;

export interface BotTest {
  database: TestDatabase;
  running: RunningWechaty;
  mocker: mock.Mocker;
  /** The bot's own WeChat account. */
  account: ContactMock;
  mediaDir: string;
  network: NetworkBlock;
  customer(name: string): MockCustomer;
  /** Sends through the bot's `ChatSender`, as a follow-up or a staff reply would. */
  send(userId: string, replies: ChatReply[]): Promise<void>;
  /** Waits until every message said so far has been through a turn and its replies are out. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface MockCustomer {
  contact: ContactMock;
  /** Everything the bot said to this contact, in private, in order. */
  received: string[];
  /** Says a text (or sends a file) privately and returns what the bot said back. */
  say(something: string | FileBoxInterface): Promise<string[]>;
  /** Says a text in a group, optionally @mentioning the bot; `settled()` waits for its turn. */
  sayInRoom(room: RoomMock, text: string, mentionBot?: boolean): void;
}

/** Polls until `probe` holds; the bound only turns a hang into a readable failure. */
export async function until(what: string, probe: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: still not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function createBotTest(
  options: { env?: Record<string, string>; followUps?: FollowUpPort } = {},
): Promise<BotTest> {
  const network = blockNetwork();
  const database = await createTestDatabase();
  const mediaDir = mkdtempSync(join(tmpdir(), 'taizhang-wechaty-'));
  const mocker = new mock.Mocker();
  const running = await startWechaty({
    env: {
      DATABASE_URL: database.url,
      WECHATY_PUPPET: 'wechaty-puppet-mock',
      WECHATY_MEDIA_DIR: mediaDir,
      ...options.env,
    },
    logger: silentLogger(),
    puppet: new PuppetMock({ mocker }),
    followUps: options.followUps,
  });
  const account = mocker.createContact({ name: '客服小助手' });
  mocker.login(account);
  await until('the bot logged in', async () => running.bot.isLoggedIn);

  const rooms = options.env?.WECHATY_ROOMS === 'on';
  let said = 0;
  let delivered = 0;
  // Messages sent outside a turn: not in the chat log, but the bot says them.
  let outside = 0;
  mocker.puppet.on('message', ({ messageId }) => {
    if (mocker.messagePayload(messageId).talkerId === account.id) delivered++;
  });
  const settled = async () => {
    const { prisma } = database.db;
    await until('the bot answered', async () => {
      const handled = await prisma.inboxEvent.count({
        where: { channel: 'wechaty', status: { not: 'received' } },
      });
      const replies = await prisma.chatMessage.count({
        where: { channel: 'wechaty', direction: 'out' },
      });
      return handled === said && delivered === replies + outside;
    });
  };

  return {
    database,
    running,
    mocker,
    account,
    mediaDir,
    network,
    settled,
    async send(userId, replies) {
      outside += replies.length;
      await running.sender.send(userId, replies);
    },
    customer(name) {
      const contact = mocker.createContact({ name });
      const received: string[] = [];
      // The mock's typed emitter does not type-check here; the event is the mock's own.
      const events = contact as unknown as EventEmitter;
      events.on('message', (message: MessageMock) => {
        if (message.talker().id !== account.id || message.room()) return;
        received.push(message.text() ?? '');
      });
      return {
        contact,
        received,
        async say(something) {
          const before = received.length;
          said++;
          contact.say(something).to(account);
          await settled();
          return received.slice(before);
        },
        sayInRoom(room, text, mentionBot = false) {
          if (rooms && mentionBot) said++;
          contact.say(text, mentionBot ? [account] : []).to(room);
        },
      };
    },
    async close() {
      await running.close();
      await database.drop();
      rmSync(mediaDir, { recursive: true, force: true });
      network.restore();
    },
  };
}
