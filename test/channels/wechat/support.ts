/**
 * Test helpers for the WeChat channel: a scripted engine, an app with the channel mounted over a
 * fresh database, and signed requests built the way WeChat builds them.
 */
import {
  createWechatChannel,
  type WechatChannel,
  type WechatChannelOptions,
} from '../../../channels/wechat/index.ts';
import { cdata } from '../../../channels/wechat/reply.ts';
import { wechatSignature } from '../../../channels/wechat/verify.ts';
import type { ChatEngine, ChatReply, InboundChatMessage } from '../../../src/chat/types.ts';
import { createApp } from '../../../src/http/app.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

export const greeting: ChatReply = {
  text: '您好，这里是投诉受理。请选择投诉类别：',
  choices: [
    { label: '物业服务', value: '物业服务' },
    { label: '工程质量', value: '工程质量' },
  ],
};

/** Answers by message kind; `hold()` makes the next turns wait until `release()`. */
export class ScriptedEngine implements ChatEngine {
  readonly calls: InboundChatMessage[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  hold() {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release() {
    this.open?.();
    this.gate = undefined;
  }

  async handle(message: InboundChatMessage): Promise<ChatReply[]> {
    this.calls.push(message);
    await this.gate;
    switch (message.kind) {
      case 'follow':
        return [greeting];
      case 'unsupported':
        return [{ text: '目前只能处理文字消息。' }];
      case 'text':
        if (message.text === 'boom') throw new Error('engine failure');
        return [{ text: `收到：${message.text}` }];
      default:
        return [{ text: `${message.kind}: ${message.text ?? message.media?.url ?? ''}` }];
    }
  }
}

export interface WechatTestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  channel: Extract<WechatChannel, { on: true }>;
  engine: ScriptedEngine;
  close(): Promise<void>;
}

export async function createWechatTestApp(
  env: Record<string, string>,
  options: Partial<WechatChannelOptions> = {},
): Promise<WechatTestApp> {
  const database = await createTestDatabase();
  const engine = new ScriptedEngine();
  const channel = createWechatChannel({
    engine,
    ledger: database.ledger,
    logger: silentLogger(),
    env,
    apiBackoffMs: 1,
    ...options,
  });
  if (!channel.on) throw new Error(`channel off: ${channel.reason}`);
  const app = createApp({
    ledger: database.ledger,
    logger: silentLogger(),
    channels: [{ name: 'wechat', status: channel }],
  });
  return {
    app,
    database,
    channel,
    engine,
    async close() {
      engine.release();
      await channel.close();
      await database.drop();
    },
  };
}

/** The query WeChat adds to a plain-mode POST or a handshake. */
export function signedQuery(token: string, extra: Record<string, string> = {}): string {
  const timestamp = '1700000000';
  const nonce = '123456789';
  const signature = wechatSignature([token, timestamp, nonce]);
  return new URLSearchParams({ signature, timestamp, nonce, ...extra }).toString();
}

/** A pushed message as WeChat writes it: fields in CDATA, numbers bare. */
export function wechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) =>
      typeof value === 'number'
        ? `<${name}>${value}</${name}>`
        : `<${name}>${cdata(value)}</${name}>`,
    )
    .join('');
  return `<xml>${body}</xml>`;
}

export const openId = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
export const accountId = 'gh_1234567890ab';

export function textMessage(content: string, msgId = '6054768590064713728'): string {
  return wechatXml({
    ToUserName: accountId,
    FromUserName: openId,
    CreateTime: 1700000000,
    MsgType: 'text',
    Content: content,
    MsgId: msgId,
  });
}

export function postXml(app: WechatTestApp['app'], query: string, body: string) {
  return app.request(`/webhooks/wechat?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
}
