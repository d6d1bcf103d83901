/** The call centre's IVR: signed call records at /webhooks/hotline. */
import type { ChannelFactory } from '../../src/intake/channel.ts';
import { readHotlineConfig } from './config.ts';
import { hotlineRoutes, hotlineWebhook } from './routes.ts';

export const hotlineChannel: ChannelFactory = {
  name: 'hotline',
  create({ env, ledger, logger }) {
    const config = readHotlineConfig(env);
    if ('off' in config) return { on: false, reason: config.off };
    const webhook = hotlineWebhook(config, ledger, logger);
    return { on: true, routes: hotlineRoutes(webhook), replay: webhook.replay };
  },
};
