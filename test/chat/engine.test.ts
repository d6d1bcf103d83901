import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUpPort } from '../../src/chat/types.ts';
import { createEngineTest, type EngineTest, intakeRow, joined, wholeIntake } from './support.ts';

let t: EngineTest;
afterEach(async () => {
  await t?.close();
});

const complaints = () =>
  t.database.db.prisma.complaint.findMany({
    include: { attachments: true, progress: true },
    orderBy: { id: 'asc' },
  });

/** Says each answer in turn and returns every turn's replies as one string. */
async function converse(userId: string, answers: readonly string[], language?: 'en') {
  const customer = t.customer(userId, language ? { language } : {});
  const replies: string[] = [];
  for (const answer of answers) replies.push(joined(await customer.say(answer)));
  return replies;
}

describe('chat engine intake', () => {
  it('should take a complaint step by step and register it with the ref in the reply', async () => {
    t = await createEngineTest();
    const replies = await converse('openid-1', wholeIntake);

    expect(replies[0]).toContain('请选择投诉类别');
    expect(replies[0]).toContain('物业服务');
    expect(replies[5]).toContain('类别：物业服务');
    expect(replies[5]).toContain('位置：郑州·森林湖 3栋 2单元 503室');
    const [row] = await complaints();
    expect(row).toMatchObject(intakeRow('wechat', 'openid-1'));
    expect(replies[6]).toContain(`编号 ${row?.ref}`);
    // The ledger sets the due date: level 3 gets its first answer within 48 hours.
    expect(replies[6]).toContain('10月6日 17:00');
  });

  it.each([
    [
      'a declined phone',
      ['你好', '1', '墙面开裂很严重', '王先生', '不提供', '跳过', '1'],
      { complainantPhone: null, complainantName: '王先生' },
    ],
    [
      'a skipped name and location',
      ['你好', '1', '墙面开裂很严重', '跳过', '13812345678', '跳过', '1'],
      { complainantName: null, project: null, building: null, room: null },
    ],
    [
      'numbered skips',
      ['你好', '1', '墙面开裂很严重', '1', '1', '1', '1'],
      { complainantName: null, complainantPhone: null, project: null },
    ],
    [
      'a phone asked again after a bad one',
      ['你好', '1', '墙面开裂很严重', '王先生', '12345', '13912345678', '跳过', '确认'],
      { complainantPhone: '13912345678' },
    ],
    [
      'a category chosen by name',
      ['你好', '维修服务', '门锁坏了打不开', '王先生', '跳过', '跳过', '1'],
      { category: '维修服务' },
    ],
    [
      'a long first message taken as the description',
      [
        '电梯坏了三天了没有人来修，老人上下楼非常困难，请尽快处理',
        '4',
        '王先生',
        '跳过',
        '跳过',
        '1',
      ],
      { content: '电梯坏了三天了没有人来修，老人上下楼非常困难，请尽快处理', category: '物业服务' },
    ],
  ])('should register with %s', async (_name, answers, expected) => {
    t = await createEngineTest();
    const replies = await converse('u1', answers);

    const rows = await complaints();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'wechat', complainantChannelId: 'u1', ...expected });
    expect(replies.at(-1)).toContain(`编号 ${rows[0]?.ref}`);
  });

  it('should not ask what happened after a long first message', async () => {
    t = await createEngineTest();
    const [first, second] = await converse('u1', [
      '电梯坏了三天了没有人来修，老人上下楼非常困难，请尽快处理',
      '4',
    ]);
    expect(first).toContain('已记录您描述的问题');
    expect(second).toContain('怎么称呼');
  });

  it('should converse in English when the platform reports an English speaker', async () => {
    t = await createEngineTest({ channel: 'telegram' });
    const replies = await converse(
      '42',
      ['hi', '4', 'The lift is broken again', 'Ms Li', '+852 9123 4567', 'skip', '1'],
      'en',
    );

    expect(replies[0]).toContain('Please choose a category');
    expect(replies[0]).toContain('property services');
    expect(replies[5]).toContain('Category: property services');
    expect(replies[6]).toMatch(/registered as TG001\. We will answer by 6 Oct 17:00/);
    const status = joined(await t.customer('42', { language: 'en' }).say('status TG001'));
    expect(status).toContain('TG001 (property services)');
    expect((await complaints())[0]).toMatchObject({
      source: 'telegram',
      complainantPhone: '+85291234567',
    });
  });

  it('should keep the summary within a chat message when the description is very long', async () => {
    t = await createEngineTest({ channel: 'telegram' });
    const long = `卫生间漏水，${'楼上的水一直渗下来，墙面发霉。'.repeat(400)}`;
    const customer = t.customer('u-long');
    for (const answer of ['你好', '4', long, '王先生', 'skip']) await customer.say(answer);
    const summary = await customer.say('skip');
    await customer.say('1');

    // Telegram clips a message at 4,096 characters (LINE at 5,000), cutting off what follows.
    for (const reply of summary) expect(joined([reply]).length).toBeLessThanOrEqual(4096);
    expect(joined(summary)).toContain('卫生间漏水');
    expect((await complaints())[0]?.content).toBe(long);
  });

  it('should take text with NUL and lone surrogates, which JSON can carry, to a complaint', async () => {
    t = await createEngineTest();
    const customer = t.customer('u-nul');
    const replies: string[] = [];
    for (const answer of [
      '你好\u0000',
      '4',
      '卫生间漏水\u0000一周了\ud800',
      '王\u0000先生',
      'skip',
      'skip',
    ]) {
      replies.push(joined(await customer.say(answer)));
    }
    const registered = joined(await customer.say('1'));

    expect(replies[0]).toContain('请选择投诉类别');
    expect(registered).toContain('投诉已登记');
    expect((await complaints())[0]).toMatchObject({ complainantName: '王先生' });
  });

  it('should attach images and voice sent during the intake', async () => {
    t = await createEngineTest();
    const customer = t.customer('u1');
    await customer.say('你好');
    await customer.say('1');
    const attached = await customer.send({
      kind: 'image',
      media: { kind: 'image', url: 'https://mmbiz.example/pic.jpg' },
    });
    await customer.send({
      kind: 'voice',
      media: { kind: 'voice', url: 'wechat-media:abc', mimeType: 'audio/amr' },
    });
    for (const answer of ['裂缝从窗角一直延伸', '跳过', '跳过', '跳过', '1'])
      await customer.say(answer);

    expect(joined(attached)).toContain('已收到附件');
    expect(joined(attached)).toContain('请描述发生了什么');
    const [row] = await complaints();
    expect(row?.attachments.map((a) => [a.kind, a.url, a.mimeType])).toEqual([
      ['image', 'https://mmbiz.example/pic.jpg', null],
      ['voice', 'wechat-media:abc', 'audio/amr'],
    ]);
  });

  it('should take a long caption on a first photo as the description', async () => {
    t = await createEngineTest({ channel: 'telegram' });
    const customer = t.customer('u-caption');
    const caption = '楼道天花板掉下来一大块，差点砸到孩子，物业说要排期维修';

    const first = joined(
      await customer.send({
        kind: 'image',
        text: caption,
        media: { kind: 'image', url: 'telegram-file:AgAD' },
      }),
    );
    const next = joined(await customer.say('4'));
    for (const answer of ['跳过', '跳过', '跳过', '1']) await customer.say(answer);

    expect(first).toContain('已收到附件');
    expect(next).toContain('怎么称呼');
    const [row] = await complaints();
    expect(row).toMatchObject({ content: caption, category: '物业服务' });
    expect(row?.attachments.map((a) => a.url)).toEqual(['telegram-file:AgAD']);
  });

  it('should answer unsupported kinds politely and keep the step', async () => {
    t = await createEngineTest();
    const customer = t.customer('u1');
    await customer.say('你好');

    const replies = joined(await customer.send({ kind: 'unsupported' }));

    expect(replies).toContain('目前只能处理文字');
    expect(replies).toContain('请选择投诉类别');
  });
});

