// Whether a contract change keeps existing readers and tables working: each difference between two versions of a
// contract is one change, classified compatible or breaking. Pure: both sides are contract.json documents plus the
// contract's version and migration note.
import type { ContractJson, RuleJson } from "../generators/contract-json.js";
import type { SparkDataType, SparkStructField } from "../generators/spark.js";
import { CLASSIFICATIONS } from "../types.js";

export type Compatibility = "compatible" | "breaking";

/** One side of the comparison: what a revision's contract generates, with its version and migration note. */
export interface ContractSnapshot {
  readonly json: ContractJson;
  readonly version: number;
  readonly migration: string | null;
}

export interface ContractChange {
  readonly dataset: string;
  /** Column, nested field path (`address.zip`), rule id or contract key. */
  readonly field: string;
  readonly change: string;
  readonly compatibility: Compatibility;
}

const compatible = (dataset: string, field: string, change: string): ContractChange => ({
  dataset,
  field,
  change,
  compatibility: "compatible",
});
const breaking = (dataset: string, field: string, change: string): ContractChange => ({
  dataset,
  field,
  change,
  compatibility: "breaking",
});

/** Each type that values of a type can be read as without loss (int -> bigint, float -> double). */
const WIDER: Readonly<Record<string, readonly string[]>> = {
  byte: ["short", "integer", "long"],
  short: ["integer", "long"],
  integer: ["long"],
  float: ["double"],
};

const typeLabel = (t: SparkDataType): string => (typeof t === "string" ? t : t.type);
const decimalOf = (t: string) => /^decimal\((\d+),(\d+)\)$/.exec(t);

/** The contract's table format: what a stored table can do at run time depends on it. */
type TableFormat = ContractJson["format"];

/**
 * A widening, as the table format can apply it to the table already stored: Parquet files are read with their
 * own types and cast, Iceberg changes the column's type in place; Delta 3.3 (Glue 5.0) changes no type in place
 * outside its preview type-widening table feature, which only byte/short/int take and which locks readers
 * without it out of the table, so there a widening means rewriting the table.
 */
function widened(dataset: string, path: string, change: string, format: TableFormat): ContractChange {
  return format === "delta"
    ? breaking(dataset, path, `${change} (Delta 3.3 cannot change a stored column's type: rewrite the table)`)
    : compatible(dataset, path, change);
}

/** The changes from one Spark type to another at `path`: widening is compatible, every other change breaking. */
function typeChanges(
  dataset: string,
  path: string,
  before: SparkDataType,
  after: SparkDataType,
  format: TableFormat,
): ContractChange[] {
  if (typeof before === "string" && typeof after === "string") {
    if (before === after) return [];
    if (WIDER[before]?.includes(after))
      return [widened(dataset, path, `type widened: ${before} -> ${after}`, format)];
    const [from, to] = [decimalOf(before), decimalOf(after)];
    if (from && to && from[2] === to[2] && Number(to[1]) > Number(from[1])) {
      return [widened(dataset, path, `decimal precision widened: ${before} -> ${after}`, format)];
    }
    return [breaking(dataset, path, `type changed: ${before} -> ${after}`)];
  }
  if (typeof before !== "string" && typeof after !== "string" && before.type === after.type) {
    if (before.type === "struct" && after.type === "struct") {
      return fieldChanges(dataset, `${path}.`, before.fields, after.fields, "struct field", format);
    }
    if (before.type === "array" && after.type === "array") {
      return typeChanges(dataset, `${path}[]`, before.elementType, after.elementType, format);
    }
    if (before.type === "map" && after.type === "map") {
      return [
        ...typeChanges(dataset, `${path}{key}`, before.keyType, after.keyType, format),
        ...typeChanges(dataset, `${path}{value}`, before.valueType, after.valueType, format),
      ];
    }
  }
  return [breaking(dataset, path, `type changed: ${typeLabel(before)} -> ${typeLabel(after)}`)];
}

/**
 * The changes between two field lists (top-level columns or a struct's fields). A field removed while one of the
 * same type is added is reported as one rename.
 */
