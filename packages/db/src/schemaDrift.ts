// Describes a schema two ways, in one comparable shape: as schema.prisma declares it (from the
// snapshot the generator writes) and as a live database has it (from the catalog). Equal
// descriptions mean the SQL migrations and schema.prisma agree.
import { readFile } from 'node:fs/promises';
import pg from 'pg';

export interface SchemaDescription {
  enums: Record<string, string[]>;
  tables: Record<string, {
    columns: Record<string, { type: string; nullable: boolean; hasDefault: boolean }>;
    primaryKey: string[];
    indexes: string[]; // "unique(a,b)" / "index(a,b)", sorted
    foreignKeys: string[]; // "(a) -> table(b) on delete cascade", sorted
  }>;
}

interface DmmfField {
  name: string;
  documentation?: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: { name?: string } | unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { fields: string[] } | null }
interface DmmfDatamodel {
  enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
  models: DmmfModel[];
  indexes: { model: string; type: 'id' | 'normal' | 'unique' | 'fulltext'; fields: { name: string }[] }[];
}

const DEFAULT_TYPES: Record<string, string> = {
  String: 'text', Int: 'integer', BigInt: 'bigint', Boolean: 'boolean', DateTime: 'timestamp(3)',
  Json: 'jsonb', Bytes: 'bytea', Float: 'double precision', Decimal: 'numeric(65,30)',
};
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => 'uuid', Text: () => 'text', Timestamptz: (a) => `timestamptz(${a[0] ?? 6})`, Timestamp: (a) => `timestamp(${a[0] ?? 6})`,
  VarChar: (a) => (a[0] ? `varchar(${a[0]})` : 'varchar'), Integer: () => 'integer', BigInt: () => 'bigint', JsonB: () => 'jsonb',
};
/** `/// @expressionIndex to_tsvector('simple'::regconfig, search_text)`: the expression as Postgres prints it. */
const EXPRESSION_INDEX = /^@expressionIndex (.+)$/gm;
// Defaults Prisma fills in on the client, so the column itself has none.
const CLIENT_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

export async function describeDeclaredSchema(snapshotPath: string): Promise<SchemaDescription> {
  const datamodel = JSON.parse(await readFile(snapshotPath, 'utf8')) as DmmfDatamodel;
  const byName = new Map(datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  const description: SchemaDescription = { enums: {}, tables: {} };
  for (const enumeration of datamodel.enums) {
    description.enums[enumeration.dbName ?? enumeration.name] = enumeration.values.map((value) => value.dbName ?? value.name);
  }
  for (const model of datamodel.models) {
    const table: SchemaDescription['tables'][string] = { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind === 'object') {
        const target = byName.get(field.type);
        if (target && field.relationFromFields?.length) {
          const from = field.relationFromFields.map((name) => columnOf(model, name)).join(',');
          const to = (field.relationToFields ?? []).map((name) => columnOf(target, name)).join(',');
          table.foreignKeys.push(`(${from}) -> ${tableOf(target)}(${to}) on delete ${(field.relationOnDelete ?? 'Restrict').toLowerCase()}`);
        }
        continue;
      }
      const defaultName = (field.default as { name?: string } | undefined)?.name;
      const native = field.nativeType ? NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]) : undefined;
      const baseType = field.kind === 'enum' ? field.type : (native ?? DEFAULT_TYPES[field.type] ?? field.type);
      table.columns[field.dbName ?? field.name] = {
        type: field.isList ? `${baseType}[]` : baseType,
        nullable: !field.isRequired,
        hasDefault: field.hasDefaultValue && !(defaultName && CLIENT_DEFAULTS.has(defaultName)),
      };
    }
    // Prisma cannot declare an index on an expression; schema.prisma names one in a field's doc comment.
    for (const field of model.fields) {
      for (const [, expression] of field.documentation?.matchAll(EXPRESSION_INDEX) ?? []) table.indexes.push(`index(${expression})`);
    }
    for (const index of datamodel.indexes.filter((candidate) => candidate.model === model.name)) {
      const columns = index.fields.map((field) => columnOf(model, field.name));
      if (index.type === 'id') table.primaryKey = columns;
      else table.indexes.push(`${index.type === 'unique' ? 'unique' : 'index'}(${columns.join(',')})`);
    }
    table.indexes.sort();
    table.foreignKeys.sort();
    description.tables[tableOf(model)] = table;
  }
  return description;
}

export async function describeDatabaseSchema(url: string, ignoreTables: string[] = ['_prisma_migrations']): Promise<SchemaDescription> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const description: SchemaDescription = { enums: {}, tables: {} };
    const enums = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const row of enums.rows) description.enums[row.name] = row.values;

    const columns = await client.query<{ table: string; column: string; type: string; nullable: boolean; has_default: boolean }>(`
      SELECT c.relname AS table, a.attname AS column, not a.attnotnull AS nullable, a.atthasdef AS has_default,
             regexp_replace(regexp_replace(format_type(a.atttypid, a.atttypmod),
               'timestamp\\((\\d)\\) with time zone', 'timestamptz(\\1)'), 'timestamp\\((\\d)\\) without time zone', 'timestamp(\\1)') AS type
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`);
    for (const row of columns.rows) {
      if (ignoreTables.includes(row.table)) continue;
      description.tables[row.table] ??= { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
      const type = row.type.replace(/^"(.*)"$/, '$1').replace('character varying', 'varchar');
      description.tables[row.table]!.columns[row.column] = { type, nullable: row.nullable, hasDefault: row.has_default };
    }

    const indexes = await client.query<{ table: string; columns: string[]; primary: boolean; unique: boolean }>(`
      SELECT t.relname AS table, i.indisprimary AS primary, i.indisunique AS unique,
             array(SELECT coalesce(a.attname::text, pg_get_indexdef(i.indexrelid, k.ord::int, true)) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'`);
    for (const row of indexes.rows) {
      const table = description.tables[row.table];
      if (!table) continue;
      if (row.primary) table.primaryKey = row.columns;
      else table.indexes.push(`${row.unique ? 'unique' : 'index'}(${row.columns.join(',')})`);
    }

    const foreignKeys = await client.query<{ table: string; definition: string }>(`
      SELECT c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`);
    for (const row of foreignKeys.rows) {
      const table = description.tables[row.table.replace(/"/g, '')];
      const match = /FOREIGN KEY \((.+?)\) REFERENCES (.+?)\((.+?)\)(?: ON UPDATE \w+)?(?: ON DELETE (SET NULL|SET DEFAULT|NO ACTION|CASCADE|RESTRICT))?/.exec(row.definition);
      if (!table || !match) continue;
      const unquote = (text: string) => text.replace(/"/g, '').replace(/, /g, ',');
      table.foreignKeys.push(`(${unquote(match[1]!)}) -> ${unquote(match[2]!)}(${unquote(match[3]!)}) on delete ${(match[4] ?? 'no action').toLowerCase().replace(' ', '')}`);
    }
    for (const table of Object.values(description.tables)) {
      table.indexes.sort();
      table.foreignKeys.sort();
    }
    return description;
  } finally {
    await client.end();
  }
}
