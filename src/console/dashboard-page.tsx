/** The dashboard: headline figures and monthly charts over a period, and the repeated issues. */
import type { Dimension, LedgerStats } from '../ledger/ledger-stats.ts';
import { Chart, ChartData, type ChartSpec } from './charts.tsx';
import { sourceLabel, statusLabel } from './format.ts';
import type { MessageKey } from './i18n.ts';
import { Layout, type PageContext } from './layout.tsx';

export interface PeriodFields {
  from: string;
  to: string;
}

export function PeriodForm(props: { page: PageContext; action: string; period: PeriodFields }) {
  const { t } = props.page;
  return (
    <form class="filters" method="get" action={props.action} aria-label={t('period')}>
      <label>
        {t('from')}
        <input type="date" name="from" value={props.period.from} required />
      </label>
      <label>
        {t('to')}
        <input type="date" name="to" value={props.period.to} required />
      </label>
      <button type="submit">{t('show')}</button>
    </form>
  );
}

const dimensionTitles: Record<Dimension, MessageKey> = {
  category: 'byCategory',
  source: 'bySource',
  level: 'byLevel',
  status: 'byStatus',
};

export function DashboardPage(props: {
  page: PageContext;
  stats: LedgerStats;
  period: PeriodFields;
}) {
  const { page, stats } = props;
  const { t, lang } = page;
  const label = (dimension: Dimension, value: string) =>
    dimension === 'source'
      ? sourceLabel(value, lang)
      : dimension === 'status'
        ? statusLabel(value, lang)
        : dimension === 'level'
          ? value === '—'
            ? t('unrated')
            : `${t('level')} ${value}`
          : value;

  const specs: Record<string, ChartSpec> = {};
  for (const dimension of Object.keys(dimensionTitles) as Dimension[]) {
    specs[dimension] = {
      type: 'bar',
      stacked: true,
      labels: stats.months,
      series: Object.entries(stats.byMonth[dimension]).map(([value, data]) => ({
        label: label(dimension, value),
        data,
      })),
    };
  }
  specs.satisfaction = {
    type: 'bar',
    labels: ['1', '2', '3', '4', '5'],
    series: [{ label: t('satisfaction'), data: stats.satisfaction.distribution }],
  };
  const hours = (value: number | null) => (value === null ? '—' : String(value));

  return (
    <Layout
      page={page}
      title={t('dashboard')}
      section="dashboard"
      scripts={['/assets/chart.js', '/assets/dashboard.js']}
    >
      <PeriodForm page={page} action="/dashboard" period={props.period} />
      <div class="kpis bar">
        <div class="kpi">
          {t('total')}
          <b>{stats.totals.complaints}</b>
        </div>
        <div class="kpi">
          {t('open')}
          <b>{stats.totals.open}</b>
        </div>
        <div class="kpi">
          {t('overdue')}
          <b>{stats.totals.overdue}</b>
        </div>
        <div class="kpi">
          {t('resolvedLate')}
          <b>{stats.totals.resolvedLate}</b>
        </div>
        <div class="kpi">
          {t('firstResponse')}
          <b>{hours(stats.firstResponse.medianHours)}</b>
          {t('median')} · {t('average')} {hours(stats.firstResponse.averageHours)}
        </div>
        <div class="kpi">
          {t('resolutionTime')}
          <b>{hours(stats.resolution.medianHours)}</b>
          {t('median')} · {t('average')} {hours(stats.resolution.averageHours)}
        </div>
        <div class="kpi">
          {t('satisfaction')}
          <b>{stats.satisfaction.average ?? '—'}</b>n = {stats.satisfaction.count}
        </div>
      </div>
      <div class="grid">
        {(Object.keys(dimensionTitles) as Dimension[]).map((dimension) => (
          <Chart
            id={dimension}
            title={t(dimensionTitles[dimension])}
            spec={specs[dimension] as ChartSpec}
            tableLabel={t('dataTable')}
          />
        ))}
        <Chart
          id="satisfaction"
          title={t('satisfactionSpread')}
          spec={specs.satisfaction}
          tableLabel={t('dataTable')}
        />
        <section class="card" aria-labelledby="repeated">
          <h2 id="repeated">{t('repeated')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('project')}</th>
                <th scope="col">{t('times')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.repeated.map((issue) => (
                <tr>
                  <td>{issue.category}</td>
                  <td>{issue.project ?? ''}</td>
                  <td>{issue.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <ChartData specs={specs} />
    </Layout>
  );
}
