/** GET /dashboard and GET /staff: the reports over a period (the last twelve months by default). */
import { TZDate } from '@date-fns/tz';
import { format, subMonths } from 'date-fns';
import { type Context, Hono } from 'hono';
import { assertPermission } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { ledgerStats } from '../ledger/ledger-stats.ts';
import { staffPerformance } from '../ledger/staff-performance.ts';
import { DashboardPage, type PeriodFields } from './dashboard-page.tsx';
import { startOfLedgerDay } from './format.ts';
import { render } from './render.ts';
import { pageContext } from './routes.tsx';
import { StaffPage } from './staff-page.tsx';

function period(c: Context<AppEnv>, ledger: LedgerContext) {
  const today = new TZDate(ledger.now().getTime(), ledger.timezone);
  const fields: PeriodFields = {
    from: c.req.query('from') || format(subMonths(today, 12), 'yyyy-MM-01'),
    to: c.req.query('to') || format(today, 'yyyy-MM-dd'),
  };
  const range = {
    from: startOfLedgerDay(fields.from, ledger.timezone),
    to: startOfLedgerDay(fields.to, ledger.timezone, 1),
  };
  return { fields, range };
}

export function reportRoutes(ledger: LedgerContext) {
  const app = new Hono<AppEnv>();

  app.get('/dashboard', async (c) => {
    assertPermission(c, 'reports');
    const { fields, range } = period(c, ledger);
    const stats = await ledgerStats(ledger, { range });
    return render(c, <DashboardPage page={pageContext(c)} stats={stats} period={fields} />);
  });

  app.get('/staff', async (c) => {
    assertPermission(c, 'reports');
    const { fields, range } = period(c, ledger);
    const { people, teams } = await staffPerformance(ledger, { range });
    return render(
      c,
      <StaffPage page={pageContext(c)} people={people} teams={teams} period={fields} />,
    );
  });

  return app;
}
