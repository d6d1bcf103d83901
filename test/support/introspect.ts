/** Reads what a migrated database actually holds: tables, columns, indexes and foreign keys. */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/db/url.ts';

export interface Column {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
}

export interface Index {
  columns: string[];
  unique: boolean;
}

export interface ForeignKey {
  columns: string[];
  table: string;
  references: string[];
  onDelete: string;
}

export interface Table {
  columns: Column[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

export async function introspect(target: DatabaseTarget): Promise<Map<string, Table>> {
  return target.dialect === 'sqlite'
    ? introspectSqlite(target.path)
    : introspectPostgres(target.connectionString);
}

function introspectSqlite(path: string): Map<string, Table> {
  const db = new Database(path, { readonly: true });
  const tables = new Map<string, Table>();
  try {
    // 0009's FTS5 search table and the shadow tables FTS5 keeps for it are an index in all but
    // name, and Prisma's schema cannot describe them: they stay out, as GIN indexes do.
    const names = db
      .prepare(
        `SELECT name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
          AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
            AND t.name LIKE v.name || '\\_%' ESCAPE '\\')
          ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    for (const name of names) {
      const columns = (
        db.pragma(`table_info("${name}")`) as {
          name: string;
          type: string;
          notnull: number;
          dflt_value: string | null;
          pk: number;
        }[]
      ).map((c) => ({
        name: c.name,
        type: c.type,
        nullable: c.notnull === 0 && c.pk === 0,
        hasDefault: c.dflt_value !== null,
        primaryKey: c.pk > 0,
      }));
      const indexes = (
        db.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[]
      )
        .filter((index) => index.origin !== 'pk')
        .map((index) => ({
          unique: index.unique === 1,
          columns: (db.pragma(`index_info("${index.name}")`) as { name: string }[]).map(
            (c) => c.name,
          ),
        }));
      const foreignKeys = (
        db.pragma(`foreign_key_list("${name}")`) as {
          table: string;
          from: string;
          to: string;
          on_delete: string;
        }[]
      ).map((fk) => ({
        columns: [fk.from],
        table: fk.table,
        references: [fk.to],
        onDelete: fk.on_delete,
      }));
      tables.set(name, { columns, indexes, foreignKeys });
    }
  } finally {
    db.close();
  }
  return tables;
}

async function introspectPostgres(connectionString: string): Promise<Map<string, Table>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const tables = new Map<string, Table>();
  try {
    const { rows: columns } = await client.query<{
      table_name: string;
      column_name: string;
      type: string;
      is_nullable: string;
      column_default: string | null;
    }>(`
      SELECT c.table_name, c.column_name, c.is_nullable, c.column_default,
             format_type(a.atttypid, a.atttypmod) AS type
      FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = ('"' || c.table_name || '"')::regclass
                         AND a.attname = c.column_name
      WHERE c.table_schema = 'public'
      ORDER BY c.table_name, c.ordinal_position`);
    const { rows: keys } = await client.query<{ table_name: string; column_name: string }>(`
      SELECT tc.table_name, kcu.column_name
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'`);
    for (const column of columns) {
      let table = tables.get(column.table_name);
      if (!table) {
        table = { columns: [], indexes: [], foreignKeys: [] };
        tables.set(column.table_name, table);
      }
      const primaryKey = keys.some(
        (k) => k.table_name === column.table_name && k.column_name === column.column_name,
      );
      table.columns.push({
        name: column.column_name,
        type: column.type,
        nullable: column.is_nullable === 'YES',
        hasDefault: column.column_default !== null,
        primaryKey,
      });
    }
    const { rows: indexes } = await client.query<{
      table: string;
      unique: boolean;
      primary: boolean;
      columns: string[];
    }>(`
      SELECT t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
             array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      -- Trigram (GIN) search indexes are PostgreSQL's own (0009_indexes); the schema cannot say them.
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_am am ON am.oid = i.relam AND am.amname <> 'gin'
      GROUP BY t.relname, ix.indexrelid, ix.indisunique, ix.indisprimary`);
    for (const index of indexes) {
      if (index.primary) continue;
      tables.get(index.table)?.indexes.push({ unique: index.unique, columns: index.columns });
    }
    const { rows: fks } = await client.query<{
      table: string;
      columns: string[];
      target: string;
      references: string[];
      on_delete: string;
    }>(`
      SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
             (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
               WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey)) AS columns,
             (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
               WHERE attrelid = c.confrelid AND attnum = ANY (c.confkey)) AS references,
             CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT'
               WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END
               AS on_delete
      FROM pg_constraint c WHERE c.contype = 'f'`);
    for (const fk of fks) {
      const table = fk.table.replaceAll('"', '');
      tables.get(table)?.foreignKeys.push({
        columns: fk.columns,
        table: fk.target.replaceAll('"', ''),
        references: fk.references,
        onDelete: fk.on_delete,
      });
    }
  } finally {
    await client.end();
  }
  return tables;
}
