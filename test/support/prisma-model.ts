/**
 * The Prisma schema as data (its DMMF, from Prisma's own schema parser compiled to WebAssembly), and
 * what each dialect's migrated tables must therefore look like.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type { Dialect } from '../../src/db/url.ts';

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string }[];
}

export interface Datamodel {
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

const root = join(import.meta.dirname, '../..');

export function loadDatamodel(dialect: Dialect): Datamodel {
  const file = dialect === 'sqlite' ? 'prisma/schema.prisma' : 'src/generated/postgresql.prisma';
  const schema = readFileSync(join(root, file), 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] })));
  return dmmf.datamodel as Datamodel;
}

export const tableName = (model: DmmfModel) => model.dbName ?? model.name;
export const columnName = (field: DmmfField) => field.dbName ?? field.name;

/** The column type Prisma's migrations give each scalar type, as the database reports it. */
export const columnTypes: Record<Dialect, Record<string, string>> = {
  sqlite: {
    String: 'TEXT',
    Int: 'INTEGER',
    BigInt: 'BIGINT',
    Float: 'REAL',
    Boolean: 'BOOLEAN',
    DateTime: 'DATETIME',
    Json: 'JSONB',
    Decimal: 'DECIMAL',
    Bytes: 'BLOB',
  },
  postgresql: {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double precision',
    Boolean: 'boolean',
    DateTime: 'timestamp(3) without time zone',
    Json: 'jsonb',
    Decimal: 'numeric(65,30)',
    Bytes: 'bytea',
  },
};
