/**
 * Ingest per channel, end to end through the real server (`taizhang serve` as a child process):
 * signed hotline call records, signed forum batches, WeChat safe-mode (AES) text messages and
 * signed LINE text events (their replies go to a local fake LINE API), each request unique, at 1, 16 and 64 connections, on SQLite and PostgreSQL. The baseline is a
 * bare Hono handler on the same server stack (./baseline-server.mjs), measured in the same run.
 *
 *   npx tsx test/bench/ingest.ts   (BENCH_SECONDS per level, default 10; BENCH_DIALECTS)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { decodeAesKey, encryptMessage } from '../../channels/wechat/crypto.ts';
import { wechatSignature } from '../../channels/wechat/verify.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type Dialect, parseDatabaseUrl } from '../../src/db/url.ts';
import { signPayload } from '../../src/intake/standard-webhooks.ts';
import { startFakeLine } from '../channels/line/fake-line.ts';
import { createEmptyDatabase } from '../support/database.ts';
import { callRecord } from '../support/webhooks.ts';

const hotlineSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const forumSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const wechat = {
  token: 'benchtoken',
  appId: 'wx5823bf96d3bd56c7',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const key = decodeAesKey(wechat.aesKey);
const line = { secret: '5f0e3b1c9a7d4e2f8b6a0c1d3e5f7a9b', accessToken: 'bench-line-token' };
export const postsPerBatch = 10;
const connectionLevels = [1, 16, 64];
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

export interface Measured {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The machine's 1-minute load average just after the level ran. */
  load: number;
}

/** Called after each figure, so an interrupted run has written what it measured. */
export type Flush = () => void;

let sequence = 0;
const run = `${process.pid}`;

function signed(path: string, secret: string, body: string): autocannon.Request {
  const id = `msg_bench_${run}_${++sequence}`;
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload({ secret, id, timestamp, body }),
    },
    body,
  };
}

/** A fresh call from a fresh number: a new complaint every time, never a repeat. */
function hotline(): autocannon.Request {
  const n = ++sequence;
  return signed(
    '/webhooks/hotline',
    hotlineSecret,
    JSON.stringify(
      callRecord({
        callId: `BENCH-${run}-${n}`,
        caller: `139${String(n).padStart(8, '0')}`,
        startedAt: new Date().toISOString(),
        endedAt: new Date().toISOString(),
        recordingUrl: `https://ivr.example.com/recordings/BENCH-${n}.mp3`,
      }),
    ),
  );
}

/** Ten posts from ten threads in one delivery: ten complaints per request. */
function forum(): autocannon.Request {
  const n = ++sequence;
  const now = new Date().toISOString();
  const posts = Array.from({ length: postsPerBatch }, (_, i) => ({
    postId: `${run}-${n}-${i}`,
    url: `https://bbs.example.com/thread-${run}-${n}-${i}-1-1.html`,
    site: 'bbs.example.com',
    board: '业主论坛',
    author: `业主${i}`,
    title: '森林湖3号楼漏水一周没人管',
    body: '卫生间顶棚漏水一周了，打了几次物业电话都说排期，有没有同样情况的邻居？',
    capturedAt: now,
    keywords: ['漏水'],
    threadId: `${run}-${n}-${i}`,
  }));
  return signed('/webhooks/forum', forumSecret, JSON.stringify({ posts }));
}

/** A first text message from a new follower, encrypted as in safe mode. */
function wechatMessage(): autocannon.Request {
  const n = ++sequence;
  const openId = `oBench${run}x${n}`;
  const message =
    `<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>` +
    `<FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[3号楼电梯坏了三天了]]></Content><MsgId>${9_000_000_000 + n}</MsgId></xml>`;
  const encrypted = encryptMessage(key, wechat.appId, message);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(n);
  const query = new URLSearchParams({
    signature: wechatSignature([wechat.token, timestamp, nonce]),
    timestamp,
    nonce,
    openid: openId,
    encrypt_type: 'aes',
    msg_signature: wechatSignature([wechat.token, timestamp, nonce, encrypted]),
  });
  return {
    method: 'POST',
    path: `/webhooks/wechat?${query}`,
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

/** A text event from a new LINE user, signed as LINE signs (HMAC-SHA256 of the raw body). */
function lineMessage(): autocannon.Request {
  const n = ++sequence;
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: `Ubench${run}x${n}` },
    webhookEventId: `01BENCH${run}E${n}`,
    deliveryContext: { isRedelivery: false },
    replyToken: `bench-reply-${run}-${n}`,
    message: { id: `${run}${n}`, type: 'text', text: '3号楼电梯坏了三天了' },
  };
  const body = JSON.stringify({ destination: 'Ubenchbot', events: [event] });
  return {
    method: 'POST',
    path: '/webhooks/line',
    headers: {
      'content-type': 'application/json',
      'x-line-signature': createHmac('sha256', line.secret).update(body).digest('base64'),
    },
    body,
  };
}

