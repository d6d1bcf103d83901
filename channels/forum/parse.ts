/**
 * Captured posts as the forum-monitoring scripts push them: one post, or `{ "posts": [...] }` with
 * up to 100. Unknown fields are dropped rather than refused.
 */
import { z } from 'zod';
import { isoTimestamp, plainString } from '../../src/complaint/schema.ts';
import type { ParseResult } from '../../src/intake/signed-webhook.ts';

const iso = isoTimestamp();
const field = (max: number) => plainString().trim().max(max).optional();

export const maxBatch = 100;

const examplePost = {
  postId: '88231907',
  url: 'https://bbs.example.com/thread-88231907-1-1.html',
  site: 'bbs.example.com',
  board: '业主论坛',
  author: '森林湖老业主',
  title: '森林湖3号楼漏水一周没人管',
  body: '卫生间顶棚漏水一周了，打了几次物业电话都说排期，有没有同样情况的邻居？',
  postedAt: '2026-10-04T21:40:00+08:00',
  capturedAt: '2026-10-04T21:55:12+08:00',
  keywords: ['漏水', '森林湖'],
  threadId: '88231907',
};

export const ForumPost = z
  .object({
    postId: field(200).meta({ description: "The site's post id; else the URL identifies it" }),
    url: z.url().max(2000),
    site: plainString().trim().min(1).max(100),
    board: field(100),
    author: plainString().trim().min(1).max(200).meta({ description: "The author's handle" }),
    title: field(200),
    body: plainString().trim().min(1).max(20_000),
    postedAt: iso.optional(),
    capturedAt: iso,
    keywords: z.array(plainString().trim().min(1).max(50)).max(50).default([]),
    threadId: field(200).meta({ description: 'Posts in one thread add to one open complaint' }),
    category: field(50).meta({ description: 'Else FORUM_DEFAULT_CATEGORY' }),
  })
  .meta({ id: 'ForumPost', example: examplePost });
export type ForumPost = z.output<typeof ForumPost>;

export const ForumBatch = z
  .object({ posts: z.array(ForumPost).min(1).max(maxBatch) })
  .meta({ id: 'ForumBatch', example: { posts: [examplePost] } });

/** For the OpenAPI document: either shape. */
export const ForumDelivery = z.union([ForumPost, ForumBatch]);

/** Picks the schema by shape, so a refusal names the paths inside the shape that was meant. */
export function parseForumDelivery(json: unknown): ParseResult<ForumPost[]> {
  const batch = typeof json === 'object' && json !== null && 'posts' in json;
  if (batch) {
    const parsed = ForumBatch.safeParse(json);
    return parsed.success ? { success: true, data: parsed.data.posts } : parsed;
  }
  const parsed = ForumPost.safeParse(json);
  return parsed.success ? { success: true, data: [parsed.data] } : parsed;
}
