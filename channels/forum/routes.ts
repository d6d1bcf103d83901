/** POST /webhooks/forum: one signed captured post, or a batch of up to 100. */
import { z } from 'zod';
import { signedWebhook } from '../../src/intake/signed-webhook.ts';
import { signedWebhookRoutes } from '../../src/intake/signed-webhook-routes.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import { registerOrRepeat } from '../../src/ledger/register-or-repeat.ts';
import type { Logger } from '../../src/logger.ts';
import type { ForumConfig } from './config.ts';
import { normalizePost } from './normalize.ts';
import { ForumDelivery, parseForumDelivery } from './parse.ts';

export const ForumReply = z
  .object({
    items: z.array(
      z.object({
        url: z.string(),
        ref: z.string(),
        outcome: z.enum(['created', 'repeat', 'duplicate']),
      }),
    ),
  })
  .meta({
    id: 'ForumReply',
    example: {
      items: [
        {
          url: 'https://bbs.example.com/thread-88231907-1-1.html',
          ref: 'L012',
          outcome: 'created',
        },
      ],
    },
  });

export function forumWebhook(config: ForumConfig, ledger: LedgerContext, logger: Logger) {
  return signedWebhook({
    channel: 'forum',
    secrets: config.secrets,
    ledger,
    logger,
    parse: parseForumDelivery,
    async handle(posts) {
      const items = [];
      // In order, so posts of one thread in one batch become one complaint and its repeats.
      for (const post of posts) {
        const { row, outcome } = await registerOrRepeat(ledger, {
          input: normalizePost(post, config.defaultCategory),
          repeatWindowDays: config.repeatWindowDays,
        });
        items.push({ url: post.url, ref: row.ref, outcome });
      }
      return { reply: { items }, complaintRef: items[0]?.ref ?? null };
    },
  });
}

export function forumRoutes(webhook: ReturnType<typeof forumWebhook>) {
  return signedWebhookRoutes({
    summary: 'Receive captured forum posts, one or a batch of up to 100 (Standard Webhooks signed)',
    description:
      "The author's handle becomes the complainant's identity, the URL the source reference and " +
      'the title the subject. A post in the thread of an open complaint is added to it.',
    body: ForumDelivery,
    reply: ForumReply,
    webhook,
  });
}
