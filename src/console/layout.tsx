/** The frame every console page shares: top bar, navigation, language switch, sign-out. */
import type { Child } from 'hono/jsx';
import type { Actor } from '../http/env.ts';
import { type Lang, roleLabel, type Translate } from './i18n.ts';

export interface PageContext {
  lang: Lang;
  t: Translate;
  actor: Actor;
  csrfToken: string;
  /** The path and query of this page, for the language switch. */
  here: string;
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

function withLang(here: string, lang: Lang): string {
  const url = new URL(here, 'http://console');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

export function Layout(props: {
  page: PageContext;
  title: string;
  section: 'ledger' | 'dashboard' | 'staff' | 'complaint';
  children: Child;
  scripts?: string[];
}) {
  const { page, title, section } = props;
  const { t, actor, lang } = page;
  const nav = [
    ['ledger', '/ledger', t('ledger')],
    ['dashboard', '/dashboard', t('dashboard')],
    ['staff', '/staff', t('staff')],
  ] as const;
  return (
    <Document lang={lang} title={`${title} · ${t('appName')}`} scripts={props.scripts}>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <span class="brand">{t('appName')}</span>
        <nav aria-label={t('appName')}>
          {nav.map(([key, href, label]) => (
            <a href={href} aria-current={key === section ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div class="me">
          <span>
            {t('signedInAs')}: {actor.name} ({roleLabel(lang, actor.role)})
          </span>
          <span>
            <a href={withLang(page.here, 'zh')} lang="zh" hreflang="zh">
              中文
            </a>{' '}
            |{' '}
            <a href={withLang(page.here, 'en')} lang="en" hreflang="en">
              English
            </a>
          </span>
          <form method="post" action="/logout">
            <CsrfField token={page.csrfToken} />
            <button type="submit" class="link">
              {t('signOut')}
            </button>
          </form>
        </div>
      </header>
      <main id="main">
        <h1>{title}</h1>
        {props.children}
      </main>
    </Document>
  );
}

export function Document(props: {
  lang: Lang;
  title: string;
  children: Child;
  scripts?: string[] | undefined;
}) {
  return (
    <html lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/console.css" />
      </head>
      <body>
        {props.children}
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </body>
    </html>
  );
}
