/** Staff performance per person and per team over a period: handled, resolved, on time, rated. */
import type { Performance } from '../ledger/staff-performance.ts';
import { Chart, ChartData, type ChartSpec } from './charts.tsx';
import { type PeriodFields, PeriodForm } from './dashboard-page.tsx';
import { Layout, type PageContext } from './layout.tsx';

function PerformanceTable(props: { page: PageContext; rows: Performance[]; team: boolean }) {
  const { t } = props.page;
  const percent = (part: number, whole: number) =>
    whole ? `${Math.round((part / whole) * 100)}%` : '—';
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{props.team ? t('team') : t('person')}</th>
            {props.team ? null : <th scope="col">{t('team')}</th>}
            <th scope="col">{t('assigned')}</th>
            <th scope="col">{t('resolvedCount')}</th>
            <th scope="col">{t('onTime')}</th>
            <th scope="col">{t('overdueOpen')}</th>
            <th scope="col">{t('satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">{row.label || t('noTeam')}</th>
              {props.team ? null : <td>{row.team ?? t('noTeam')}</td>}
              <td>{row.assigned}</td>
              <td>{row.resolved}</td>
              <td>
                {row.onTime} ({percent(row.onTime, row.resolved)})
              </td>
              <td>{row.overdueOpen}</td>
              <td>{row.satisfaction ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StaffPage(props: {
  page: PageContext;
  people: Performance[];
  teams: Performance[];
  period: PeriodFields;
}) {
  const { page, people } = props;
  const { t } = page;
  const spec: ChartSpec = {
    type: 'bar',
    labels: people.map((person) => person.label),
    series: [
      { label: t('assigned'), data: people.map((person) => person.assigned) },
      { label: t('resolvedCount'), data: people.map((person) => person.resolved) },
      { label: t('onTime'), data: people.map((person) => person.onTime) },
    ],
  };
  return (
    <Layout
      page={page}
      title={t('staff')}
      section="staff"
      scripts={['/assets/chart.js', '/assets/dashboard.js']}
    >
      <PeriodForm page={page} action="/staff" period={props.period} />
      <h2>{t('byPerson')}</h2>
      <PerformanceTable page={page} rows={people} team={false} />
      <h2>{t('byTeam')}</h2>
      <PerformanceTable page={page} rows={props.teams} team={true} />
      <div class="grid">
        <Chart id="people" title={t('byPerson')} spec={spec} tableLabel={t('dataTable')} />
      </div>
      <ChartData specs={{ people: spec }} />
    </Layout>
  );
}
