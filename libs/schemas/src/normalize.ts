// Turns the zod object a contract author wrote into plain columns. Walks zod 4's `_zod.def` (the public,
// documented internals) and reads `.meta()` from z.globalRegistry. What cannot be mapped becomes a problem
// naming the field, never a guess.
import { z } from "zod";
import { columnClassification, columnLeaves } from "./classification.js";
import { helperTypeOf } from "./columns.js";
import type { ProblemList } from "./errors.js";
import {
  CLASSIFICATIONS,
  MASKS,
  STANDARDIZERS,
  type Classification,
  type Column,
  type LakeType,
  type Mask,
  type Standardize,
  type StructField,
} from "./types.js";

/** The slice of zod's internal definition this module reads. */
interface ZodDef {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly format?: string;
  readonly checks?: readonly { _zod: { def: { check?: string; format?: string } } }[];
  readonly entries?: Record<string, unknown>;
  readonly values?: readonly unknown[];
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDef => schema._zod.def;

/** Metadata keys a contract may set: the lake's own plus zod's standard JSON Schema annotations. */
const LAKE_META_KEYS = ["description", "classification", "standardize", "mask"] as const;
const ZOD_META_KEYS = ["id", "title", "examples", "deprecated"] as const;
const ALLOWED_META_KEYS: ReadonlySet<string> = new Set([...LAKE_META_KEYS, ...ZOD_META_KEYS]);

const UNSUPPORTED_HINTS: Record<string, string> = {
  union: "a union has no single Hive type; use one type, or a string and a standardize/allowed rule",
  discriminated_union: "a union has no single Hive type; model the variants as nullable struct fields",
  any: "declare the real type of the column",
  unknown: "declare the real type of the column",
  bigint: "JSON numbers cannot carry a JS bigint; use col.bigint() (a safe integer) or col.decimal(38, 0)",
  date: "a JS Date is not a JSON value; use z.iso.date() for a date or z.iso.datetime({ offset: true }) for a timestamp",
  default: "defaults are not applied by the jobs; declare the column .nullable() and fill it in gold",
  prefault: "defaults are not applied by the jobs; declare the column .nullable() and fill it in gold",
  catch: "fallback values are not applied by the jobs; declare the column .nullable()",
  pipe: "transforms do not run in Spark; declare the stored type and use `standardize` metadata",
  transform: "transforms do not run in Spark; declare the stored type and use `standardize` metadata",
  tuple: "use z.array(t) or a z.object with named fields",
  intersection: "merge the objects with .extend() into one z.object",
  lazy: "recursive types cannot be stored in a table; flatten the structure",
  null: "a column that is always null carries no data; remove it",
  undefined: "a column that is always missing carries no data; remove it",
};

export interface MetaValues {
  description: string | null;
  classification: Classification | null;
  standardize: Standardize | null;
  mask: Mask | null;
}

interface Unwrapped {
  readonly core: z.ZodType;
  readonly nullable: boolean;
  readonly meta: Record<string, unknown>;
}

/** Peels .nullable()/.optional() off a schema, merging the metadata found on each layer (outer layers win). */
function unwrap(schema: z.ZodType): Unwrapped {
  const layers: Record<string, unknown>[] = [];
  let current = schema;
  let nullable = false;
  for (;;) {
    const meta = z.globalRegistry.get(current);
    if (meta) layers.push(meta);
    const def = defOf(current);
    if ((def.type === "nullable" || def.type === "optional") && def.innerType) {
      nullable = true;
      current = def.innerType;
      continue;
    }
    break;
  }
  return {
    core: current,
    nullable,
    meta: layers.reverse().reduce((merged, layer) => ({ ...merged, ...layer }), {}),
  };
}

function readMeta(meta: Record<string, unknown>, field: string, problems: ProblemList): MetaValues {
  for (const key of Object.keys(meta)) {
    if (!ALLOWED_META_KEYS.has(key)) {
      problems.add(
        field,
        `Unknown metadata key "${key}".`,
        `Use only ${[...LAKE_META_KEYS].join(", ")} (and zod's ${[...ZOD_META_KEYS].join(", ")}) in .meta({...}).`,
      );
    }
  }
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | null => {
    const value = meta[key];
    if (value === undefined || value === null) return null;
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    problems.add(
      field,
      `Metadata "${key}" is ${JSON.stringify(value)}.`,
      `Use one of: ${allowed.join(", ")}.`,
    );
    return null;
  };
  const description = meta.description;
  if (description !== undefined && typeof description !== "string") {
    problems.add(field, `Metadata "description" is not a string.`, `Write the description as text.`);
  }
  return {
    description: typeof description === "string" ? description : null,
    classification: pick("classification", CLASSIFICATIONS),
    standardize: pick("standardize", STANDARDIZERS),
    mask: pick("mask", MASKS),
  };
}

function numberKind(def: ZodDef): LakeType {
  const formats = [def.format, ...(def.checks ?? []).map((c) => c._zod.def.format)].filter(Boolean);
  if (formats.includes("int32")) return { kind: "int" };
  if (formats.includes("safeint") || formats.includes("uint32")) return { kind: "bigint" };
  if (formats.includes("float32")) return { kind: "float" };
  return { kind: "double" };
}

interface Mapped {
  readonly type: LakeType;
  readonly enumValues: readonly string[] | null;
}

/**
 * The lake type of an unwrapped schema, or null after recording why there is none. `inCollection`: the schema is
 * inside an array or a map, where a field's classification would have no single value to apply to.
 */
function toLakeType(
  core: z.ZodType,
  field: string,
  problems: ProblemList,
  inCollection = false,
): Mapped | null {
  const helper = helperTypeOf(core);
  if (helper) {
    if (helper.kind !== "decimal") return { type: { kind: helper.kind }, enumValues: null };
    const { precision, scale } = helper;
    const valid =
      Number.isInteger(precision) &&
      Number.isInteger(scale) &&
      (precision as number) >= 1 &&
      (precision as number) <= 38 &&
      (scale as number) >= 0 &&
      (scale as number) <= (precision as number);
    if (!valid) {
      problems.add(
        field,
        `decimal(${String(precision)}, ${String(scale)}) is not a valid decimal: precision must be an integer ` +
          `from 1 to 38 and scale an integer from 0 to the precision.`,
        `Write col.decimal(precision, scale), e.g. col.decimal(12, 2).`,
      );
      return null;
    }
    return {
      type: { kind: "decimal", precision: precision as number, scale: scale as number },
      enumValues: null,
    };
  }
  const def = defOf(core);
  switch (def.type) {
    case "string":
      if (def.format === "date") return { type: { kind: "date" }, enumValues: null };
      if (def.format === "datetime") return { type: { kind: "timestamp" }, enumValues: null };
      return { type: { kind: "string" }, enumValues: null };
    case "enum":
    case "literal": {
      const values = def.type === "enum" ? Object.values(def.entries ?? {}) : [...(def.values ?? [])];
      if (values.length === 0 || !values.every((v) => typeof v === "string")) {
        problems.add(
          field,
          `${def.type === "enum" ? "Enum" : "Literal"} values ${JSON.stringify(values, (_k, v: unknown) =>
            typeof v === "bigint" ? `${v}n` : v,
          )} are not all strings.`,
          `Use string values (z.enum(["a", "b"])); store codes as text.`,
        );
        return null;
      }
      return { type: { kind: "string" }, enumValues: values };
    }
    case "number":
      return { type: numberKind(def), enumValues: null };
    case "boolean":
      return { type: { kind: "boolean" }, enumValues: null };
    case "object": {
      const fields = structFields(def.shape ?? {}, field, problems, inCollection);
      return fields ? { type: { kind: "struct", fields }, enumValues: null } : null;
    }
    case "array": {
      const element = def.element && toLakeType(unwrap(def.element).core, `${field}[]`, problems, true);
      return element ? { type: { kind: "array", element: element.type }, enumValues: null } : null;
    }
    case "record": {
      const keyCore = def.keyType && unwrap(def.keyType).core;
      const key = keyCore && toLakeType(keyCore, `${field}{key}`, problems, true);
      const value =
        def.valueType && toLakeType(unwrap(def.valueType).core, `${field}{value}`, problems, true);
      if (key && key.type.kind !== "string") {
        problems.add(
          field,
          `Map keys must be strings, this one is ${key.type.kind}.`,
          `Write z.record(z.string(), valueType); Glue and the JSON sources only carry string keys.`,
        );
        return null;
      }
      return key && value
        ? { type: { kind: "map", key: key.type, value: value.type }, enumValues: null }
        : null;
    }
    default: {
      const hint = UNSUPPORTED_HINTS[def.type] ?? "use one of the types listed in CONTRACT.md";
      problems.add(
        field,
        `zod type "${def.type}" is not supported in a contract.`,
        `${hint[0]!.toUpperCase()}${hint.slice(1)}.`,
      );
      return null;
    }
  }
}

/**
 * Nested struct fields with what each declares. A field of a struct chain from the column may be classified,
 * standardized and masked on its own; one inside an array or a map may not (there is no one value to apply it to).
 */
function structFields(
  shape: Record<string, z.ZodType>,
  parent: string,
  problems: ProblemList,
  inCollection: boolean,
): StructField[] | null {
  const fields: StructField[] = [];
  let ok = true;
  for (const [name, schema] of Object.entries(shape)) {
    const path = `${parent}.${name}`;
    const { core, nullable, meta } = unwrap(schema);
    const values = readMeta(meta, path, problems);
    if (inCollection && (values.classification || values.standardize || values.mask)) {
      problems.add(
        path,
        `classification, standardize and mask cannot apply to a field inside an array or a map.`,
        `Set them on the column "${parent.split(/[.[{]/)[0]}" as a whole.`,
      );
    }
    const mapped = toLakeType(core, path, problems, inCollection);
    if (!mapped) {
      ok = false;
      continue;
    }
    fields.push({
      name,
      type: mapped.type,
      nullable,
      description: values.description,
      classification: inCollection ? null : values.classification,
      standardize: inCollection ? null : values.standardize,
      mask: inCollection ? null : values.mask,
    });
  }
  return ok ? fields : null;
}

/** Normalizes the business columns of a contract. Problems are recorded; unmappable columns are left out. */
export function normalizeColumns(schema: z.ZodObject, problems: ProblemList): Column[] {
  const columns: Column[] = [];
  for (const [name, fieldSchema] of Object.entries(defOf(schema).shape ?? {})) {
    const { core, nullable, meta } = unwrap(fieldSchema);
    const values = readMeta(meta, name, problems);
    const mapped = toLakeType(core, name, problems);
    if (!mapped) continue;
    if (mapped.type.kind === "struct" && values.mask) {
      problems.add(
        name,
        `mask "${values.mask}" is set on a struct column; structs are masked field by field.`,
        `Set mask on the pii fields of "${name}" instead.`,
      );
    }
    const declared = { type: mapped.type, nullable, ...values };
    const leaves = columnLeaves(name, declared);
    const isStruct = mapped.type.kind === "struct";
    columns.push({
      name,
      type: mapped.type,
      nullable,
      description: values.description ?? "",
      classification: columnClassification(leaves),
      enum: mapped.enumValues,
      // A plain column is its one leaf; a struct's standardizers and masks are its fields'.
      standardize: isStruct ? null : (leaves[0]?.standardize ?? null),
      mask: isStruct ? null : (leaves[0]?.mask ?? null),
      leaves,
    });
  }
  return columns;
}
