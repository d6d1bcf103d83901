/**
 * The personal WeChat bot end to end: the real bot (`startWechaty`, as `npm run wechaty` runs it)
 * over wechaty-puppet-mock, a mock contact chatting with it, and a real database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FileBox } from 'file-box';
import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUpPort } from '../../../src/chat/types.ts';
import { intakeRow, wholeIntake } from '../../chat/support.ts';
import { type BotTest, createBotTest } from './support.ts';

let t: BotTest | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const complaints = () =>
  (t as BotTest).database.db.prisma.complaint.findMany({ include: { attachments: true } });

const fileOf = (name: string, content: string) =>
  FileBox.fromBase64(Buffer.from(content).toString('base64'), name);

describe('wechaty bot conversation', () => {
  it('should register a complaint from a private chat and send the ref back', async () => {
    t = await createBotTest();
    const customer = t.customer('王先生');

    const answers: string[][] = [];
    for (const text of wholeIntake) answers.push(await customer.say(text));

    expect(answers[0]?.join('\n')).toContain('请选择投诉类别');
    const [row] = await complaints();
    expect(row).toMatchObject({ ref: 'W001', ...intakeRow('wechaty', customer.contact.id) });
    expect(answers.at(-1)?.join('\n')).toMatch(/W001/);
    expect(customer.received.at(-1)).toContain('W001');
    expect(t.network.attempts).toEqual([]);
  });

  it('should attach an image and a voice message sent during the intake', async () => {
    t = await createBotTest();
    const customer = t.customer('李女士');
    await customer.say('你好');
    await customer.say('1');

    const attached = await customer.say(fileOf('crack.jpg', 'jpeg bytes'));
    await customer.say(fileOf('note.sil', 'silk bytes'));
    for (const text of ['墙面裂缝从窗角一直延伸', '跳过', '跳过', '跳过', '1']) {
      await customer.say(text);
    }

    expect(attached.join('\n')).toContain('已收到附件');
    const [row] = await complaints();
    const kinds = row?.attachments.map((a) => [a.kind, a.mimeType]);
    expect(kinds).toEqual([
      ['image', 'image/jpeg'],
      ['voice', 'audio/silk'],
    ]);
    for (const attachment of row?.attachments ?? []) {
      const file = attachment.url.replace(/^wechaty-media:/, '');
      expect(existsSync(join(t.mediaDir, file))).toBe(true);
    }
  });

  it('should take a message the puppet emits twice once', async () => {
    t = await createBotTest();
    const customer = t.customer('赵先生');
    await customer.say('你好');
    const first = await t.database.db.prisma.inboxEvent.findFirstOrThrow();
    const messageId = first.deliveryKey.replace(/^wechaty:/, '');

    t.mocker.puppet.emit('message', { messageId });
    await customer.say('1');

    const inbound = await t.database.db.prisma.chatMessage.count({ where: { direction: 'in' } });
    expect(inbound).toBe(2);
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(2);
  });
});

describe('wechaty bot group chats', () => {
  it('should ignore group messages while rooms are off', async () => {
    t = await createBotTest();
    const customer = t.customer('钱先生');
    const room = t.mocker.createRoom({
      topic: '业主群',
      memberIdList: [customer.contact.id, t.account.id],
    });

    customer.sayInRoom(room, '@客服小助手 你好', true);
    customer.sayInRoom(room, '大家好');
    // The customer's messages are taken in order: once this one is answered, the group ones were
    // seen before it.
    await customer.say('帮助');

    const messages = await t.database.db.prisma.chatMessage.findMany({
      where: { direction: 'in' },
    });
    expect(messages.map((m) => m.text)).toEqual(['帮助']);
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(1);
  });

  it('should answer an @mention in a group when rooms are on, and nothing else there', async () => {
    t = await createBotTest({ env: { WECHATY_ROOMS: 'on' } });
    const customer = t.customer('孙女士');
    const room = t.mocker.createRoom({
      topic: '业主群',
      memberIdList: [customer.contact.id, t.account.id],
    });
    const inRoom: string[] = [];
    (room as unknown as import('node:events').EventEmitter).on(
      'message',
      (message: { talker(): { id: string }; text(): string | undefined }) => {
        if (message.talker().id === t?.account.id) inRoom.push(message.text() ?? '');
      },
    );

    customer.sayInRoom(room, '大家好');
    customer.sayInRoom(room, '@客服小助手 你好', true);
    await t.settled();

    const messages = await t.database.db.prisma.chatMessage.findMany({
      where: { direction: 'in' },
    });
    expect(messages.map((m) => [m.userId, m.text])).toEqual([[customer.contact.id, '你好']]);
    expect(inRoom.join('\n')).toContain('请选择投诉类别');
    expect(customer.received).toEqual([]);
  });
});

describe('wechaty bot outside a reply', () => {
  it('should send a follow-up through the sender and record the answer', async () => {
    const answers: Array<{ ref: string; satisfaction: number }> = [];
    const followUps: FollowUpPort = {
      pending: async (channel, userId) =>
        channel === 'wechaty' && userId === customerId ? { ref: 'W001' } : null,
      answer: async ({ ref, satisfaction }) => {
        answers.push({ ref, satisfaction });
      },
    };
    let customerId = '';
    t = await createBotTest({ followUps });
    const customer = t.customer('周先生');
    customerId = customer.contact.id;
    for (const text of wholeIntake) await customer.say(text);

    const before = customer.received.length;
    await t.send(customerId, [
      {
        text: '您的投诉 W001 已处理完毕，请为我们的处理打分',
        choices: [{ label: '满意', value: '5' }],
      },
    ]);
    expect(customer.received.slice(before)).toEqual([
      '您的投诉 W001 已处理完毕，请为我们的处理打分\n1. 满意',
    ]);

    const thanks = await customer.say('5');

    expect(answers).toEqual([{ ref: 'W001', satisfaction: 5 }]);
    expect(thanks.join('\n')).toContain('感谢您的评价');
  });
});
