/**
 * Proves that the hand-kept migration SQL builds exactly the database the Prisma schema describes,
 * on the dialect under test, and that every model round-trips through Prisma Client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';
import { introspect, type Table } from '../support/introspect.ts';
import {
  columnName,
  columnTypes,
  type Datamodel,
  type DmmfField,
  type DmmfModel,
  loadDatamodel,
  tableName,
} from '../support/prisma-model.ts';

const datamodel: Datamodel = loadDatamodel(testDialect);
const scalars = (model: DmmfModel) =>
  model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
const isAutoincrement = (field: DmmfField) =>
  (field.default as { name?: string } | undefined)?.name === 'autoincrement';

describe(`migrations on ${testDialect}`, () => {
  let database: TestDatabase;
  let tables: Map<string, Table>;

  beforeAll(async () => {
    database = await createTestDatabase();
    tables = await introspect(database.target);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should create exactly the tables of the Prisma schema', () => {
    const expected = datamodel.models.map(tableName).sort();
    const actual = [...tables.keys()].filter((name) => name !== '_taizhang_migrations').sort();
    expect(actual).toEqual(expected);
  });

  describe.each(datamodel.models.map((model) => [model.name, model] as const))('%s', (_, model) => {
    const table = () => {
      const found = tables.get(tableName(model));
      if (!found) throw new Error(`table ${tableName(model)} is missing`);
      return found;
    };

    it('should have each field as a column of the right type, nullability and default', () => {
      const columns = table().columns;
      expect(columns.map((c) => c.name).sort()).toEqual(scalars(model).map(columnName).sort());
      for (const field of scalars(model)) {
        const column = columns.find((c) => c.name === columnName(field));
        const expectedDefault =
          field.hasDefaultValue && !(testDialect === 'sqlite' && isAutoincrement(field));
        expect({ column: column?.name, type: column?.type, nullable: column?.nullable }).toEqual({
          column: columnName(field),
          type: columnTypes[testDialect][field.type],
          nullable: !field.isRequired,
        });
        expect({ column: column?.name, hasDefault: column?.hasDefault }).toEqual({
          column: columnName(field),
          hasDefault: expectedDefault,
        });
        expect({ column: column?.name, primaryKey: column?.primaryKey }).toEqual({
          column: columnName(field),
          primaryKey: field.isId,
        });
      }
    });

    it('should have the indexes and unique constraints of the schema', () => {
      const byName = new Map(model.fields.map((f) => [f.name, columnName(f)]));
      const expected = datamodel.indexes
        .filter((index) => index.model === model.name && index.type !== 'id')
        .map(
          (index) =>
            `${index.type === 'unique' ? 'unique' : 'index'}(${index.fields.map((f) => byName.get(f.name)).join(',')})`,
        )
        .sort();
      const actual = table()
        .indexes.map((index) => `${index.unique ? 'unique' : 'index'}(${index.columns.join(',')})`)
        .sort();
      expect(actual).toEqual(expected);
    });

    it('should have the foreign keys of its relations', () => {
      const expected = model.fields
        .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => {
          const target = datamodel.models.find((m) => m.name === f.type) as DmmfModel;
          const column = (m: DmmfModel, name: string) =>
            columnName(m.fields.find((x) => x.name === name) as DmmfField);
          const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull');
          return `${(f.relationFromFields ?? []).map((n) => column(model, n)).join(',')}->${tableName(target)}(${(f.relationToFields ?? []).map((n) => column(target, n)).join(',')}) ${onDelete.replace(/([a-z])([A-Z])/, '$1 $2').toUpperCase()}`;
        })
        .sort();
      const actual = table()
        .foreignKeys.map(
          (fk) => `${fk.columns.join(',')}->${fk.table}(${fk.references.join(',')}) ${fk.onDelete}`,
        )
        .sort();
      expect(actual).toEqual(expected);
    });
  });
});

/** A value of each scalar type that a database must give back unchanged. */
function sample(field: DmmfField, n: number): unknown {
  switch (field.type) {
    case 'String':
      return `${field.name}-${n}-台账`;
    case 'Int':
      return 40 + n;
    case 'BigInt':
      return BigInt(9_007_199_254_740_993n) + BigInt(n);
    case 'Float':
      return 1.5 + n;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.UTC(2026, 9, 4, 8, 30, 15, 123 + n));
    case 'Json':
      return { key: `value-${n}`, list: [1, 2] };
    default:
      throw new Error(`no sample value for ${field.type}`);
  }
}

describe(`Prisma Client on ${testDialect}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should round-trip every field of every model', async () => {
    const prisma = database.db.prisma as unknown as Record<
      string,
      {
        create(args: { data: Record<string, unknown> }): Promise<Record<string, unknown>>;
        findFirstOrThrow(args: {
          where: Record<string, unknown>;
        }): Promise<Record<string, unknown>>;
      }
    >;
    const created = new Map<string, Record<string, unknown>>();
    const pending = [...datamodel.models];
    let n = 0;
    while (pending.length > 0) {
      // Create a model once every model its required relations point at exists.
      const index = pending.findIndex((model) =>
        model.fields.every(
          (f) =>
            f.kind !== 'object' ||
            !f.relationFromFields?.length ||
            !f.isRequired ||
            created.has(f.type),
        ),
      );
      expect(index, 'models form a cycle of required relations').toBeGreaterThanOrEqual(0);
      const [model] = pending.splice(index, 1) as [DmmfModel];
      const foreign = new Map<string, unknown>();
      for (const relation of model.fields.filter(
        (f) => f.kind === 'object' && f.relationFromFields?.length,
      )) {
        const parent = created.get(relation.type);
        relation.relationFromFields?.forEach((from, i) => {
          foreign.set(from, parent ? parent[relation.relationToFields?.[i] ?? 'id'] : null);
        });
      }
      const data: Record<string, unknown> = {};
      for (const field of scalars(model)) {
        if (isAutoincrement(field) || field.isUpdatedAt) continue;
        data[field.name] = foreign.has(field.name) ? foreign.get(field.name) : sample(field, n++);
      }
      const delegate = prisma[model.name.charAt(0).toLowerCase() + model.name.slice(1)];
      expect(delegate, `Prisma Client has a delegate for ${model.name}`).toBeDefined();
      const row = await delegate?.create({ data });
      created.set(model.name, row as Record<string, unknown>);
      const idField = model.fields.find((f) => f.isId) as DmmfField;
      const read = await delegate?.findFirstOrThrow({
        where: { [idField.name]: row?.[idField.name] },
      });
      for (const [key, value] of Object.entries(data)) {
        expect({ model: model.name, field: key, value: read?.[key] }).toEqual({
          model: model.name,
          field: key,
          value,
        });
      }
    }
    expect(created.size).toBe(datamodel.models.length);
  });
});
