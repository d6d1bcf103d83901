/**
 * /webhooks/telegram with a scripted engine and a fake Bot API: the secret-token header, bad
 * bodies, each kind of update, buttons, redeliveries and the retried sendMessage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  callbackUpdate,
  chatId,
  createTelegramTestApp,
  messageUpdate,
  postTelegram,
  type TelegramTestApp,
  textUpdate,
} from './support.ts';

let t: TelegramTestApp;
afterEach(async () => {
  await t?.close();
});

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;
const inboxRows = () => t.database.db.prisma.inboxEvent.findMany({ orderBy: { id: 'asc' } });

describe('Telegram webhook authentication and bodies', () => {
  it.each([
    ['no secret token', null, 'signature_missing'],
    ['a wrong secret token', 'tz-webhook-secret_2025', 'signature_invalid'],
    ['a secret token of another length', 'short', 'signature_invalid'],
  ])('should refuse %s with 401 and store nothing', async (_name, secret, code) => {
    t = await createTelegramTestApp();

    const res = await postTelegram(t.app, textUpdate('停车位被占'), secret);

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe(code);
    expect(await inboxRows()).toHaveLength(0);
    expect(t.engine.calls).toHaveLength(0);
    expect(t.fake.sent).toHaveLength(0);
  });

  it('should answer a body that is not JSON with 400 malformed_json', async () => {
    t = await createTelegramTestApp();

    const res = await postTelegram(t.app, '{"update_id": 1, "message": {');

    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('malformed_json');
    expect(await inboxRows()).toHaveLength(0);
  });

  it('should answer JSON without update_id with 422 and the path', async () => {
    t = await createTelegramTestApp();

    const res = await postTelegram(t.app, { message: { text: 'hi' } });

    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'update_id' }] },
    });
  });
});

describe('Telegram webhook updates', () => {
  it('should run the turn before the 200 and answer in the chat', async () => {
    t = await createTelegramTestApp();
    const update = textUpdate('停车位被占');

    const res = await postTelegram(t.app, update);

    expect(res.status).toBe(200);
    expect(t.fake.sent).toEqual([{ chat_id: chatId, text: '收到：停车位被占' }]);
    const [row] = await inboxRows();
    expect(row).toMatchObject({ deliveryKey: `telegram:${update.update_id}`, status: 'processed' });
    expect(t.fake.calls).not.toContain('getMe');
  });

  it('should offer the choices as inline buttons and take a press as a postback', async () => {
    t = await createTelegramTestApp();
    const press = callbackUpdate('物业服务');

    await postTelegram(t.app, messageUpdate({ text: '/start' }));
    await postTelegram(t.app, press);

    expect(t.fake.sent[0]).toMatchObject({ text: '收到：/start' });
    expect(t.engine.calls[1]).toMatchObject({
      kind: 'postback',
      text: '物业服务',
      userId: String(chatId),
    });
    expect(t.fake.answeredCallbacks).toEqual([press.callback_query.id]);
  });

  it('should render choices as an inline keyboard, numbered in the text', async () => {
    t = await createTelegramTestApp();
    const sender = t.channel.sender;

    await sender.send(String(chatId), [
      {
        text: '请选择投诉类别：',
        choices: [
          { label: '物业服务', value: '物业服务' },
          { label: '工程质量', value: 'q' },
        ],
      },
    ]);

    expect(t.fake.sent).toEqual([
      {
        chat_id: chatId,
        text: '请选择投诉类别：\n1. 物业服务\n2. 工程质量',
        reply_markup: {
          inline_keyboard: [
            [{ text: '物业服务', callback_data: '物业服务' }],
            [{ text: '工程质量', callback_data: 'q' }],
          ],
        },
      },
    ]);
  });

  it.each([
    [
      'a photo with a caption',
      {
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
          { file_id: 'big', file_unique_id: 'b', width: 1280, height: 960 },
        ],
        caption: '漏水',
      },
      {
        kind: 'image',
        text: '漏水',
        media: { kind: 'image', url: 'telegram-file:big' },
      },
    ],
    [
      'a voice message',
      { voice: { file_id: 'v1', file_unique_id: 'v', duration: 4, mime_type: 'audio/ogg' } },
      {
        kind: 'voice',
        media: { kind: 'voice', url: 'telegram-file:v1', mimeType: 'audio/ogg' },
      },
    ],
    [
      'a location',
      { location: { latitude: 34.7466, longitude: 113.6253 } },
      {
        kind: 'location',
        location: { latitude: 34.7466, longitude: 113.6253 },
      },
    ],
    [
      'a shared contact',
      { contact: { phone_number: '+8613812345678', first_name: 'Li' } },
      {
        kind: 'text',
        text: '+8613812345678',
      },
    ],
    [
      'a sticker',
      {
        sticker: {
          file_id: 'st',
          file_unique_id: 'st',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      },
      {
        kind: 'unsupported',
      },
    ],
  ])('should hand the engine %s', async (_name, fields, expected) => {
    t = await createTelegramTestApp();

    await postTelegram(t.app, messageUpdate(fields));

    expect(t.engine.calls).toHaveLength(1);
    expect(t.engine.calls[0]).toMatchObject({
      channel: 'telegram',
      userId: String(chatId),
      ...expected,
    });
    if (expected.kind === 'unsupported') {
      expect(t.fake.sent).toEqual([{ chat_id: chatId, text: '目前只能处理文字消息。' }]);
    }
  });

  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh-hans', 'zh'],
    ['ru', undefined],
  ])('should read language_code %s as %s', async (code, expected) => {
    t = await createTelegramTestApp();

    await postTelegram(t.app, textUpdate('hello', code));

    expect(t.engine.calls[0]?.language).toBe(expected);
  });

  it('should store a group message and an edit without a turn', async () => {
    t = await createTelegramTestApp();
    const group = messageUpdate({
      chat: { id: -100123, type: 'supergroup', title: '业主群' },
      text: 'hi',
    });
    const edit = { update_id: group.update_id + 1, edited_message: group.message };

    await postTelegram(t.app, group);
    await postTelegram(t.app, edit);

    expect(t.engine.calls).toHaveLength(0);
    expect(t.fake.sent).toHaveLength(0);
    expect((await inboxRows()).map((row) => row.status)).toEqual(['processed', 'processed']);
  });

  it('should process a redelivered update once: one turn, one message', async () => {
    t = await createTelegramTestApp();
    const update = textUpdate('电梯坏了');

    const first = await postTelegram(t.app, update);
    const second = await postTelegram(t.app, update);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(t.engine.calls).toHaveLength(1);
    expect(t.fake.sent).toHaveLength(1);
    expect(await inboxRows()).toHaveLength(1);
  });

  it('should retry sendMessage after a 429 and a 502', async () => {
    t = await createTelegramTestApp();
    t.fake.force(
      { error_code: 429, description: 'Too Many Requests: retry after 0', retry_after: 0 },
      { error_code: 502, description: 'Bad Gateway' },
    );

    await postTelegram(t.app, textUpdate('楼道灯坏了'));

    expect(t.fake.sent).toHaveLength(1);
    expect(t.fake.calls.filter((method) => method === 'sendMessage')).toHaveLength(3);
    expect((await inboxRows())[0]?.status).toBe('processed');
  });

  it('should keep the update as a dead letter when Telegram refuses the message', async () => {
    t = await createTelegramTestApp();
    t.fake.force({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });

    const res = await postTelegram(t.app, textUpdate('楼道灯坏了'));

    expect(res.status).toBe(200);
    expect((await inboxRows())[0]).toMatchObject({ status: 'failed', error: 'reply failed (403)' });
  });

  it('should keep a failed turn as a dead letter and answer 200', async () => {
    t = await createTelegramTestApp();

    const res = await postTelegram(t.app, textUpdate('boom'));

    expect(res.status).toBe(200);
    expect((await inboxRows())[0]).toMatchObject({ status: 'failed', error: 'engine failed' });
  });
});
