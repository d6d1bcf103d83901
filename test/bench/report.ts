/**
 * Writes a benchmark's figures into BENCHMARKS.md between its markers, leaving the prose around
 * them (what each figure means, which aims are met) as written by hand.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const file = 'BENCHMARKS.md';

export function writeSection(name: string, text: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n\n${text.trim()}\n\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  execSync(`npx biome format --write ${file}`, { stdio: 'ignore' });
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  const nproc = execSync('nproc').toString().trim();
  return `${nproc} CPUs (nproc), ${cpu}, ${memory} memory, Node ${process.version}, ${process.platform}`;
}