describe('chat engine commands', () => {
  it('should cancel an intake, register nothing, and start afresh next time', async () => {
    t = await createEngineTest();
    const replies = await converse('u1', ['你好', '1', '墙面开裂', '取消', '你好', '取消', '取消']);

    expect(replies[3]).toContain('已取消');
    expect(replies[4]).toContain('请选择投诉类别');
    expect(replies[6]).toContain('当前没有进行中的投诉');
    expect(await complaints()).toHaveLength(0);
  });

  it('should cancel from the summary choices', async () => {
    t = await createEngineTest();
    const replies = await converse('u1', ['你好', '1', '墙面开裂了', '跳过', '跳过', '跳过', '3']);
    expect(replies[6]).toContain('已取消');
    expect(await complaints()).toHaveLength(0);
  });

  it.each([
    ['中文', 'zh', '帮助', '「查询 编号」'],
    ['English', 'en', 'help', '"status REF"'],
  ])(
    'should list the commands (%s) and ask the pending question again',
    async (_n, lang, word, line) => {
      t = await createEngineTest();
      const customer = t.customer('u1', lang === 'en' ? { language: 'en' } : {});
      await customer.say(lang === 'en' ? 'hi' : '你好');
      const replies = joined(await customer.say(word));
      expect(replies).toContain(line);
      expect(replies).toContain(lang === 'en' ? 'choose a category' : '请选择投诉类别');
    },
  );

  it('should tell the status of the customer’s own complaint and not of anyone else’s', async () => {
    t = await createEngineTest();
    await converse('owner', wholeIntake);
    const [row] = await complaints();

    const [own] = await converse('owner', [`查询 ${row?.ref}`]);
    const [other] = await converse('stranger', [`查询 ${row?.ref}`]);
    const [list] = await converse('owner', ['查询']);
    const [none] = await converse('stranger', ['status']);

    expect(own).toContain(`投诉 ${row?.ref}（物业服务）：待处理`);
    expect(other).toContain(`没有找到您名下编号为 ${row?.ref} 的投诉`);
    expect(other).not.toContain('物业服务');
    expect(list).toContain(`${row?.ref} 物业服务 待处理`);
    expect(none).toContain('还没有');
  });

  it('should not show a complaint from another channel under the same user id', async () => {
    t = await createEngineTest();
    await converse('same-id', wholeIntake);
    const telegram = await createEngineTest({ channel: 'telegram' });
    try {
      await telegram.database.db.prisma.complaint.create({
        data: {
          ref: 'W001',
          receivedAt: new Date(),
          source: 'wechat',
          complainantChannelId: 'same-id',
          content: 'x',
          category: '物业服务',
        },
      });
      const replies = joined(await telegram.customer('same-id').say('status W001'));
      expect(replies).toContain('没有找到');
    } finally {
      await telegram.close();
    }
  });

  it('should flag the conversation, and a registered complaint, when the customer asks for a person', async () => {
    t = await createEngineTest();
    const [, midway] = await converse('u1', ['你好', '人工']);
    const flagged = await t.database.db.prisma.chatConversation.findFirst();
    expect(midway).toContain('已通知人工客服');
    expect(flagged?.handoffAt).not.toBeNull();

    await converse('u2', wholeIntake);
    await converse('u2', ['人工']);
    const [row] = await complaints();
    expect(row?.progress.map((entry) => entry.author)).toEqual(['chat']);
  });
});

