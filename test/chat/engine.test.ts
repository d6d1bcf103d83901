import { afterEach, describe, expect, it } from 'vitest';
import { createEngineTest, type EngineTest, intakeRow, joined, wholeIntake } from './support.ts';

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
    expect(replies[5]).toContain('位置：郑州·森林湖 3栋 2单元 503室');
    const [row] = await complaints();
    expect(row).toMatchObject(intakeRow('wechat', 'openid-1'));
    expect(replies[6]).toContain(`编号 ${row?.ref}`);
    expect(replies[6]).toContain('10月5日 17:00');
  });
});
