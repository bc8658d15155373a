// Column-level rules: names, duplicates, descriptions, and whether the storage format and the source format
// can hold each type.
import type { ProblemList } from "../errors.js";
import type { Column, LakeType, Leaf, SourceFormat, StructField, TableFormat } from "../types.js";
import { auditPrefixIssue, GLUE_COMMENT_MAX, nameIssues } from "./names.js";

/** Calls `visit` for every struct nested in `type` with its dotted path. */
function walkStructs(
  type: LakeType,
  path: string,
  visit: (fields: readonly StructField[], path: string) => void,
): void {
  if (type.kind === "struct") {
    visit(type.fields, path);
    for (const field of type.fields) walkStructs(field.type, `${path}.${field.name}`, visit);
  } else if (type.kind === "array") {
    walkStructs(type.element, `${path}[]`, visit);
  } else if (type.kind === "map") {
    walkStructs(type.value, `${path}{value}`, visit);
  }
}

function someType(type: LakeType, predicate: (t: LakeType) => boolean): boolean {
  if (predicate(type)) return true;
  if (type.kind === "struct") return type.fields.some((f) => someType(f.type, predicate));
  if (type.kind === "array") return someType(type.element, predicate);
  if (type.kind === "map") return someType(type.key, predicate) || someType(type.value, predicate);
  return false;
}

function checkDuplicates(
  names: readonly { name: string; path: string }[],
  scope: string,
  problems: ProblemList,
) {
  const seen = new Map<string, string>();
  for (const { name, path } of names) {
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.add(
        path,
        `"${name}" duplicates "${earlier}" in ${scope}; Glue and Hive compare names case-insensitively.`,
        `Rename one of them.`,
      );
    } else {
      seen.set(key, path);
    }
  }
}

function checkDescription(
  description: string | null,
  path: string,
  required: boolean,
  problems: ProblemList,
) {
  if (description === null || description.trim() === "") {
    if (required) {
      problems.add(
        path,
        `The column has no description.`,
        `Add .meta({ description: "..." }) saying what it holds.`,
      );
    }
    return;
  }
  const length = [...description].length;
  if (length > GLUE_COMMENT_MAX) {
    problems.add(
      path,
      `The description is ${length} characters; Glue column comments hold at most ${GLUE_COMMENT_MAX}.`,
      `Shorten the description to ${GLUE_COMMENT_MAX} characters; put the long form in the dataset README.`,
    );
  }
}

export interface ColumnContext {
  readonly format: TableFormat;
  readonly sourceFormat: SourceFormat | null;
}

export function validateColumns(columns: readonly Column[], ctx: ColumnContext, problems: ProblemList): void {
  checkDuplicates(
    columns.map((c) => ({ name: c.name, path: c.name })),
    "the business columns",
    problems,
  );
  for (const column of columns) {
    for (const issue of nameIssues(column.name, "column"))
      problems.add(column.name, issue.message, issue.fix);
    const prefix = auditPrefixIssue(column.name);
    if (prefix) problems.add(column.name, prefix.message, prefix.fix);
    checkDescription(column.description, column.name, true, problems);

    walkStructs(column.type, column.name, (fields, path) => {
      const siblings = fields.map((f) => ({ name: f.name, path: `${path}.${f.name}` }));
      checkDuplicates(siblings, `struct "${path}"`, problems);
      for (const [i, field] of fields.entries()) {
        const fieldPath = siblings[i]!.path;
        for (const issue of nameIssues(field.name, "field"))
          problems.add(fieldPath, issue.message, issue.fix);
        checkDescription(field.description, fieldPath, false, problems);
      }
    });

    if (
      ctx.format === "iceberg" &&
      someType(column.type, (t) => t.kind === "tinyint" || t.kind === "smallint")
    ) {
      problems.add(
        column.name,
        `Iceberg has no tinyint or smallint type, and this Iceberg table uses one.`,
        `Use z.int32() (int) instead, or store the table as parquet or delta.`,
      );
    }
    if (
      ctx.sourceFormat === "csv" &&
      someType(column.type, (t) => ["struct", "array", "map"].includes(t.kind))
    ) {
      problems.add(
        column.name,
        `A CSV source cannot carry nested types (struct, array, map).`,
        `Flatten the column into scalar columns, or land the source as json, parquet or avro.`,
      );
    }

    for (const leaf of column.leaves) checkLeaf(leaf, problems);
  }
}

/** Standardizers and masks work on the leaf they are set on: text for most, pii for any mask. */
function checkLeaf(leaf: Leaf, problems: ProblemList): void {
  const path = leaf.path.join(".");
  const what = leaf.path.length > 1 ? "field" : "column";
  const isText = leaf.type.kind === "string";
  if (leaf.standardize && !isText) {
    problems.add(
      path,
      `standardize "${leaf.standardize}" needs a string ${what}, this one is ${leaf.type.kind}.`,
      `Remove standardize, or declare the ${what} as a string.`,
    );
  }
  if (leaf.mask && leaf.classification !== "pii") {
    problems.add(
      path,
      `mask "${leaf.mask}" is set on a ${leaf.classification} ${what}; only pii values are masked.`,
      `Remove mask, or classify the ${what} as "pii".`,
    );
  } else if (leaf.mask && leaf.mask !== "redact" && !isText) {
    problems.add(
      path,
      `mask "${leaf.mask}" needs a string ${what}, this one is ${leaf.type.kind}.`,
      `Use mask "redact" for values that are not text.`,
    );
  }
}
