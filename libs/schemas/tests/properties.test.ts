import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContractError, contractJson, defineDataset, glueColumns, sparkSchema } from "../src/index.js";
import { validContract } from "./helpers/arbitraries.js";
import { silverDefinition } from "./helpers/definitions.js";
import { hiveFromSparkJson, parseHiveType } from "./helpers/hive-type-parser.js";

// Enough runs to reach depth-3 nesting often, few enough to keep the suite fast on a shared machine.
const RUNS = { numRuns: 150 };

describe("generators on arbitrary valid contracts", () => {
  it("produce Glue type strings that parse under the Hive grammar into the declared types", () => {
    fc.assert(
      fc.property(validContract, ({ definition, columns }) => {
        const glue = glueColumns(defineDataset(definition));
        const business = glue.columns.slice(0, columns.length);
        expect(business.map((c) => c.name)).toEqual(columns.map((c) => c.name));
        for (const [i, column] of columns.entries()) {
          expect(parseHiveType(business[i]!.type)).toEqual(column.type.hive);
        }
      }),
      RUNS,
    );
  });

  it("produce Spark JSON that rebuilds to the same Hive types, with the declared nullability", () => {
    fc.assert(
      fc.property(validContract, ({ definition, columns }) => {
        const contract = defineDataset(definition);
        // Through JSON text, as the Python jobs receive it.
        const spark = JSON.parse(JSON.stringify(sparkSchema(contract, "source"))) as {
          fields: { name: string; type: unknown; nullable: boolean; metadata: { comment?: string } }[];
        };
        const glue = glueColumns(contract).columns;
        expect(spark.fields).toHaveLength(columns.length);
        for (const [i, field] of spark.fields.entries()) {
          expect(Object.keys(field)).toEqual(["name", "type", "nullable", "metadata"]);
          expect(parseHiveType(hiveFromSparkJson(field.type))).toEqual(parseHiveType(glue[i]!.type));
          expect(field.type).toEqual(columns[i]!.type.spark);
          expect(field.nullable).toBe(columns[i]!.nullable);
          expect(field.metadata.comment).toBe(`Column ${columns[i]!.name}.`);
        }
      }),
      RUNS,
    );
  });

  it("give a contract.json that is identical for identical definitions", () => {
    fc.assert(
      fc.property(validContract, ({ definition }) => {
        const first = JSON.stringify(contractJson(defineDataset(definition)));
        const second = JSON.stringify(contractJson(defineDataset({ ...definition })));
        expect(second).toBe(first);
      }),
      { numRuns: 50 },
    );
  });
});

describe("defineDataset on arbitrary input", () => {
  const onlyContractErrors = (input: unknown) => {
    try {
      defineDataset(input as never);
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).problems.length).toBeGreaterThan(0);
    }
  };

  it("never throws anything but ContractError for any value", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true }), onlyContractErrors),
      {
        numRuns: 300,
      },
    );
  });

  it("never throws anything but ContractError when a key of a valid definition is replaced", () => {
    const keys = [
      "name",
      "layer",
      "domain",
      "description",
      "owner",
      "format",
      "audit",
      "primaryKey",
      "orderingColumn",
      "partitionKeys",
      "source",
      "columns",
      "rules",
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) =>
        onlyContractErrors({ ...silverDefinition(), [key]: value }),
      ),
      { numRuns: 300 },
    );
  });

  it("never throws anything but ContractError for columns of any zod type", () => {
    const anyZod = fc.constantFrom<() => z.ZodType>(
      () => z.union([z.string(), z.int32()]),
      () => z.tuple([z.string()]),
      () => z.map(z.string(), z.string()),
      () => z.set(z.string()),
      () => z.string().transform((s) => s.length),
      () => z.lazy(() => z.string()),
      () => z.null(),
      () => z.never(),
      () => z.symbol(),
      () => z.nan(),
      () => z.string().default("x"),
      () => z.custom<string>(() => true),
      () => z.object({ inner: z.unknown() }),
      () => z.record(z.enum(["a"]), z.date()),
      () => z.string().meta({ description: 42 } as never),
    );
    fc.assert(
      fc.property(fc.array(anyZod, { minLength: 1, maxLength: 4 }), (makers) =>
        onlyContractErrors(
          silverDefinition({
            columns: z.object({
              order_id: z.string().meta({ description: "x" }),
              updated_at: z.iso.datetime({ offset: true }).meta({ description: "x" }),
              ...Object.fromEntries(makers.map((make, i) => [`c${i}`, make()])),
            }),
          }),
        ),
      ),
      { numRuns: 100 },
    );
  });
});
