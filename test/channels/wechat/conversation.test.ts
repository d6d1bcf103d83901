/**
 * The WeChat Official Account with the real conversation engine, as production wires it: the
 * registry's channels over the engine built from the settings. A customer's whole conversation,
 * in plain and in safe mode, ends with a stored complaint and its ref in the passive reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAesKey, decryptMessage, encryptMessage } from '../../../channels/wechat/crypto.ts';
import { parseWechatXml } from '../../../channels/wechat/parse.ts';
import { cdata } from '../../../channels/wechat/reply.ts';
import { wechatSignature } from '../../../channels/wechat/verify.ts';
import { intakeRow, wholeIntake } from '../../chat/support.ts';
import { createWebhookTestApp, type WebhookTestApp } from '../../support/webhooks.ts';
import { accountId, openId, postXml, signedQuery, wechatXml } from './support.ts';
import { sampleAesKey } from './vectors.ts';

const token = 'taizhang2026';
const appId = 'wx1234567890abcdef';

const modes = {
  plain: { WECHAT_TOKEN: token },
  safe: { WECHAT_TOKEN: token, WECHAT_APP_ID: appId, WECHAT_ENCODING_AES_KEY: sampleAesKey },
} as const;
type Mode = keyof typeof modes;

let t: WebhookTestApp;
afterEach(async () => {
  await t?.close();
});

let msgIds = 7_000_000_000_000_000_000n;

/** A customer writing to the account: each message is signed (and in safe mode encrypted). */
function customer(mode: Mode, app: () => WebhookTestApp['app'], fromUser = openId) {
  const key = decodeAesKey(sampleAesKey);
  return async (content: string, msgId = String(++msgIds)) => {
    const xml = wechatXml({
      ToUserName: accountId,
      FromUserName: fromUser,
      CreateTime: 1_790_000_000,
      MsgType: 'text',
      Content: content,
      MsgId: msgId,
    });
    let res: Response;
    if (mode === 'plain') {
      res = await postXml(app(), signedQuery(token), xml);
    } else {
      const encrypted = encryptMessage(key, appId, xml);
      const timestamp = '1790000000';
      const nonce = '5150';
      const query = new URLSearchParams({
        signature: wechatSignature([token, timestamp, nonce]),
        timestamp,
        nonce,
        openid: fromUser,
        encrypt_type: 'aes',
        msg_signature: wechatSignature([token, timestamp, nonce, encrypted]),
      });
      const body = `<xml><ToUserName>${cdata(accountId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt></xml>`;
      res = await postXml(app(), query.toString(), body);
    }
    expect(res.status).toBe(200);
    let reply = parseWechatXml(await res.text()) as Record<string, string>;
    if (mode === 'safe') {
      const opened = decryptMessage(key, reply.Encrypt ?? '');
      expect(opened.appId).toBe(appId);
      reply = parseWechatXml(opened.message) as Record<string, string>;
    }
    expect(reply).toMatchObject({ ToUserName: fromUser, FromUserName: accountId, MsgType: 'text' });
    return reply.Content ?? '';
  };
}

const complaints = () => t.database.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });

describe.each(['plain', 'safe'] as const)('WeChat conversation in %s mode', (mode) => {
  it('should take a complaint from the first message to a stored complaint and its ref', async () => {
    t = await createWebhookTestApp({ env: modes[mode] });
    const say = customer(mode, () => t.app);

    const replies: string[] = [];
    for (const text of wholeIntake) replies.push(await say(text));

    expect(replies[0]).toMatch(/请选择投诉类别[\s\S]*4\. 物业服务/);
    expect(replies[1]).toContain('请描述发生了什么');
    expect(replies[5]).toContain('1. 确认提交');
    const [row] = await complaints();
    expect(row).toMatchObject(intakeRow('wechat', openId));
    const done = replies[6];
    expect(done).toContain(`编号 ${row?.ref}`);
    expect(row?.ref).toBe('W001');

    const status = await say(`查询 ${row?.ref}`);
    expect(status).toContain('W001（物业服务）：待处理');
  });
});

describe('WeChat conversation redeliveries and restarts', () => {
  it('should answer a retried MsgId the same way without a second complaint or reply', async () => {
    t = await createWebhookTestApp({ env: modes.plain });
    const say = customer('plain', () => t.app);
    for (const text of ['你好', '4', '电梯坏了三天没人修', '李女士', '跳过', '跳过']) {
      await say(text);
    }
    const first = await say('1', '8000000000000000001');
    const messagesBefore = await t.database.db.prisma.chatMessage.count();

    const retried = await say('1', '8000000000000000001');

    expect(retried).toBe(first);
    expect(await complaints()).toHaveLength(1);
    expect(await t.database.db.prisma.chatMessage.count()).toBe(messagesBefore);
  });

  it('should continue a conversation midway on a new app over the same database', async () => {
    t = await createWebhookTestApp({ env: modes.safe });
    let app = t.app;
    const say = customer('safe', () => app);
    await say('你好');
    await say('1');
    await say('外墙渗水，客厅墙面发霉，已经三个月');

    app = t.instance();
    expect(await say('张先生')).toContain('联系电话');
    await say('不提供');
    await say('森林湖 5-1-1203');
    expect(await say('确认')).toContain('编号 W001');

    const [row] = await complaints();
    expect(row).toMatchObject({
      category: '工程质量',
      complainantName: '张先生',
      complainantPhone: null,
      building: '5',
      unit: '1',
      room: '1203',
    });
  });
});

describe('WeChat channel wiring', () => {
  it('should mount the channel with the engine and a sender when the app secret is set', async () => {
    t = await createWebhookTestApp({ env: { ...modes.safe, WECHAT_APP_SECRET: 'secret' } });
    const wechat = t.channels.find((channel) => channel.name === 'wechat')?.status;

    expect(wechat?.on).toBe(true);
    expect(wechat?.on && wechat.sender?.channel).toBe('wechat');
  });

  it('should show the conversation on the complaint through the API, phones masked', async () => {
    t = await createWebhookTestApp({ env: modes.plain });
    const say = customer('plain', () => t.app);
    for (const text of [
      '你好',
      '2',
      '小区门口道路开裂很久了',
      '刘女士',
      '13912345678',
      '跳过',
      '1',
    ]) {
      await say(text);
    }

    const res = await t.api('/api/complaints/W001/messages');
    const body = (await res.json()) as { items: Array<{ direction: string; text: string }> };

    expect(res.status).toBe(200);
    const inbound = body.items.filter((item) => item.direction === 'in').map((item) => item.text);
    expect(inbound).toEqual([
      '你好',
      '2',
      '小区门口道路开裂很久了',
      '刘女士',
      '139****5678',
      '跳过',
      '1',
    ]);
    expect(body.items[1]).toMatchObject({ direction: 'out' });
    expect(body.items.at(-1)?.text).toContain('W001');
    expect(JSON.stringify(body)).not.toContain('13912345678');
  });
});