function fieldChanges(
  dataset: string,
  prefix: string,
  before: readonly SparkStructField[],
  after: readonly SparkStructField[],
  noun: "column" | "struct field",
  format: TableFormat,
): ContractChange[] {
  const afterByName = new Map(after.map((f) => [f.name, f]));
  const beforeByName = new Map(before.map((f) => [f.name, f]));
  const removed = before.filter((f) => !afterByName.has(f.name));
  const added = after.filter((f) => !beforeByName.has(f.name));
  const changes: ContractChange[] = [];
  const renamedTo = new Map<string, string>();
  if (removed.length === 1 && added.length === 1) {
    const [from, to] = [removed[0]!, added[0]!];
    if (JSON.stringify(from.type) === JSON.stringify(to.type)) renamedTo.set(from.name, to.name);
  }
  for (const f of removed) {
    const to = renamedTo.get(f.name);
    changes.push(
      to === undefined
        ? breaking(dataset, `${prefix}${f.name}`, `${noun} removed`)
        : breaking(dataset, `${prefix}${f.name}`, `${noun} renamed to ${to}`),
    );
  }
  for (const f of added) {
    if ([...renamedTo.values()].includes(f.name)) continue;
    changes.push(
      f.nullable
        ? compatible(dataset, `${prefix}${f.name}`, `new nullable ${noun}`)
        : breaking(dataset, `${prefix}${f.name}`, `new required ${noun} (existing rows have no value)`),
    );
  }
  for (const f of after) {
    const old = beforeByName.get(f.name);
    if (!old) continue;
    const path = `${prefix}${f.name}`;
    changes.push(...typeChanges(dataset, path, old.type, f.type, format));
    if (old.nullable && !f.nullable) changes.push(breaking(dataset, path, "nullable -> required"));
    if (!old.nullable && f.nullable) changes.push(compatible(dataset, path, "required -> nullable"));
  }
  return changes;
}

/** Whether the bounds of `after` accept every value `before` accepts (an unset bound accepts everything). */
function boundsRelaxed(before: RuleJson, after: RuleJson): boolean {
  const num = (r: RuleJson, k: string) => (typeof r[k] === "number" ? r[k] : undefined);
  const minOk = num(after, "min") === undefined || (num(before, "min") ?? -Infinity) >= num(after, "min")!;
  const maxOk = num(after, "max") === undefined || (num(before, "max") ?? Infinity) <= num(after, "max")!;
  return minOk && maxOk;
}

/** Whether every row `before` accepts, `after` accepts too; null when that cannot be told (a changed regex). */
function ruleRelaxed(before: RuleJson, after: RuleJson): boolean | null {
  switch (after.kind) {
    case "range":
    case "length":
    case "row_count":
      return boundsRelaxed(before, after);
    case "allowed": {
      const values = new Set(after["values"] as string[]);
      return (before["values"] as string[]).every((v) => values.has(v));
    }
    case "freshness":
      return (after["maxAgeHours"] as number) >= (before["maxAgeHours"] as number);
    default: {
      const { severity: _b, ...b } = before;
      const { severity: _a, ...a } = after;
      return JSON.stringify(a) === JSON.stringify(b) ? true : null;
    }
  }
}

