/**
 * A captured post → the shared complaint: the author's handle is the complainant's identity, the
 * URL the source reference, the title the subject, the thread the repeat key.
 */
import { createHash } from 'node:crypto';
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import type { ForumPost } from './parse.ts';

/** The ledger keeps dedupe keys to 300 characters; a longer URL is keyed by its hash. */
function postKey(post: ForumPost): string {
  const key = post.postId ? `forum:post:${post.site}:${post.postId}` : `forum:post:${post.url}`;
  if (key.length <= 300) return key;
  return `forum:post:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function normalizePost(post: ForumPost, defaultCategory: string): ComplaintInput {
  const thread = post.threadId ? `forum:thread:${post.site}:${post.threadId}` : undefined;
  return {
    source: 'forum',
    receivedAt: post.postedAt ?? post.capturedAt,
    sourceRef: post.url,
    dedupeKey: postKey(post),
    repeatKey: thread && thread.length <= 300 ? thread : undefined,
    complainant: { channelId: post.author },
    subject: post.title,
    content: post.body,
    category: post.category || defaultCategory,
  };
}
