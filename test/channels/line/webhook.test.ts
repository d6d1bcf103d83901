/**
 * /webhooks/line with a scripted engine and a fake LINE API: signatures on the raw body, bad
 * bodies, each kind of event, redeliveries, and the reply token's fallback to push.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDialect } from '../../support/database.ts';
import {
  createLineTestApp,
  type LineTestApp,
  lineEvent,
  lineSignature,
  postLine,
  textEvent,
  userId,
  webhookBody,
} from './support.ts';

let t: LineTestApp;
afterEach(async () => {
  await t?.close();
});

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;
const inboxRows = () => t.database.db.prisma.inboxEvent.findMany({ orderBy: { id: 'asc' } });

/** A trigger that makes the database refuse to store one delivery key, as a failing write does. */
async function refuseInboxKey(deliveryKey: string) {
  const { prisma } = t.database.db;
  if (testDialect === 'sqlite') {
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_key BEFORE INSERT ON inbox_event
      WHEN NEW.delivery_key = '${deliveryKey}' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    return;
  }
  await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_key() RETURNS trigger AS $$ BEGIN
      IF NEW.delivery_key = '${deliveryKey}' THEN RAISE EXCEPTION 'refused'; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_key BEFORE INSERT ON inbox_event
      FOR EACH ROW EXECUTE FUNCTION refuse_key()`);
}

describe('LINE webhook signatures and bodies', () => {
  it.each([
    ['no signature', null, 'signature_missing'],
    ['a signature with another secret', lineSignature('x', '0'.repeat(32)), 'signature_invalid'],
    ['a signature that is not base64 of a digest', 'not-a-signature', 'signature_invalid'],
  ])('should refuse %s with 401 and store nothing', async (_name, signature, code) => {
    t = await createLineTestApp();
    const body = webhookBody(textEvent('停车位被占'));

    const res = await postLine(t.app, body, signature);

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe(code);
    expect(await inboxRows()).toHaveLength(0);
    expect(t.engine.calls).toHaveLength(0);
  });

  it('should refuse a body changed after signing', async () => {
    t = await createLineTestApp();
    const body = webhookBody(textEvent('停车位被占'));

    const res = await postLine(t.app, body.replace('停车位', '车位'), lineSignature(body));

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('signature_invalid');
    expect(await inboxRows()).toHaveLength(0);
  });

  it('should answer a signed body that is not JSON with 400 malformed_json', async () => {
    t = await createLineTestApp();

    const res = await postLine(t.app, '{"events": [');

    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('malformed_json');
    expect(await inboxRows()).toHaveLength(0);
  });

  it('should answer signed JSON without events with 422 and the path', async () => {
    t = await createLineTestApp();

    const res = await postLine(t.app, JSON.stringify({ destination: 'U0' }));

    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'events' }] },
    });
  });

  it('should answer the console verification (no events) with 200 and store nothing', async () => {
    t = await createLineTestApp();

    const res = await postLine(t.app, webhookBody());

    expect(res.status).toBe(200);
    expect(await inboxRows()).toHaveLength(0);
  });
});

describe('LINE webhook events', () => {
  it('should answer a text with the reply token and store the event under its id', async () => {
    t = await createLineTestApp();
    const event = textEvent('停车位被占');

    const res = await postLine(t.app, webhookBody(event));
    await t.channel.close();

    expect(res.status).toBe(200);
    expect(t.fake.sent).toEqual([
      {
        via: 'reply',
        to: event.replyToken,
        messages: [{ type: 'text', text: '收到：停车位被占' }],
      },
    ]);
    const [row] = await inboxRows();
    expect(row).toMatchObject({ deliveryKey: `line:${event.webhookEventId}`, status: 'processed' });
    expect(JSON.parse(row?.reply ?? '{}')).toMatchObject({ delivery: 'reply' });
  });

  it('should greet a follower with quick-reply postback buttons for the choices', async () => {
    t = await createLineTestApp();

    await postLine(t.app, webhookBody(lineEvent('follow')));
    await t.channel.close();

    expect(t.engine.calls[0]?.kind).toBe('follow');
    const [message] = t.fake.sent[0]?.messages ?? [];
    expect(message?.text).toBe('您好，这里是投诉受理。请选择投诉类别：\n1. 物业服务\n2. 工程质量');
    expect(message?.quickReply?.items).toEqual([
      {
        type: 'action',
        action: { type: 'postback', label: '物业服务', data: '物业服务', displayText: '物业服务' },
      },
      {
        type: 'action',
        action: { type: 'postback', label: '工程质量', data: '工程质量', displayText: '工程质量' },
      },
    ]);
  });

  const message = (fields: Record<string, unknown>) => ({ message: { id: '5001', ...fields } });
  it.each([
    [
      'a postback',
      lineEvent('postback', { postback: { data: '物业服务' } }),
      {
        kind: 'postback',
        text: '物业服务',
      },
    ],
    [
      'an image',
      lineEvent('message', message({ type: 'image' })),
      {
        kind: 'image',
        media: { kind: 'image', url: 'line-content:5001' },
      },
    ],
    [
      'an audio message',
      lineEvent('message', message({ type: 'audio', duration: 3000 })),
      {
        kind: 'voice',
        media: { kind: 'voice', url: 'line-content:5001', mimeType: 'audio/m4a' },
      },
    ],
    [
      'a location',
      lineEvent(
        'message',
        message({
          type: 'location',
          title: '森林湖',
          address: '郑州市森林湖3号楼',
          latitude: 34.7466,
          longitude: 113.6253,
        }),
      ),
      {
        kind: 'location',
        location: { label: '郑州市森林湖3号楼', latitude: 34.7466, longitude: 113.6253 },
      },
    ],
    [
      'a sticker',
      lineEvent('message', message({ type: 'sticker', packageId: '1', stickerId: '1' })),
      {
        kind: 'unsupported',
      },
    ],
  ])('should hand the engine %s', async (_name, event, expected) => {
    t = await createLineTestApp();

    await postLine(t.app, webhookBody(event));
    await t.channel.close();

    expect(t.engine.calls).toHaveLength(1);
    expect(t.engine.calls[0]).toMatchObject({
      channel: 'line',
      userId,
      eventId: event.webhookEventId,
      ...expected,
    });
    if (expected.kind === 'unsupported') {
      expect(t.fake.sent[0]?.messages).toEqual([{ type: 'text', text: '目前只能处理文字消息。' }]);
    }
  });

  it('should store an unfollow and a group message without a turn', async () => {
    t = await createLineTestApp();
    const group = { ...textEvent('大家好'), source: { type: 'group', groupId: 'C1', userId } };

    await postLine(t.app, webhookBody(lineEvent('unfollow'), group));
    await t.channel.close();

    expect(t.engine.calls).toHaveLength(0);
    expect(t.fake.sent).toHaveLength(0);
    expect((await inboxRows()).map((row) => row.status)).toEqual(['processed', 'processed']);
  });

  it('should process a redelivered event once: one turn, one reply', async () => {
    t = await createLineTestApp();
    const event = textEvent('电梯坏了');
    const redelivered = { ...event, deliveryContext: { isRedelivery: true } };

    const first = await postLine(t.app, webhookBody(event));
    await t.channel.close();
    const second = await postLine(t.app, webhookBody(redelivered));
    await t.channel.close();

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(t.engine.calls).toHaveLength(1);
    expect(t.fake.sent).toHaveLength(1);
    expect(await inboxRows()).toHaveLength(1);
  });

  it('should still answer the events it stored when a later one fails to store', async () => {
    t = await createLineTestApp();
    await refuseInboxKey('line:refused-event');
    const stored = textEvent('电梯坏了');
    const refused = { ...textEvent('楼道灯坏了'), webhookEventId: 'refused-event' };

    const res = await postLine(t.app, webhookBody(stored, refused));
    await t.channel.close();

    // LINE delivers the request again; the stored event is then a duplicate and dropped.
    expect(res.status).toBe(500);
    expect(t.engine.calls.map((call) => call.text)).toEqual(['电梯坏了']);
    expect(t.fake.sent).toHaveLength(1);
    expect(await inboxRows()).toMatchObject([{ status: 'processed' }]);
  });

  it('should push the answer when the reply token is spent', async () => {
    t = await createLineTestApp();
    const event = textEvent('楼道灯坏了');
    t.fake.spend(event.replyToken);

    await postLine(t.app, webhookBody(event));
    await t.channel.close();

    expect(t.fake.sent).toMatchObject([
      { via: 'push', to: userId, messages: [{ type: 'text', text: '收到：楼道灯坏了' }] },
    ]);
    const [row] = await inboxRows();
    expect(JSON.parse(row?.reply ?? '{}')).toMatchObject({ delivery: 'push' });
  });

  it('should retry a push LINE failed with 500 under the same retry key', async () => {
    t = await createLineTestApp();
    const event = textEvent('楼道灯坏了');
    t.fake.spend(event.replyToken);
    t.fake.force(500);

    await postLine(t.app, webhookBody(event));
    await t.channel.close();

    expect(t.fake.sent).toHaveLength(1);
    expect(t.fake.sent[0]?.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect((await inboxRows())[0]?.status).toBe('processed');
  });

  it('should keep the event as a dead letter when LINE refuses the access token', async () => {
    t = await createLineTestApp();
    const event = textEvent('楼道灯坏了');
    t.fake.force(401);

    await postLine(t.app, webhookBody(event));
    await t.channel.close();

    expect(t.fake.sent).toHaveLength(0);
    expect((await inboxRows())[0]).toMatchObject({ status: 'failed', error: 'reply failed (401)' });
  });

  it('should keep a failed turn as a dead letter and still answer LINE 200', async () => {
    t = await createLineTestApp();

    const res = await postLine(t.app, webhookBody(textEvent('boom')));
    await t.channel.close();

    expect(res.status).toBe(200);
    expect((await inboxRows())[0]).toMatchObject({ status: 'failed', error: 'engine failed' });
  });

  it.each([
    ['en_US', 'en'],
    ['en', 'en'],
    ['zh-Hant', 'zh'],
    [undefined, undefined],
  ])('should tell the engine the language of a profile in %s', async (language, expected) => {
    t = await createLineTestApp();
    if (language) t.fake.languages.set(userId, language);

    await postLine(t.app, webhookBody(textEvent('hello')));
    await t.channel.close();

    expect(t.engine.calls[0]?.language).toBe(expected);
    expect(t.fake.profileRequests).toEqual([userId]);
  });
});