function ruleChanges(
  dataset: string,
  before: readonly RuleJson[],
  after: readonly RuleJson[],
): ContractChange[] {
  const beforeById = new Map(before.map((r) => [r.id, r]));
  const afterById = new Map(after.map((r) => [r.id, r]));
  const changes: ContractChange[] = [];
  for (const r of before) {
    if (!afterById.has(r.id)) changes.push(compatible(dataset, r.id, "rule removed (relaxed)"));
  }
  for (const r of after) {
    const old = beforeById.get(r.id);
    if (!old) {
      changes.push(
        r.severity === "blocking"
          ? breaking(dataset, r.id, "new blocking rule (tightened: rows that passed may be quarantined)")
          : compatible(dataset, r.id, "new warning rule"),
      );
      continue;
    }
    if (JSON.stringify(old) === JSON.stringify(r)) continue;
    const relaxed = ruleRelaxed(old, r);
    const severityTightened = old.severity === "warning" && r.severity === "blocking";
    if (relaxed === null) changes.push(breaking(dataset, r.id, "rule changed (cannot tell it relaxes)"));
    else if (!relaxed || severityTightened) changes.push(breaking(dataset, r.id, "rule tightened"));
    else changes.push(compatible(dataset, r.id, "rule relaxed"));
  }
  return changes;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The business columns of a contract as Spark fields (the stored types, nested nullability included). */
function businessFields(json: ContractJson): SparkStructField[] {
  const names = new Set(json.columns.map((c) => c.name));
  return json.tableSchema.fields.filter((f) => names.has(f.name));
}

/** Every change from `before` to `after` of one dataset; undefined on a side means the dataset does not exist. */
export function classifyContractChanges(
  before: ContractSnapshot | undefined,
  after: ContractSnapshot | undefined,
): ContractChange[] {
  if (!before && !after) return [];
  if (!before) return [compatible(after!.json.name, "dataset", "new dataset")];
  if (!after) return [breaking(before.json.name, "dataset", "dataset removed")];
  const [b, a, name] = [before.json, after.json, after.json.name];
  const changes: ContractChange[] = [];
  const keyed: [keyof ContractJson, string][] = [
    ["layer", "layer changed"],
    ["format", "table format changed"],
    ["primaryKey", "primary key changed"],
    ["orderingColumn", "ordering column changed"],
    ["partitionKeys", "partitioning changed"],
  ];
  for (const [key, change] of keyed) {
    if (!same(b[key], a[key])) {
      changes.push(breaking(name, key, `${change}: ${JSON.stringify(b[key])} -> ${JSON.stringify(a[key])}`));
    }
  }
  if (!same(b.source?.kind, a.source?.kind) || !same(b.source?.format, a.source?.format)) {
    const show = (c: ContractJson) => (c.source ? `${c.source.kind}/${c.source.format}` : "none");
    changes.push(breaking(name, "source", `source changed: ${show(b)} -> ${show(a)}`));
  } else if (b.source && a.source && b.source.schedule !== a.source.schedule) {
    changes.push(
      compatible(name, "source.schedule", `schedule ${b.source.schedule} -> ${a.source.schedule}`),
    );
  }
  // A changed format is breaking by itself; the types are judged by what the stored table's format can do.
  changes.push(...fieldChanges(name, "", businessFields(b), businessFields(a), "column", b.format));
  for (const col of a.columns) {
    const old = b.columns.find((c) => c.name === col.name);
    if (!old || old.classification === col.classification) continue;
    // CLASSIFICATIONS runs from the most to the least restricted; a stricter class takes columns from readers.
    const stricter =
      CLASSIFICATIONS.indexOf(col.classification) < CLASSIFICATIONS.indexOf(old.classification);
    const change = `classification ${old.classification} -> ${col.classification}`;
    changes.push(
      stricter
        ? breaking(name, col.name, `${change} (readers may lose access)`)
        : compatible(name, col.name, change),
    );
  }
  changes.push(...ruleChanges(name, b.rules, a.rules));
  if (after.version < before.version) {
    changes.push(breaking(name, "version", `version went down: ${before.version} -> ${after.version}`));
  }
  return changes;
}

export interface DatasetCompat {
  readonly dataset: string;
  readonly changes: readonly ContractChange[];
  readonly breaking: boolean;
  /** A breaking change let through: the version was raised and the contract says how to migrate. */
  readonly migration: { readonly from: number; readonly to: number; readonly note: string } | null;
}

export interface CompatReport {
  readonly datasets: readonly DatasetCompat[];
  /** Whether some dataset breaks readers without a version bump and migration note: `make compat` fails. */
  readonly blocked: boolean;
}

/** Compares every dataset of two revisions, by name. */
export function compareContracts(
  before: readonly ContractSnapshot[],
  after: readonly ContractSnapshot[],
): CompatReport {
  const beforeByName = new Map(before.map((s) => [s.json.name, s]));
  const afterByName = new Map(after.map((s) => [s.json.name, s]));
  const names = [...new Set([...beforeByName.keys(), ...afterByName.keys()])].sort();
  const datasets = names.flatMap((dataset): DatasetCompat[] => {
    const [b, a] = [beforeByName.get(dataset), afterByName.get(dataset)];
    const changes = classifyContractChanges(b, a);
    if (changes.length === 0) return [];
    const isBreaking = changes.some((c) => c.compatibility === "breaking");
    const bumped = b && a && a.version > b.version && a.migration !== null;
    return [
      {
        dataset,
        changes,
        breaking: isBreaking,
        migration: isBreaking && bumped ? { from: b.version, to: a.version, note: a.migration } : null,
      },
    ];
  });
  return { datasets, blocked: datasets.some((d) => d.breaking && d.migration === null) };
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The report as Markdown for a pull request: one table row per change, and what a reviewer must do. */
export function renderCompatMarkdown(report: CompatReport, title: string): string {
  const lines = [`## ${title}`, ""];
  if (report.datasets.length === 0) return `${[...lines, "No contract changed."].join("\n")}\n`;
  lines.push("| dataset | field | change | compatibility |", "|---|---|---|---|");
  for (const d of report.datasets) {
    for (const c of d.changes) {
      const verdict =
        c.compatibility === "compatible"
          ? "compatible"
          : d.migration
            ? "**breaking** (migrated)"
            : "**breaking**";
      lines.push(`| ${d.dataset} | ${cell(c.field)} | ${cell(c.change)} | ${verdict} |`);
    }
  }
  lines.push("");
  for (const d of report.datasets) {
    if (d.migration) {
      lines.push(
        `- ${d.dataset}: version ${d.migration.from} -> ${d.migration.to}. Migration: ${cell(d.migration.note)}`,
      );
    } else if (d.breaking) {
      lines.push(
        `- ${d.dataset}: breaks readers. Keep the change compatible, or raise \`version\` and add a \`migration\` note to the contract.`,
      );
    }
  }
  lines.push(
    "",
    report.blocked
      ? "**Result: breaking changes without a migration.**"
      : "Result: no change breaks readers unannounced.",
  );
  return `${lines.join("\n")}\n`;
}
