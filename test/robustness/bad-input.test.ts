import { describe, expect, it } from 'vitest';
import { type Case, corpus } from './corpus.ts';
import { secrets, useHarness } from './harness.ts';

/** Personal data the valid payloads carry; an error answer must not repeat it. */
const personalData = ['13812345678', '王先生', '姚女士', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'];

describe('bad input corpus', () => {
  const harness = useHarness();

  async function send(c: Case) {
    const h = harness();
    const request = await c.build(h);
    const app = request.app === 'plain' ? h.plain : h.safe;
    const response = await app.request(request.path, request.init);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  }

  /** The code an answer carries: the JSON error body, or the console page's marked alert. */
  function codeOf(answer: { type: string; text: string }): string | undefined {
    if (answer.type.includes('json')) return JSON.parse(answer.text).error?.code;
    return (
      /data-code="([a-z_]+)"/.exec(answer.text)?.[1] ?? /\[([a-z_]+)\]<\/p>/.exec(answer.text)?.[1]
    );
  }

  it.each(corpus.map((c) => [c.name, c] as const))(
    'should refuse %s with its code, leak nothing and store nothing',
    { timeout: 30_000 },
    async (_name, c) => {
      const h = harness();
      const before = await h.counts();

      const answer = await send(c);

      expect({ status: answer.status, code: codeOf(answer) }).toEqual({
        status: c.status,
        code: c.code,
      });
      expect(answer.text).not.toMatch(/\bat .*\.(ts|js|tsx):\d+|node_modules|prisma:/i);
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
      if (!c.echoesInput) {
        for (const value of personalData) expect(answer.text).not.toContain(value);
      }
      expect(await h.counts()).toEqual(before);
    },
  );

  it('should still answer /healthz and leave Object.prototype alone after the corpus', async () => {
    const response = await harness().safe.request('/healthz');

    expect(response.status).toBe(200);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