describe('chat engine hand-off', () => {
  it('should flag the complaint registered after a hand-off asked for during its intake', async () => {
    t = await createEngineTest();
    await converse('u1', ['你好', '4', '人工', ...wholeIntake.slice(2)]);
    const [row] = await complaints();
    expect(row?.progress.map((entry) => entry.author)).toEqual(['chat']);
  });

  it('should not flag a later complaint for a hand-off asked for in an earlier intake', async () => {
    t = await createEngineTest();
    await converse('u1', ['你好', '人工', '取消']);
    await converse('u1', wholeIntake);
    const [row] = await complaints();
    expect(row?.progress).toEqual([]);
  });
});

describe('chat engine state', () => {
  it('should start again after the idle limit and say so', async () => {
    t = await createEngineTest();
    const customer = t.customer('u1');
    await customer.say('你好');
    await customer.say('1');
    t.advance(31);

    const replies = joined(await customer.say('墙面开裂'));

    expect(replies).toContain('上一次的对话已超时');
    expect(replies).toContain('请选择投诉类别');
  });

  it('should keep the conversation within a configured idle limit', async () => {
    t = await createEngineTest({ idleMinutes: 60 });
    const customer = t.customer('u1');
    await customer.say('你好');
    await customer.say('1');
    t.advance(45);
    expect(joined(await customer.say('墙面开裂很严重'))).toContain('怎么称呼');
  });

  it('should register one complaint when the confirm arrives twice at once', async () => {
    t = await createEngineTest();
    const customer = t.customer('u1');
    for (const answer of wholeIntake.slice(0, -1)) await customer.say(answer);

    const both = await Promise.all([customer.say('1'), customer.say('confirm')]);

    expect(await complaints()).toHaveLength(1);
    for (const replies of both) expect(joined(replies)).toContain('W001');
  });

  it('should keep every answer when messages of one customer race', async () => {
    t = await createEngineTest();
    const customer = t.customer('u1');
    await customer.say('你好');
    await Promise.all([
      customer.say('1'),
      customer.send({ kind: 'image', media: { kind: 'image', url: 'https://x/1.jpg' } }),
    ]);

    const conversation = await t.database.db.prisma.chatConversation.findFirstOrThrow();
    expect(conversation.step).toBe('description');
    expect(JSON.parse(conversation.draft).attachments).toHaveLength(1);
    expect(conversation.version).toBe(3);
  });

  it('should store every message and reply, tied to the complaint once registered', async () => {
    t = await createEngineTest();
    await converse('u1', wholeIntake);
    const messages = await t.database.db.prisma.chatMessage.findMany({ orderBy: { id: 'asc' } });
    const [row] = await complaints();

    expect(messages.filter((m) => m.direction === 'in').map((m) => m.text)).toEqual(wholeIntake);
    expect(new Set(messages.map((m) => m.complaintRef))).toEqual(new Set([row?.ref]));
  });
});

