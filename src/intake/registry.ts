/** Every channel the gateway knows, by name. Add a channel here and in channels/<name>/. */
import type { ChannelFactory } from './channel.ts';

export const channelFactories: readonly ChannelFactory[] = [];
