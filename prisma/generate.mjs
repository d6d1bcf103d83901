// Generates one Prisma Client per dialect from the one schema (prisma/schema.prisma is SQLite's).
// Prisma Client refuses an adapter whose provider differs from the schema's, so PostgreSQL gets a
// client generated from a copy with only the provider and output changed.
// PRISMA_SCHEMA_ENGINE_BINARY points at an existing file so that `prisma generate`, which needs no
// engine, does not try to download one (this machine and CI cannot reach Prisma's binaries host).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(root, 'prisma/schema.prisma');
const derivedPath = join(root, 'src/generated/postgresql.prisma');
const schema = readFileSync(schemaPath, 'utf8');

const postgres = schema
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output       = "../src/generated/sqlite"', 'output       = "./postgresql"');
if (postgres === schema || !postgres.includes('"./postgresql"')) {
  throw new Error('prisma/generate.mjs: could not derive the PostgreSQL schema; check the markers');
}
mkdirSync(dirname(derivedPath), { recursive: true });
writeFileSync(
  derivedPath,
  `// Generated from prisma/schema.prisma by prisma/generate.mjs.\n${postgres}`,
);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: schemaPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const prisma = join(root, 'node_modules/prisma/build/index.js');
for (const file of [schemaPath, derivedPath]) {
  execFileSync(process.execPath, [prisma, 'generate', '--schema', file], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
