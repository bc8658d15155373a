// fast-check arbitraries for valid contracts: random nested types up to depth 3, each paired with the Hive AST
// the generators must produce for it.
import fc from "fast-check";
import { z } from "zod";
import { col, RESERVED_WORDS, type DatasetDefinition } from "../../src/index.js";
import type { HiveAst } from "./hive-type-parser.js";

export interface TypeCase {
  /** Builds a fresh zod schema (schemas are immutable, but a fresh one keeps cases independent). */
  readonly zod: () => z.ZodType;
  readonly hive: HiveAst;
  /** The Spark `DataType.jsonValue()` expected for it, nested nullability included. */
  readonly spark: unknown;
}

const prim = (name: string): HiveAst => ({ kind: "primitive", name });

const leaves: fc.Arbitrary<TypeCase>[] = [
  fc.constant({ zod: () => z.string(), hive: prim("string"), spark: "string" }),
  fc.constant({ zod: () => z.email(), hive: prim("string"), spark: "string" }),
  fc.constant({ zod: () => z.enum(["a", "b"]), hive: prim("string"), spark: "string" }),
  fc.constant({ zod: () => z.int32(), hive: prim("int"), spark: "integer" }),
  fc.constant({ zod: () => z.int(), hive: prim("bigint"), spark: "long" }),
  fc.constant({ zod: () => col.bigint(), hive: prim("bigint"), spark: "long" }),
  fc.constant({ zod: () => col.smallint(), hive: prim("smallint"), spark: "short" }),
  fc.constant({ zod: () => col.tinyint(), hive: prim("tinyint"), spark: "byte" }),
  fc.constant({ zod: () => z.number(), hive: prim("double"), spark: "double" }),
  fc.constant({ zod: () => col.float(), hive: prim("float"), spark: "float" }),
  fc.constant({ zod: () => z.boolean(), hive: prim("boolean"), spark: "boolean" }),
  fc.constant({ zod: () => z.iso.date(), hive: prim("date"), spark: "date" }),
  fc.constant({ zod: () => z.iso.datetime({ offset: true }), hive: prim("timestamp"), spark: "timestamp" }),
  fc
    .integer({ min: 1, max: 38 })
    .chain((precision) =>
      fc.record({ precision: fc.constant(precision), scale: fc.integer({ min: 0, max: precision }) }),
    )
    .map(({ precision, scale }) => ({
      zod: () => col.decimal(precision, scale),
      hive: { kind: "decimal", precision, scale },
      spark: `decimal(${precision},${scale})`,
    })),
];

/** Lowercase snake_case names that are neither reserved nor audit-prefixed. */
export const fieldName = fc
  .stringMatching(/^[a-z][a-z0-9]{0,5}(_[a-z0-9]{1,4})?$/)
  .filter((n) => !RESERVED_WORDS.has(n) && !n.startsWith("lake"));

const maybeNullable = (
  t: TypeCase,
): fc.Arbitrary<{ t: TypeCase; nullable: boolean; wrap: (s: z.ZodType) => z.ZodType }> =>
  fc
    .constantFrom<[boolean, (s: z.ZodType) => z.ZodType]>(
      [false, (s) => s],
      [true, (s) => s.nullable()],
      [true, (s) => s.optional()],
    )
    .map(([nullable, wrap]) => ({ t, nullable, wrap }));

export function typeCase(depth: number): fc.Arbitrary<TypeCase> {
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = typeCase(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...leaves) },
    {
      weight: 1,
      arbitrary: inner.chain(maybeNullable).map(({ t, wrap }): TypeCase => ({
        zod: () => z.array(wrap(t.zod())),
        hive: { kind: "array", element: t.hive },
        spark: { type: "array", elementType: t.spark, containsNull: true },
      })),
    },
    {
      weight: 1,
      arbitrary: inner.chain(maybeNullable).map(({ t, wrap }): TypeCase => ({
        zod: () => z.record(z.string(), wrap(t.zod())),
        hive: { kind: "map", key: prim("string"), value: t.hive },
        spark: { type: "map", keyType: "string", valueType: t.spark, valueContainsNull: true },
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uniqueArray(fc.tuple(fieldName, inner.chain(maybeNullable)), {
          minLength: 1,
          maxLength: 4,
          selector: ([name]) => name,
        })
        .map((fields): TypeCase => ({
          zod: () => z.object(Object.fromEntries(fields.map(([name, { t, wrap }]) => [name, wrap(t.zod())]))),
          hive: {
            kind: "struct",
            fields: fields.map(([name, { t }]) => ({ name, type: t.hive })),
          },
          spark: {
            type: "struct",
            fields: fields.map(([name, { t, nullable }]) => ({
              name,
              type: t.spark,
              nullable,
              metadata: {},
            })),
          },
        })),
    },
  );
}

export interface ColumnCase {
  readonly name: string;
  readonly type: TypeCase;
  readonly nullable: boolean;
  readonly wrap: (s: z.ZodType) => z.ZodType;
}

/** A valid gold contract (parquet or delta, so every lake type is allowed) over random columns. */
export const validContract: fc.Arbitrary<{ definition: DatasetDefinition; columns: ColumnCase[] }> = fc
  .record({
    format: fc.constantFrom("parquet" as const, "delta" as const),
    columns: fc.uniqueArray(
      fc.tuple(fieldName, typeCase(3).chain(maybeNullable)).map(([name, { t, nullable, wrap }]) => ({
        name,
        type: t,
        nullable,
        wrap,
      })),
      { minLength: 1, maxLength: 6, selector: (c) => c.name },
    ),
  })
  .map(({ format, columns }) => ({
    columns,
    definition: {
      name: "random_table",
      layer: "gold",
      format,
      domain: "test",
      description: "A generated contract.",
      owner: "test@example.com",
      derivedFrom: ["orders"],
      columns: z.object(
        Object.fromEntries(
          columns.map((c) => [c.name, c.wrap(c.type.zod()).meta({ description: `Column ${c.name}.` })]),
        ),
      ),
    } satisfies DatasetDefinition,
  }));
