/** GET /ledger: the filtered, sorted, paged ledger table. */
import { Hono } from 'hono';
import { can } from '../accounts/clearance.ts';
import { staffNames } from '../accounts/list-staff.ts';
import { issuesFromZod } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { downloadLedger, downloadPublicNotice, parseExportQuery } from '../http/routes/exports.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { countComplaints } from '../ledger/count-complaints.ts';
import { ListFilter, listComplaints } from '../ledger/list-complaints.ts';
import { startOfLedgerDay } from './format.ts';
import { LedgerPage } from './ledger-page.tsx';
import { render } from './render.ts';
import { pageContext } from './routes.tsx';

export const filterFields = [
  'q',
  'status',
  'level',
  'category',
  'source',
  'assignee',
  'from',
  'to',
] as const;

/**
 * The filter from a console query: empty fields dropped, and days (YYYY-MM-DD) read as whole days
 * in the ledger's time zone, `to` included.
 */
export function consoleFilter(query: Record<string, string>, timezone: string) {
  const filter: Record<string, unknown> = {};
  for (const key of filterFields) {
    const value = query[key]?.trim();
    if (value) filter[key] = value;
  }
  if (typeof filter.from === 'string') {
    filter.from = startOfLedgerDay(filter.from, timezone) ?? filter.from;
  }
  if (typeof filter.to === 'string') {
    filter.to = startOfLedgerDay(filter.to, timezone, 1) ?? filter.to;
  }
  return filter;
}

export function ledgerRoutes(ledger: LedgerContext) {
  const app = new Hono<AppEnv>();

  app.get('/ledger', async (c) => {
    const page = pageContext(c);
    const query = c.req.query();
    const kept = Object.fromEntries(
      [...filterFields, 'sort', 'cursor', 'page']
        .filter((key) => query[key])
        .map((key) => [key, query[key] as string]),
    );
    const filter = {
      ...consoleFilter(query, ledger.timezone),
      ...(kept.sort ? { sort: kept.sort } : {}),
      ...(kept.cursor ? { cursor: kept.cursor } : {}),
    };
    const parsed = ListFilter.safeParse(filter);
    const problems = parsed.success
      ? []
      : issuesFromZod(parsed.error.issues).map((issue) => `${issue.path}: ${issue.message}`);
    const effective = parsed.success ? filter : {};
    const [result, total, staff] = await Promise.all([
      listComplaints(ledger, { filter: effective }),
      countComplaints(ledger, { filter: effective }),
      staffNames(ledger),
    ]);
    const pageNumber = Math.max(1, Number.parseInt(kept.page ?? '1', 10) || 1);

    return render(
      c,
      <LedgerPage
        page={page}
        view={{
          rows: result.rows,
          total,
          nextCursor: result.nextCursor,
          pageNumber,
          query: kept,
          problems,
          categories: ledger.categories,
          canExport: can(page.actor, 'export'),
          canRegister: can(page.actor, 'register'),
          staff,
          timezone: ledger.timezone,
          now: ledger.now(),
        }}
      />,
    );
  });

  // Downloads for the filter on screen; the same streams as /api/exports, with days read as above.
  const exportQuery = (query: Record<string, string>) =>
    parseExportQuery({
      ...(consoleFilter(query, ledger.timezone) as Record<string, string>),
      format: query.format ?? 'xlsx',
      lang: query.lang ?? 'zh',
      contact: 'masked',
    });
  app.get('/ledger/export', (c) => downloadLedger(c, ledger, exportQuery(c.req.query())));
  app.get('/ledger/public-notice', (c) =>
    downloadPublicNotice(c, ledger, exportQuery(c.req.query())),
  );

  return app;
}
