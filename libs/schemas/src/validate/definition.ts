// The shape of a DatasetDefinition, checked at run time: contracts are TypeScript, but registries may be built
// from generated or user-supplied objects, and a typo must come back as a ContractError, not a TypeError.
import { z } from "zod";
import type { ProblemList } from "../errors.js";
import {
  AUDIT_KINDS,
  COMPARISON_OPERATORS,
  DURATION_UNITS,
  LANDING_LAYOUTS,
  LAYERS,
  SEVERITIES,
  SOURCE_FORMATS,
  SOURCE_KINDS,
  TABLE_FORMATS,
} from "../types.js";

const severity = z.enum(SEVERITIES).optional();
const column = z.string();
const bound = z.number().optional();

export const ruleShape = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("not_null"), column, severity }),
  z.strictObject({ kind: z.literal("range"), column, min: bound, max: bound, severity }),
  z.strictObject({ kind: z.literal("allowed"), column, values: z.array(z.string()), severity }),
  z.strictObject({ kind: z.literal("regex"), column, pattern: z.string(), severity }),
  z.strictObject({ kind: z.literal("length"), column, min: bound, max: bound, severity }),
  z.strictObject({ kind: z.literal("unique"), columns: z.array(column), severity }),
  z.strictObject({ kind: z.literal("freshness"), column, maxAgeHours: z.number(), severity }),
  z.strictObject({ kind: z.literal("row_count"), min: bound, max: bound, severity }),
  z.strictObject({
    kind: z.literal("references"),
    column,
    dataset: z.string(),
    datasetColumn: z.string(),
    severity,
  }),
  z.strictObject({
    kind: z.literal("compare"),
    column,
    operator: z.enum(COMPARISON_OPERATORS),
    other: column,
    severity,
  }),
  z.strictObject({
    kind: z.literal("null_when"),
    column,
    when: column,
    values: z.array(z.string()),
    severity,
  }),
  z.strictObject({
    kind: z.literal("duration"),
    column,
    from: column,
    to: column,
    unit: z.enum(DURATION_UNITS),
    severity,
  }),
]);

export const definitionShape = z.strictObject({
  name: z.string(),
  layer: z.enum(LAYERS),
  domain: z.string(),
  description: z.string(),
  owner: z.string(),
  format: z.enum(TABLE_FORMATS).optional(),
  audit: z.enum(AUDIT_KINDS).optional(),
  primaryKey: z.array(z.string()).optional(),
  orderingColumn: z.string().optional(),
  partitionKeys: z.array(z.string()).optional(),
  source: z
    .strictObject({
      kind: z.enum(SOURCE_KINDS),
      format: z.enum(SOURCE_FORMATS),
      schedule: z.string(),
      layout: z.enum(LANDING_LAYOUTS).optional(),
      cdc: z
        .strictObject({ schema: z.string(), table: z.string(), commitOrderColumn: z.string().optional() })
        .optional(),
    })
    .optional(),
  derivedFrom: z.array(z.string()).optional(),
  columns: z.custom<z.ZodObject>((value) => value instanceof z.ZodObject, {
    message: "columns must be a z.object({...}) of the business columns",
  }),
  rules: z.array(ruleShape).optional(),
  version: z.int().min(1).optional(),
  migration: z.string().optional(),
});

const FIXES: Record<string, string> = {
  name: "Give the dataset a lowercase snake_case name.",
  layer: `Set layer to one of: ${LAYERS.join(", ")}.`,
  format: `Set format to one of: ${TABLE_FORMATS.join(", ")}, or leave it out for the layer's default.`,
  audit: `Set audit to one of: ${AUDIT_KINDS.join(", ")}, or leave it out for the layer's default.`,
  source:
    `Write source as { kind: ${SOURCE_KINDS.join("|")}, format: ${SOURCE_FORMATS.join("|")}, schedule: "cron(...)", ` +
    `layout?: ${LANDING_LAYOUTS.join("|")}, cdc?: { schema, table, commitOrderColumn? } }.`,
  domain: 'Set the owning business domain, e.g. "crm".',
  description: "Say what one row is and where it comes from.",
  owner: 'Set owner to the owning team\'s address, e.g. "crm-data@example.com".',
  primaryKey: "List the key columns by name.",
  orderingColumn: "Name the column whose latest value wins.",
  partitionKeys: "List the partition columns by name.",
  derivedFrom:
    'List the silver datasets the table is built from by name, e.g. ["customers", "transactions"].',
  columns: "Pass the business columns as z.object({ ... }).",
  rules: "Write each rule as in CONTRACT.md (kind plus the keys of that kind).",
  version: "Set version to a whole number from 1, raised by one with each breaking change.",
  migration: "Say in migration what the breaking change means for readers and what they must do.",
};

function pathToField(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}

/** Records a problem per shape issue; true when the definition is safe to read further. */
export function checkDefinitionShape(
  input: unknown,
  problems: ProblemList,
): input is z.infer<typeof definitionShape> {
  const result = definitionShape.safeParse(input);
  if (result.success) return true;
  for (const issue of result.error.issues) {
    const top = String(issue.path[0] ?? "");
    const field = issue.path.length > 0 ? pathToField(issue.path) : "definition";
    problems.add(
      field,
      `${issue.message}.`,
      FIXES[top] ?? "Follow the DatasetDefinition type in CONTRACT.md.",
    );
  }
  return false;
}
