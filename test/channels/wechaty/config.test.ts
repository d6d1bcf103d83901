import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWechatyConfig } from '../../../channels/wechaty/config.ts';

describe('readWechatyConfig', () => {
  it('should be off without WECHATY_PUPPET', () => {
    expect(readWechatyConfig({})).toEqual({ on: false, reason: 'WECHATY_PUPPET is not set' });
  });

  it('should keep group chats off unless switched on', () => {
    const config = readWechatyConfig({ WECHATY_PUPPET: 'wechaty-puppet-padlocal' });
    expect(config).toEqual({
      on: true,
      config: {
        puppet: 'wechaty-puppet-padlocal',
        puppetToken: undefined,
        rooms: false,
        mediaDir: resolve('data/wechaty-media'),
      },
    });
    const rooms = readWechatyConfig({ WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_ROOMS: 'on' });
    expect(rooms.on && rooms.config.rooms).toBe(true);
  });

  it.each([
    [{ WECHATY_PUPPET: '../evil' }, 'WECHATY_PUPPET must be a puppet package name'],
    [{ WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_ROOMS: 'maybe' }, 'WECHATY_ROOMS must be'],
  ])('should refuse %o', (env, message) => {
    expect(() => readWechatyConfig(env)).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        message: expect.stringContaining(message),
      }),
    );
  });
});
