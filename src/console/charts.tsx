/**
 * A chart on a console page: a canvas that the dashboard script draws with Chart.js, and the same
 * figures in a table, so the numbers are there without scripts and for screen readers.
 */
import { raw } from 'hono/html';

export interface ChartSpec {
  type: 'bar' | 'line';
  stacked?: boolean;
  labels: string[];
  series: Array<{ label: string; data: number[] }>;
}

export function Chart(props: { id: string; title: string; spec: ChartSpec; tableLabel: string }) {
  const { id, title, spec } = props;
  return (
    <section class="card" aria-labelledby={`chart-${id}`}>
      <h2 id={`chart-${id}`}>{title}</h2>
      <canvas data-chart={id} role="img" aria-label={title} />
      <details>
        <summary>{props.tableLabel}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" />
                {spec.labels.map((label) => (
                  <th scope="col">{label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {spec.series.map((series) => (
                <tr>
                  <th scope="row">{series.label}</th>
                  {series.data.map((value) => (
                    <td>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/**
 * The specs as JSON for the dashboard script. `<`, `>` and `&` are written as \u escapes, so no
 * text from the ledger can close the script element.
 */
export function ChartData(props: { specs: Record<string, ChartSpec> }) {
  const json = JSON.stringify(props.specs)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return (
    <script type="application/json" id="chart-data">
      {raw(json)}
    </script>
  );
}
