/**
 * Seeds a ledger with N synthetic complaints for benchmarks, in bulk (one multi-row INSERT per
 * batch, inside transactions), far faster than registering them one by one.
 *
 *   npx tsx test/bench/seed.ts --count 1000000 [--database-url file:./data/bench.db]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { propertyCategories } from '../../src/complaint/categories.ts';
import { sources, statuses } from '../../src/complaint/schema.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type DatabaseTarget, parseDatabaseUrl } from '../../src/db/url.ts';

const columns = [
  'ref',
  'received_at',
  'source',
  'complainant_name',
  'complainant_phone',
  'content',
  'category',
  'level',
  'project',
  'building',
  'status',
  'assignee',
  'resolution_due_at',
  'resolved_at',
  'satisfaction',
  'updated_at',
  'created_at',
] as const;

const postgresIndexes = new URL(
  '../../prisma/migrations/postgresql/0009_indexes.sql',
  import.meta.url,
);
/** Every index 0009 creates on PostgreSQL, dropped for the load and built again after it. */
const loadIndexes = [
  'complaint_content_trgm_idx',
  'complaint_subject_trgm_idx',
  'complaint_complainant_name_trgm_idx',
  'complaint_project_trgm_idx',
  'complaint_totals',
  'complaint_category_project_received_at_idx',
];

const projects = ['郑州·森林湖', '郑州·滨河苑', '洛阳·龙门府', '开封·清明里', '新乡·金融岛'];
const problems = [
  '墙体开裂',
  '电梯故障',
  '地下室漏水',
  '物业费争议',
  '停车位被占',
  '噪音扰民',
  '房产证迟迟未办',
  '装修垃圾无人清运',
  '门禁失灵',
  '绿化损坏',
  '保安夜间睡岗',
  '天然气未通',
  '暖气不热',
];
const agents = ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨磊', '赵敏', '黄勇'];

/** A deterministic pseudo-random sequence, so every run seeds the same ledger. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Times as Prisma writes them to SQLite, so that its comparisons with stored text hold. */
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export function* syntheticRows(count: number, start = Date.UTC(2023, 0, 1)) {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const span = Date.UTC(2026, 10, 30) - start;
  for (let i = 1; i <= count; i++) {
    const receivedAt = iso(start + Math.floor((span * i) / count));
    const problem = pick(problems);
    const status = pick(statuses);
    const due = iso(Date.parse(receivedAt) + 7 * 86_400_000);
    const done = status === 'resolved' || status === 'closed';
    const resolvedAt = done
      ? iso(Date.parse(receivedAt) + Math.floor(next() * 14 * 86_400_000))
      : null;
    yield [
      `B${String(i).padStart(7, '0')}`,
      receivedAt,
      pick(sources),
      `${pick(['王', '李', '张', '刘', '陈'])}${pick(['先生', '女士'])}`,
      `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`,
      `${problem}，第${i}号投诉：${pick(problems)}问题反映多次无人处理，请尽快解决`,
      pick(propertyCategories),
      1 + Math.floor(next() * 3),
      pick(projects),
      String(1 + Math.floor(next() * 30)),
      status,
      next() < 0.9 ? pick(agents) : null,
      due,
      resolvedAt,
      done ? 1 + Math.floor(next() * 5) : null,
      receivedAt,
      receivedAt,
    ] as (string | number | null)[];
  }
}

export async function seed(target: DatabaseTarget, count: number, log = (_: string) => {}) {
  await migrate(target);
  // 1,000 rows of 17 columns stay under PostgreSQL's 65,535 parameters per statement.
  const batch = 1000;
  const rows = syntheticRows(count);
  if (target.dialect === 'sqlite') {
    const db = new Database(target.path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const statement = db.prepare(
      `INSERT INTO complaint (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const insertMany = db.transaction((chunk: (string | number | null)[][]) => {
      for (const row of chunk) statement.run(row);
    });
    let chunk: (string | number | null)[][] = [];
    let done = 0;
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length === 10_000) {
        insertMany(chunk);
        done += chunk.length;
        chunk = [];
        if (done % 100_000 === 0) log(`seeded ${done}`);
      }
    }
    insertMany(chunk);
    db.exec('ANALYZE');
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    let chunk: (string | number | null)[][] = [];
    let done = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const values = chunk
        .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
        .join(', ');
      await client.query(
        `INSERT INTO complaint (${columns.join(', ')}) VALUES ${values}`,
        chunk.flat(),
      );
      done += chunk.length;
      // One transaction per 20,000 rows: fewer commits to sync, bounded work lost to a failure.
      if (done % 20_000 === 0) await client.query('COMMIT; BEGIN');
      if (done % 100_000 === 0) log(`seeded ${done}`);
      chunk = [];
    };
    // Bulk-load practice: 0009's indexes are built once after the load rather than updated row by
    // row, which would make seeding several times slower.
    await client.query(loadIndexes.map((name) => `DROP INDEX IF EXISTS "${name}"`).join('; '));
    await client.query('BEGIN');
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length === batch) await flush();
    }
    await flush();
    await client.query('COMMIT');
    log('building the indexes of 0009');
    await client.query(readFileSync(postgresIndexes, 'utf8'));
    // VACUUM sets the visibility map as autovacuum would on a settled ledger, without which
    // PostgreSQL cannot answer from an index alone.
    await client.query('VACUUM ANALYZE complaint');
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      'database-url': { type: 'string', default: 'file:./data/bench.db' },
    },
  });
  const started = Date.now();
  await seed(parseDatabaseUrl(values['database-url']), Number(values.count), (line) =>
    process.stderr.write(`${line}\n`),
  );
  process.stderr.write(
    `seeded ${values.count} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
