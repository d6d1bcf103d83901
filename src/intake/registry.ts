/** Every channel the gateway knows, by name. Add a channel here and in channels/<name>/. */
import { wechatChannel } from '../../channels/wechat/index.ts';
import type { ChannelFactory } from './channel.ts';

export const channelFactories: readonly ChannelFactory[] = [wechatChannel];
