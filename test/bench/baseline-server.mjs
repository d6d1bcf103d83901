// The ingest benchmark's baseline: a bare Hono handler on the same server stack as the gateway
// (@hono/node-server, one Node process) that reads the body and answers 201 with a small JSON.
// No signature check, no parsing, no database: the floor the gateway's cost is measured against.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('*', async (c) => {
  const body = await c.req.text();
  return c.json({ ok: true, bytes: body.length }, 201);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