describe('chat engine follow-ups', () => {
  const port = (pendingRef: string | null) => {
    const answers: Array<{ ref: string; satisfaction: number }> = [];
    const followUps: FollowUpPort = {
      pending: async () => (pendingRef ? { ref: pendingRef } : null),
      answer: async ({ ref, satisfaction }) => {
        answers.push({ ref, satisfaction });
      },
    };
    return { followUps, answers };
  };

  it.each([
    ['a bare score', '4', 4],
    ['a choice value', 'feedback:W009:2', 2],
  ])('should record %s for the pending follow-up and thank', async (_n, answer, score) => {
    const { followUps, answers } = port('W009');
    t = await createEngineTest({ followUps });

    const [reply] = await converse('u1', [answer]);

    expect(answers).toEqual([{ ref: 'W009', satisfaction: score }]);
    expect(reply).toContain('感谢您的评价');
  });

  it('should treat a score as an ordinary answer when nothing is pending', async () => {
    const { followUps, answers } = port(null);
    t = await createEngineTest({ followUps });
    const [reply] = await converse('u1', ['4']);
    expect(answers).toEqual([]);
    expect(reply).toContain('请选择投诉类别');
  });

  it('should not record a choice value for a follow-up that is not pending', async () => {
    const { followUps, answers } = port('W010');
    t = await createEngineTest({ followUps });
    const [reply] = await converse('u1', ['feedback:W009:5']);
    expect(answers).toEqual([]);
    expect(reply).toContain('回访已经结束');
  });
});
