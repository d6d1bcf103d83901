/**
 * The staff console, served at /. Pages need a signed-in session (an API token does not open the
 * console); forms post back with the session's CSRF token. Pages send a strict content security
 * policy: scripts and styles come only from this site.
 */
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../errors.ts';
import { identify } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { type ConsoleAssets, dashboardScript, stylesheet } from './assets.ts';
import { complaintRoutes } from './complaint-routes.tsx';
import { pickLanguage, translator } from './i18n.ts';
import { Document, type PageContext } from './layout.tsx';
import { ledgerRoutes } from './ledger-routes.tsx';
import { loginRoutes } from './login.tsx';
import { render } from './render.ts';
import { reportRoutes } from './report-routes.tsx';

export type { ConsoleAssets } from './assets.ts';

export interface ConsoleOptions {
  ledger: LedgerContext;
  assets?: ConsoleAssets | undefined;
}

/** The page context of a signed-in request. */
export function pageContext(c: Context<AppEnv>): PageContext {
  const lang = pickLanguage(c);
  const url = new URL(c.req.url);
  return {
    lang,
    t: translator(lang),
    actor: c.get('actor'),
    csrfToken: c.get('csrfToken') ?? '',
    here: `${url.pathname}${url.search}`,
  };
}

export function consoleRoutes(options: ConsoleOptions) {
  const { ledger } = options;
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  app.get('/assets/console.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(stylesheet);
  });
  app.get('/assets/dashboard.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    return c.body(dashboardScript);
  });
  app.get('/assets/chart.js', async (c) => {
    if (!options.assets?.chartJs) throw new AppError('not_found', 'chart library not bundled');
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(await options.assets.chartJs());
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.use('*', identify(ledger));
  app.route('/', loginRoutes(ledger));

  // Everything below needs a console session.
  app.use('*', async (c, next) => {
    const actor = c.get('actor');
    if (actor?.via !== 'session') {
      if (c.req.method !== 'GET') throw new AppError('unauthorized', 'console needs a session');
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return next();
  });
  app.get('/', (c) => c.redirect('/ledger', 303));
  app.route('/', ledgerRoutes(ledger));
  app.route('/', complaintRoutes(ledger));
  app.route('/', reportRoutes(ledger));

  app.onError((error, c) => {
    const known = error instanceof AppError ? error : null;
    if (!known || known.status >= 500) c.get('log').error({ err: error }, 'console error');
    const status = known?.status ?? 500;
    const message = known?.publicMessage ?? 'Internal error';
    const lang = pickLanguage(c);
    const t = translator(lang);
    return render(
      c,
      <Document lang={lang} title={t('error')}>
        <main class="login card" id="main">
          <h1>{t('error')}</h1>
          <p role="alert">
            {message} [{known?.code ?? 'internal'}]
          </p>
          <p>
            <a href="/ledger">{t('back')}</a>
          </p>
        </main>
      </Document>,
      status,
    );
  });

  return app;
}
