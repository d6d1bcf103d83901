import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createEngineTest, type EngineTest } from './support.ts';

let t: EngineTest;
afterEach(async () => {
  await t?.close();
});

/** A logger writing into a string, as the server's would write to stdout. */
function capturingLogger() {
  let output = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  return { logger: createLogger({ destination }), output: () => output };
}

describe('chat engine errors in the log', () => {
  it('should log a failed store write without the message text or the phone', async () => {
    t = await createEngineTest();
    const said = '我是王小明，电话 13812345678，楼上漏水';

    // A timestamp the database refuses: the write fails inside Prisma's argument validation.
    const failure = await t
      .customer('openid-err')
      .say(said, { receivedAt: new Date(Number.NaN) })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const { logger, output } = capturingLogger();
    logger.error({ err: failure }, 'Telegram turn: engine failed');

    expect(failure).toBeInstanceOf(Error);
    expect(output()).toContain('engine failed');
    expect(output()).toContain('Invalid value for argument `at`');
    expect(output()).not.toContain('13812345678');
    expect(output()).not.toContain('王小明');
  });
});
