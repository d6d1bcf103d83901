/**
 * Every endpoint of the gateway over one fresh database, for the bad-input corpus: the signed
 * webhooks, WeChat in safe mode (`safe`) and in plain mode (`plain`, a second instance over the
 * same database), the API with a token per role, and the console with a signed-in supervisor.
 */
import { afterAll, beforeAll } from 'vitest';
import { decodeAesKey, encryptMessage } from '../../channels/wechat/crypto.ts';
import { wechatSignature } from '../../channels/wechat/verify.ts';
import { createApiToken } from '../../src/accounts/api-tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { createChannels } from '../../src/intake/channel.ts';
import { channelFactories } from '../../src/intake/registry.ts';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { silentLogger } from '../../src/logger.ts';
import { nodeConsoleAssets } from '../../src/node/assets.ts';
import { ScriptedEngine } from '../channels/wechat/support.ts';
import { sampleAesKey } from '../channels/wechat/vectors.ts';
import { addStaff, cookiesFrom, csrfFrom, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { forumSecret, hotlineSecret, signedInit } from '../support/webhooks.ts';

export const wechatToken = 'robust2026';
export const wechatAppId = 'wx5823bf96d3bd56c7';
export const wechatAppSecret = 'wechat-app-secret-never-shown-0123';
export const staffPassword = 'correct horse battery';

/** Strings that must never appear in an answer to a bad request. */
export const secrets = [
  hotlineSecret,
  hotlineSecret.replace('whsec_', ''),
  forumSecret.replace('whsec_', ''),
  wechatToken,
  sampleAesKey,
  wechatAppSecret,
  staffPassword,
];

type App = ReturnType<typeof createApp>;

export interface Harness {
  database: TestDatabase;
  /** Hotline, forum and WeChat in safe mode. */
  safe: App;
  /** WeChat in plain mode, over the same database. */
  plain: App;
  engine: ScriptedEngine;
  tokens: { supervisor: string; viewer: string };
  session: { cookie: string; csrf: string };
  /** A complaint already in the ledger, for the routes that read or act on one. */
  ref: string;
  /** Rows that a refused request must leave as they were. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Opens a harness before the tests of the calling `describe` and drops it after them. */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await createHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('the harness opens in beforeAll');
    return harness;
  };
}

export async function createHarness(): Promise<Harness> {
  const env = {
    HOTLINE_WEBHOOK_SECRET: hotlineSecret,
    FORUM_WEBHOOK_SECRET: forumSecret,
    WECHAT_TOKEN: wechatToken,
  };
  const database = await createTestDatabase({ env });
  const logger = silentLogger();
  const engine = new ScriptedEngine();
  const build = (extra: Record<string, string>) => {
    const deps = { ledger: database.ledger, logger, env: { ...env, ...extra }, chat: engine };
    const channels = createChannels(channelFactories, deps);
    return createApp({ ledger: database.ledger, logger, channels, assets: nodeConsoleAssets() });
  };
  const safe = build({ WECHAT_APP_ID: wechatAppId, WECHAT_ENCODING_AES_KEY: sampleAesKey });
  const plain = build({});

  const tokens = {
    supervisor: (await createApiToken(database.ledger, { name: 'sup', role: 'supervisor' })).token,
    viewer: (await createApiToken(database.ledger, { name: 'view', role: 'viewer' })).token,
  };
  const asTestApp = { app: safe, database } as unknown as TestApp;
  await addStaff(asTestApp, { username: 'chen', role: 'supervisor', password: staffPassword });
  const session = await signIn(safe);
  const { row } = await registerComplaint(database.ledger, {
    input: {
      source: 'referral',
      content: '交房两年房产证未办',
      category: '客户服务',
      complainant: { name: '姚女士', phone: '13812345678' },
    },
  });

  const { prisma } = database.db;
  return {
    database,
    safe,
    plain,
    engine,
    tokens,
    session,
    ref: row.ref,
    counts: async () => ({
      complaints: await prisma.complaint.count(),
      inbox: await prisma.inboxEvent.count(),
      progress: await prisma.progressEntry.count(),
      staff: await prisma.staffUser.count(),
      chatTurns: engine.calls.length,
    }),
    close: () => database.drop(),
  };
}

async function signIn(app: App): Promise<{ cookie: string; csrf: string }> {
  const form = await app.request('/login');
  const response = await app.request('/login', {
    method: 'POST',
    headers: {
      cookie: cookiesFrom(form),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      _csrf: csrfFrom(await form.text()),
      username: 'chen',
      password: staffPassword,
    }).toString(),
  });
  const cookie = cookiesFrom(response);
  const page = await app.request('/ledger', { headers: { cookie } });
  return { cookie, csrf: csrfFrom(await page.text()) };
}

/** Headers and body of a Standard Webhooks delivery, signed over exactly these bytes. */
export function signed(
  secret: string,
  body: string | Uint8Array,
  options: { id?: string; timestamp?: number; contentType?: string } = {},
): RequestInit {
  return signedInit({ secret, body, ...options });
}

const query = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The query of a plain-mode WeChat POST or handshake, signed with the token. */
export function plainQuery(extra: Record<string, string> = {}): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '20261004';
  const signature = wechatSignature([wechatToken, timestamp, nonce]);
  return query({ signature, timestamp, nonce, ...extra });
}

/** A safe-mode POST: the message encrypted for `appId`, wrapped and signed as WeChat does. */
export function safeRequest(
  message: string | Uint8Array,
  options: { appId?: string; encrypted?: string } = {},
): { path: string; init: RequestInit } {
  const key = decodeAesKey(sampleAesKey);
  const encrypted = options.encrypted ?? encryptMessage(key, options.appId ?? wechatAppId, message);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '1320562132';
  const signature = wechatSignature([wechatToken, timestamp, nonce, encrypted]);
  const q = query({ timestamp, nonce, encrypt_type: 'aes', msg_signature: signature });
  return {
    path: `/webhooks/wechat?${q}`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    },
  };
}
