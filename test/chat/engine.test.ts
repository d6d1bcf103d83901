import { afterEach, describe, expect, it } from 'vitest';
import { createEngineTest, type EngineTest, joined, wholeIntake } from './support.ts';

let t: EngineTest;
afterEach(async () => {
  await t?.close();
});

const complaints = () =>
  t.database.db.prisma.complaint.findMany({ include: { attachments: true, progress: true } });

describe('chat engine intake', () => {
  it('should take a complaint step by step and register it with the ref in the reply', async () => {
    t = await createEngineTest();
    const customer = t.customer('openid-1');
    const replies = [];
    for (const text of wholeIntake) replies.push(joined(await customer.say(text)));

    expect(replies[0]).toContain('请选择投诉类别');
    expect(replies[0]).toContain('物业服务');
    expect(replies[5]).toContain('类别：物业服务');
    expect(replies[5]).toContain('位置：森林湖 3栋 2单元 503室');
    const [row] = await complaints();
    expect(row).toMatchObject({
      source: 'wechat',
      category: '物业服务',
      content: '卫生间顶棚漏水一周了，物业一直没来修',
      complainantName: '王先生',
      complainantPhone: '13812345678',
      complainantChannelId: 'openid-1',
      project: '森林湖',
      building: '3',
      unit: '2',
      room: '503',
    });
    expect(replies[6]).toContain(`编号 ${row?.ref}`);
    expect(replies[6]).toContain('10月5日 17:00');
  });
});
