/**
 * The Hono app, the same on Node and on Cloudflare Workers. Everything it needs is handed in, so a
 * test builds a fresh app over its own database and a worker builds one over D1.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { type ConsoleAssets, consoleRoutes } from '../console/routes.tsx';
import { AppError } from '../errors.ts';
import type { MountedChannel } from '../intake/channel.ts';
import type { LedgerContext } from '../ledger/context.ts';
import type { Logger } from '../logger.ts';
import { identify, requireActor } from './auth.ts';
import { docsPage } from './docs.ts';
import type { AppEnv } from './env.ts';
import { errorResponse, handleError, validationHook } from './errors.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { exportRoutes } from './routes/exports.ts';
import { followUpRoutes } from './routes/follow-ups.ts';
import { handlingRoutes } from './routes/handling.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { recordRoutes } from './routes/records.ts';
import { taskRoutes } from './routes/tasks.ts';
import { readJsonBytes } from './strict-json.ts';

export interface AppOptions {
  ledger: LedgerContext;
  logger: Logger;
  version?: string;
  /** Channels built by `createChannels`; those switched on are served at /webhooks/<name>. */
  channels?: readonly MountedChannel[];
  /** Files the console serves itself (the chart library); without them charts fall back to tables. */
  assets?: ConsoleAssets;
}

const maxBodyBytes = 1024 * 1024;

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    const log = options.logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => errorResponse(c, new AppError('payload_too_large', 'body over 1 MiB')),
    }),
  );
  // NUL has no business in a path or a query, and PostgreSQL refuses it in any text it compares.
  app.use(async (c, next) => {
    if (/%00|\0/i.test(c.req.url)) {
      return errorResponse(c, new AppError('bad_request', 'NUL in the request URL'));
    }
    await next();
  });
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, new AppError('not_found', `no route for ${c.req.path}`)));

  app.get('/healthz', async (c) => {
    await options.ledger.db.prisma.$queryRaw`SELECT 1`;
    return c.json({ ok: true, database: options.ledger.db.dialect });
  });

  // Every /api route needs an API token or a console session; the API's own description stays
  // readable so that an integrator can find out how to get one.
  app.use('/api/*', identify(options.ledger), async (c, next) => {
    if (c.req.path === '/api/openapi.json' || c.req.path === '/api/docs') return next();
    return requireActor(c, next);
  });

  // A JSON API: anything else sent to it is refused before a schema reads it, and so is JSON
  // that is not UTF-8, nests absurdly or repeats a key (src/http/strict-json.ts).
  app.use('/api/*', async (c, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next();
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      return errorResponse(c, new AppError('unsupported_media_type', 'send application/json'));
    }
    // Hono keeps the bytes read here, so the route's validator parses the same body again.
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const reading = bytes.length > 0 ? readJsonBytes(bytes) : undefined;
    if (reading && !reading.ok) {
      return errorResponse(
        c,
        new AppError('malformed_json', `request body refused: ${reading.reason}`, {
          issues: [{ path: '(root)', message: reading.reason }],
        }),
      );
    }
    await next();
  });
  app.route('/api', complaintRoutes(options.ledger));
  app.route('/api', exportRoutes(options.ledger));
  app.route('/api', inboxRoutes(options.ledger));
  app.route('/api', handlingRoutes(options.ledger));
  app.route('/api', followUpRoutes(options.ledger));
  app.route('/api', recordRoutes(options.ledger));
  app.route('/api', taskRoutes(options.ledger));

  for (const channel of options.channels ?? []) {
    if (channel.status.on) app.route(`/webhooks/${channel.name}`, channel.status.routes);
  }
  // A webhook path no channel serves is never a console page (nor a redirect to sign in).
  app.all('/webhooks/*', (c) =>
    errorResponse(c, new AppError('not_found', `no channel at ${c.req.path}`)),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from `npx taizhang token create`, or a console session cookie',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    security: [{ bearer: [] }],
    info: {
      title: 'Taizhang ledger API',
      version: options.version ?? '0.1.0',
      description:
        'The complaint ledger: register, list and read complaints, and carry them through ' +
        'assignment, handling, resolution, follow-up and the audit trail.',
    },
  });
  app.get('/api/docs', (c) => c.html(docsPage('/api/openapi.json')));

  // The staff console: pages at /, after the API so that /api and /webhooks are never pages.
  app.route('/', consoleRoutes({ ledger: options.ledger, assets: options.assets }));

  return app;
}

export type App = ReturnType<typeof createApp>;