export const channels = {
  hotline,
  'forum batch': forum,
  'WeChat safe mode': wechatMessage,
  LINE: lineMessage,
};
export type ChannelName = keyof typeof channels;

async function start(command: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = ready.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
  // The request log goes on being written, as in production; drain it.
  child.stdout?.resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function load(
  url: string,
  request: () => autocannon.Request,
  connections: number,
  duration: number,
): Promise<Measured> {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [{ setupRequest: (r: autocannon.Request) => ({ ...r, ...request() }) }],
  });
  return {
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    load: loadavg()[0] ?? Number.NaN,
  };
}

async function levels(
  name: string,
  url: string,
  request: () => autocannon.Request,
  rows: Measured[],
  flush: Flush,
) {
  await load(url, request, 16, 3); // warm-up: JIT, query plans, the first pages
  for (const connections of connectionLevels) {
    const row = await load(url, request, connections, seconds);
    process.stderr.write(`${name} c=${connections}: ${row.rps.toFixed(0)} req/s\n`);
    rows.push(row);
    flush();
  }
}

export async function measureBaseline(rows: Measured[], flush: Flush): Promise<void> {
  const baseline = await start(['test/bench/baseline-server.mjs'], {}, /^listening (\d+)$/);
  try {
    await levels('baseline', baseline.url, hotline, rows, flush);
  } finally {
    await stop(baseline.child);
  }
}

/** Each channel on a fresh database of the dialect, one server process per channel. */
export async function measureIngest(
  dialect: Dialect,
  results: Partial<Record<ChannelName, Measured[]>>,
  flush: Flush,
): Promise<void> {
  for (const [name, request] of Object.entries(channels) as [
    ChannelName,
    () => autocannon.Request,
  ][]) {
    const database = await createEmptyDatabase(dialect);
    // LINE answers after the 200, through its API: a local fake takes the replies.
    const fakeLine = await startFakeLine({ accessToken: line.accessToken });
    try {
      await migrate(parseDatabaseUrl(database.url));
      const server = await start(
        ['bin/taizhang.js', 'serve'],
        {
          DATABASE_URL: database.url,
          PORT: '0',
          HOST: '127.0.0.1',
          HOTLINE_WEBHOOK_SECRET: hotlineSecret,
          FORUM_WEBHOOK_SECRET: forumSecret,
          WECHAT_TOKEN: wechat.token,
          WECHAT_APP_ID: wechat.appId,
          WECHAT_ENCODING_AES_KEY: wechat.aesKey,
          LINE_CHANNEL_SECRET: line.secret,
          LINE_CHANNEL_ACCESS_TOKEN: line.accessToken,
          LINE_API_BASE_URL: fakeLine.baseUrl,
          LOG_LEVEL: 'info',
        },
        /"url":"http:\/\/127\.0\.0\.1:(\d+)"/,
      );
      try {
        results[name] = [];
        await levels(`${dialect} ${name}`, server.url, request, results[name], flush);
      } finally {
        await stop(server.child);
      }
    } finally {
      await fakeLine.close();
      await database.remove();
    }
  }
}

export function ingestTable(
  results: Partial<Record<Dialect, Partial<Record<ChannelName, Measured[]>>>>,
  baseline: Measured[],
): string {
  const lines = [
    '| database | channel | conns | req/s | ratio | p50 ms | p99 ms | errors | load |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  baseline.forEach((b) => {
    lines.push(
      `| — | baseline (bare Hono) | ${b.connections} | ${b.rps.toFixed(0)} | 1 | ${b.p50} | ${b.p99} | ${b.errors} | ${b.load.toFixed(1)} |`,
    );
  });
  for (const [dialect, byChannel] of Object.entries(results)) {
    for (const [channel, rows] of Object.entries(byChannel ?? {})) {
      rows.forEach((row, i) => {
        const base = baseline[i]?.rps ?? Number.NaN;
        lines.push(
          `| ${dialect} | ${channel} | ${row.connections} | ${row.rps.toFixed(0)} | ` +
            `${(row.rps / base).toFixed(3)} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.load.toFixed(1)} |`,
        );
      });
    }
  }
  return lines.join('\n');
}
