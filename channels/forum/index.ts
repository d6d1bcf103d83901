/** Forum monitoring: signed captured posts at /webhooks/forum. */
import type { ChannelFactory } from '../../src/intake/channel.ts';
import { readForumConfig } from './config.ts';
import { forumRoutes, forumWebhook } from './routes.ts';

export const forumChannel: ChannelFactory = {
  name: 'forum',
  create({ env, ledger, logger }) {
    const config = readForumConfig(env);
    if ('off' in config) return { on: false, reason: config.off };
    const webhook = forumWebhook(config, ledger, logger);
    return { on: true, routes: forumRoutes(webhook), replay: webhook.replay };
  },
};
