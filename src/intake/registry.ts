/** Every channel the gateway knows, by name. Add a channel here and in channels/<name>/. */
import { forumChannel } from '../../channels/forum/index.ts';
import { hotlineChannel } from '../../channels/hotline/index.ts';
import { lineChannel } from '../../channels/line/index.ts';
import { telegramChannel } from '../../channels/telegram/index.ts';
import { wechatChannel } from '../../channels/wechat/index.ts';
import type { ChannelFactory } from './channel.ts';

export const channelFactories: readonly ChannelFactory[] = [
  wechatChannel,
  lineChannel,
  telegramChannel,
  hotlineChannel,
  forumChannel,
];
