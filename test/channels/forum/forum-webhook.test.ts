import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWebhookTestApp,
  forumPost,
  forumSecret,
  hotlineSecret,
  postSigned,
  signedInit,
  type WebhookTestApp,
} from '../../support/webhooks.ts';

describe('forum webhook', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await createWebhookTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const prisma = () => t.database.db.prisma;

  it('should turn one captured post into a forum complaint with its fields', async () => {
    const res = await postSigned(t.app, 'forum', { body: forumPost() });

    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([
      { url: 'https://bbs.example.com/thread-88231907-1-1.html', ref: 'L001', outcome: 'created' },
    ]);
    expect(await prisma().complaint.findUniqueOrThrow({ where: { ref: 'L001' } })).toMatchObject({
      source: 'forum',
      sourceRef: 'https://bbs.example.com/thread-88231907-1-1.html',
      dedupeKey: 'forum:post:bbs.example.com:88231907',
      complainantChannelId: '森林湖老业主',
      complainantPhone: null,
      subject: '森林湖3号楼漏水一周没人管',
      content: '卫生间顶棚漏水一周了，打了几次物业电话都说排期',
      category: '客户服务',
    });
  });

  it('should take a batch, add posts of one thread to one complaint, and key by URL without an id', async () => {
    const posts = [
      forumPost(),
      forumPost({ postId: '88231950', body: '我家也是，同一栋楼', author: '邻居A' }),
      forumPost({ postId: undefined, url: 'https://weibo.example.com/p/1', threadId: undefined }),
      forumPost({ postId: 'x9', threadId: 'other', category: '工程质量' }),
    ];
    const res = await postSigned(t.app, 'forum', { body: { posts } });

    expect(res.status).toBe(201);
    expect(res.body.items.map((i: { ref: string; outcome: string }) => [i.ref, i.outcome])).toEqual(
      [
        ['L001', 'created'],
        ['L001', 'repeat'],
        ['L002', 'created'],
        ['L003', 'created'],
      ],
    );
    const first = await prisma().complaint.findUniqueOrThrow({
      where: { ref: 'L001' },
      include: { progress: true },
    });
    expect(first.repeatCount).toBe(1);
    expect(first.progress[0]?.text).toContain('我家也是');
    const byUrl = await prisma().complaint.findUniqueOrThrow({ where: { ref: 'L002' } });
    expect(byUrl.dedupeKey).toBe('forum:post:https://weibo.example.com/p/1');
    expect((await prisma().complaint.findUniqueOrThrow({ where: { ref: 'L003' } })).category).toBe(
      '工程质量',
    );
  });

  it('should answer a redelivered batch with the same refs and store nothing new', async () => {
    const init = signedInit({
      body: { posts: [forumPost(), forumPost({ postId: '2', threadId: '2' })] },
      secret: forumSecret,
      id: 'msg_batch',
    });
    const first = await t.app.request('/webhooks/forum', init);
    const again = await t.app.request('/webhooks/forum', init);

    expect([first.status, again.status]).toEqual([201, 200]);
    expect(await again.json()).toEqual(await first.json());
    expect(await prisma().complaint.count()).toBe(2);
  });

  it('should make a thousand concurrent redeliveries of one post one complaint', async () => {
    const instances = [t.app, t.instance()];
    const init = signedInit({
      body: forumPost(),
      secret: forumSecret,
      id: 'msg_storm',
    });
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        (instances[i % 2] ?? t.app).request('/webhooks/forum', init),
      ),
    );

    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(999);
    expect(await prisma().complaint.count()).toBe(1);
  });

  it.each([
    ['an empty batch', { posts: [] }, 'posts'],
    ['a batch over 100', { posts: Array.from({ length: 101 }, () => forumPost()) }, 'posts'],
    [
      'a post without a URL in a batch',
      { posts: [forumPost(), forumPost({ url: 'nope' })] },
      'posts.1.url',
    ],
    ['a single post without a body', forumPost({ body: '' }), 'body'],
  ])('should refuse %s with 422 and the path', async (_name, body, path) => {
    const res = await postSigned(t.app, 'forum', { body });

    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await prisma().inboxEvent.count()).toBe(0);
  });

  it('should refuse a delivery signed with the hotline secret', async () => {
    const res = await postSigned(t.app, 'forum', {
      body: forumPost(),
      secret: hotlineSecret,
    });

    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('signature_invalid');
  });
});
