// Generates one Prisma Client per target from the one schema (prisma/schema.prisma is SQLite's).
// Prisma Client refuses an adapter whose provider differs from the schema's, so PostgreSQL gets a
// client generated from a copy with only the provider and output changed. Cloudflare D1 speaks
// SQLite but runs on workerd, which may not compile WebAssembly from bytes at run time: its client
// is generated with `runtime = "workerd"`, which imports the query compiler as a .wasm module that
// wrangler bundles.
// PRISMA_SCHEMA_ENGINE_BINARY points at an existing file so that `prisma generate`, which needs no
// engine, does not try to download one (this machine and CI cannot reach Prisma's binaries host).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(root, 'prisma/schema.prisma');
const schema = readFileSync(schemaPath, 'utf8');
const output = 'output       = "../src/generated/sqlite"';

/** Writes src/generated/<name>.prisma: the schema with the given lines replaced. */
function derive(name, replacements) {
  let derived = schema;
  for (const [from, to] of replacements) {
    if (!derived.includes(from)) {
      throw new Error(`prisma/generate.mjs: "${from}" not in the schema; cannot derive ${name}`);
    }
    derived = derived.replace(from, to);
  }
  const path = join(root, `src/generated/${name}.prisma`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `// Generated from prisma/schema.prisma by prisma/generate.mjs.\n${derived}`);
  return path;
}

const postgresPath = derive('postgresql', [
  ['provider = "sqlite"', 'provider = "postgresql"'],
  [output, 'output       = "./postgresql"'],
]);
const d1Path = derive('d1', [
  [output, 'output       = "./d1"'],
  ['runtime      = "nodejs"', 'runtime      = "workerd"'],
]);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: schemaPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const prisma = join(root, 'node_modules/prisma/build/index.js');
for (const file of [schemaPath, postgresPath, d1Path]) {
  execFileSync(process.execPath, [prisma, 'generate', '--schema', file], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
