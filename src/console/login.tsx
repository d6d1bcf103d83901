/**
 * Signing in and out. The sign-in form carries a CSRF token that is also set as a cookie (double
 * submit), since there is no session yet to hold one; signing out uses the session's token.
 */
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticateStaff } from '../accounts/authenticate-staff.ts';
import { randomToken } from '../accounts/secrets.ts';
import { closeSession, openSession, sessionHours } from '../accounts/sessions.ts';
import type { ErrorCode } from '../errors.ts';
import { sessionCookie } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { pickLanguage, type Translate, translator } from './i18n.ts';
import { CsrfField, Document } from './layout.tsx';
import { checkCsrf, render } from './render.ts';

const loginCsrfCookie = 'tz_login_csrf';

interface LoginPageProps {
  t: Translate;
  lang: 'zh' | 'en';
  csrf: string;
  next: string;
  username: string;
  problem: { text: string; code: ErrorCode } | null;
}

function LoginPage(props: LoginPageProps) {
  const { t } = props;
  return (
    <Document lang={props.lang} title={`${t('signIn')} · ${t('appName')}`}>
      <main class="login card" id="main">
        <h1>{t('appName')}</h1>
        {props.problem ? (
          <p class="notice bad" role="alert" data-code={props.problem.code}>
            {props.problem.text}
          </p>
        ) : null}
        <form method="post" action="/login">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label>
            {t('username')}
            <input
              name="username"
              autocomplete="username"
              required
              value={props.username}
              autofocus
            />
          </label>
          <label>
            {t('password')}
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{t('signIn')}</button>
        </form>
        <p>
          <a href="/login?lang=zh">中文</a> | <a href="/login?lang=en">English</a>
        </p>
      </main>
    </Document>
  );
}

/** Only a path on this site may be the place to go after signing in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/ledger';
}

export function loginRoutes(ledger: LedgerContext) {
  const app = new Hono<AppEnv>();
  const secure = (url: string) => url.startsWith('https:');

  const showLogin = (
    c: Context<AppEnv>,
    fields: { next: string; username: string; problem: LoginPageProps['problem'] },
    status: 200 | 401 | 403 | 429 = 200,
  ) => {
    const lang = pickLanguage(c);
    // Kept while it lasts, so that a second sign-in tab (or a favicon request redirected here)
    // does not invalidate the form already on screen.
    const csrf = getCookie(c, loginCsrfCookie) ?? randomToken(24);
    setCookie(c, loginCsrfCookie, csrf, {
      path: '/login',
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c.req.url),
    });
    return render(
      c,
      <LoginPage t={translator(lang)} lang={lang} csrf={csrf} {...fields} />,
      status,
    );
  };

  app.get('/login', (c) =>
    showLogin(c, { next: safeNext(c.req.query('next')), username: '', problem: null }),
  );

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const t = translator(pickLanguage(c));
    const next = safeNext(form.next);
    const cookie = getCookie(c, loginCsrfCookie);
    if (!cookie || form._csrf !== cookie) {
      const problem = { text: t('error'), code: 'csrf_failed' as const };
      return showLogin(c, { next, username: '', problem }, 403);
    }
    const username = typeof form.username === 'string' ? form.username : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const result = await authenticateStaff(ledger, { username, password });
    if (!result.ok) {
      c.get('log').info({ reason: result.reason }, 'sign-in refused');
      const problem =
        result.reason === 'locked'
          ? { text: t('locked'), code: 'too_many_requests' as const }
          : { text: t('badLogin'), code: 'unauthorized' as const };
      return showLogin(c, { next, username, problem }, result.reason === 'locked' ? 429 : 401);
    }

    const session = await openSession(ledger, { userId: result.member.id });
    setCookie(c, sessionCookie, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(c.req.url),
      maxAge: sessionHours * 3600,
    });
    deleteCookie(c, loginCsrfCookie, { path: '/login' });
    c.get('log').info({ userId: result.member.id }, 'signed in');
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    await checkCsrf(c);
    const token = getCookie(c, sessionCookie);
    if (token) await closeSession(ledger, { token });
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect('/login', 303);
  });

  return app;
}
