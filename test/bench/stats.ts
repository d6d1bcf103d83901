/** Small helpers shared by the benchmarks: timing a case and summarising its latencies. */
import { loadavg } from 'node:os';

export interface Summary {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  /** The machine's 1-minute load average just after the case ran: other work on the 2 CPUs. */
  load: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Runs `fn` a few times (a fifth of the runs, at most 5) to warm up, then `runs` times, and returns its latency percentiles. */
export async function measure(
  name: string,
  runs: number,
  fn: () => Promise<unknown>,
): Promise<Summary> {
  for (let i = 0; i < Math.min(5, Math.ceil(runs / 5)); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    runs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? Number.NaN,
    load: loadavg()[0] ?? Number.NaN,
  };
}

export function table(rows: Summary[]): string {
  const lines = [
    '| case | runs | p50 ms | p95 ms | max ms | load |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${row.runs} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} | ${row.load.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
