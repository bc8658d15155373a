// The plain model every generator works from. It is what a zod contract means once normalized: no zod in here,
// so generators are pure functions over data and the Python side can mirror it from contract.json.
import type { z } from "zod";

export const LAYERS = ["silver", "gold"] as const;
export type Layer = (typeof LAYERS)[number];

export const TABLE_FORMATS = ["parquet", "iceberg", "delta"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const AUDIT_KINDS = ["silver", "gold", "none"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const CLASSIFICATIONS = ["pii", "confidential", "public"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const STANDARDIZERS = ["email", "phone", "trim", "lower", "upper"] as const;
export type Standardize = (typeof STANDARDIZERS)[number];

export const MASKS = ["email", "phone", "hash", "redact"] as const;
export type Mask = (typeof MASKS)[number];

export const SOURCE_KINDS = ["file", "stream", "cdc", "api"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_FORMATS = ["json", "csv", "parquet", "avro"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/**
 * How a source's files are laid out in bronze. `hive`: `<bronzePrefix>year=YYYY/month=MM/day=DD/<file>`, what the
 * lake's own writers (files, Firehose, the API puller) produce. `dms`: what AWS DMS writes to S3 and cannot be
 * made to write otherwise, `<bronzePrefix><schema>/<table>/` with full-load files (`LOAD00000001.parquet`) in that
 * folder and change files under `YYYY/MM/DD/` (the commit day).
 */
export const LANDING_LAYOUTS = ["hive", "dms"] as const;
export type LandingLayout = (typeof LANDING_LAYOUTS)[number];

/** The column DMS writes the operation of each change into (S3 target, CDC files and, with IncludeOpForFullLoad, full-load files). */
export const DMS_OPERATION_COLUMN = "Op" as const;
/** The values DMS writes into the operation column. */
export const DMS_OPERATIONS = { insert: "I", update: "U", delete: "D" } as const;
/** The column the lake's DMS task adds with `$AR_H_CHANGE_SEQ` unless the contract names another. */
export const DEFAULT_COMMIT_ORDER_COLUMN = "cdc_change_seq";

export const SEVERITIES = ["blocking", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIMITIVE_KINDS = [
  "string",
  "int",
  "bigint",
  "smallint",
  "tinyint",
  "double",
  "float",
  "boolean",
  "date",
  "timestamp",
] as const;
export type PrimitiveKind = (typeof PRIMITIVE_KINDS)[number];

export type LakeType =
  | { readonly kind: PrimitiveKind }
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number }
  | { readonly kind: "array"; readonly element: LakeType }
  | { readonly kind: "map"; readonly key: LakeType; readonly value: LakeType }
  | { readonly kind: "struct"; readonly fields: readonly StructField[] };

/** A field of a struct (nested), or the common part of a top-level column. */
export interface StructField {
  readonly name: string;
  readonly type: LakeType;
  readonly nullable: boolean;
  /** null when the author wrote none (only allowed for nested fields). */
  readonly description: string | null;
  /**
   * What the author declared for the field. null on a nested field: it takes its struct's. (A struct field of a
   * struct, outside any array or map, may be classified on its own: `address.street` pii, `address.city` not.)
   */
  readonly classification: Classification | null;
  /** How the jobs standardize the field's text; string leaves only. */
  readonly standardize: Standardize | null;
  /** How a pii leaf is masked outside production; null for leaves that are not pii. */
  readonly mask: Mask | null;
}

/**
 * A value of a column the jobs handle on its own: the column itself, or for a struct column each field at the end
 * of a chain of structs (an array or a map is a leaf as a whole). Its classification is effective: its own, else
 * the nearest enclosing struct's, else the column's.
 */
export interface Leaf {
  /** Field names from the column down: `["address", "zip"]`, or `["email"]` for a plain column. */
  readonly path: readonly string[];
  readonly type: LakeType;
  readonly nullable: boolean;
  readonly classification: Classification;
  readonly standardize: Standardize | null;
  readonly mask: Mask | null;
}

/** A top-level column of the table, business or audit. */
export interface Column extends StructField {
  readonly description: string;
  /**
   * The classification of the column as a whole, as services that only know top-level columns see it (Lake
   * Formation column grants, LF-tags on columns): the most sensitive of its leaves, so a struct holding one pii
   * field is pii there. See `leaves` for each value's own.
   */
  readonly classification: Classification;
  /** The declared enum values, or null when the column is not an enum. */
  readonly enum: readonly string[] | null;
  /** Every leaf with its effective classification, standardizer and mask; one leaf for a non-struct column. */
  readonly leaves: readonly Leaf[];
}

/**
 * What identifies the change records of a CDC source: the table DMS replicates and the columns it adds to each
 * record (CONTRACT.md "CDC sources").
 */
export interface CdcSource {
  /** The source database schema: DMS's first folder below the bucket folder. */
  readonly schema: string;
  /** The source table: DMS's second folder. */
  readonly table: string;
  /** Always `Op`: the column DMS writes the operation into. */
  readonly operationColumn: typeof DMS_OPERATION_COLUMN;
  /** The values of the operation column. */
  readonly operations: typeof DMS_OPERATIONS;
  /**
   * A string column DMS fills with `$AR_H_CHANGE_SEQ`, a sequence that increases with commit order across the
   * task (a commit timestamp followed by a counter, compared as text); empty in full-load records, which precede
   * every change.
   */
  readonly commitOrderColumn: string;
}

export interface Source {
  readonly kind: SourceKind;
  readonly format: SourceFormat;
  /** EventBridge / Glue cron expression, `cron(m h dom mon dow y)`. */
  readonly schedule: string;
  /** `source=<dataset>/`: the folder of bronze the source owns (DMS's bucket folder for a `dms` layout). */
  readonly bronzePrefix: string;
  /** How the files below the prefix are laid out. */
  readonly layout: LandingLayout;
  /**
   * The folder of the raw table: `bronzePrefix` for `hive`, `<bronzePrefix><schema>/<table>/` for `dms`. The
   * crawler's target and the reader's root; the layout's day folders are below it.
   */
  readonly tablePrefix: string;
  /** For `cdc` sources, how their change records are identified; null otherwise. */
  readonly cdc: CdcSource | null;
}

interface RuleBase {
  /** `<dataset>.<column, columns joined by "+", or dataset>.<kind>`; unique within a dataset. */
  readonly id: string;
  readonly severity: Severity;
}
export interface NotNullRule extends RuleBase {
  readonly kind: "not_null";
  readonly column: string;
}
export interface RangeRule extends RuleBase {
  readonly kind: "range";
  readonly column: string;
  readonly min?: number;
  readonly max?: number;
}
export interface AllowedRule extends RuleBase {
  readonly kind: "allowed";
  readonly column: string;
  readonly values: readonly string[];
}
export interface RegexRule extends RuleBase {
  readonly kind: "regex";
  readonly column: string;
  readonly pattern: string;
}
export interface LengthRule extends RuleBase {
  readonly kind: "length";
  readonly column: string;
  readonly min?: number;
  readonly max?: number;
}
export interface UniqueRule extends RuleBase {
  readonly kind: "unique";
  readonly columns: readonly string[];
}
export interface FreshnessRule extends RuleBase {
  readonly kind: "freshness";
  readonly column: string;
  readonly maxAgeHours: number;
}
export interface RowCountRule extends RuleBase {
  readonly kind: "row_count";
  readonly min?: number;
  readonly max?: number;
}
export interface ReferencesRule extends RuleBase {
  readonly kind: "references";
  readonly column: string;
  readonly dataset: string;
  readonly datasetColumn: string;
}

/** How `compare` relates two columns of a row. */
export const COMPARISON_OPERATORS = ["<", "<=", ">", ">=", "=", "<>"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** `column <operator> other` on every row where both are present (`resolved_date >= created_date`). */
export interface CompareRule extends RuleBase {
  readonly kind: "compare";
  readonly column: string;
  readonly operator: ComparisonOperator;
  readonly other: string;
}
/** `column` is null exactly when `when` holds one of `values` (a resolution date exactly when not open). */
export interface NullWhenRule extends RuleBase {
  readonly kind: "null_when";
  readonly column: string;
  readonly when: string;
  readonly values: readonly string[];
}

export const DURATION_UNITS = ["seconds", "minutes", "hours", "days"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
/** How many seconds one unit is: how a duration rule converts the time between two timestamps. */
export const DURATION_UNIT_SECONDS: Readonly<Record<DurationUnit, number>> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
};
/** Within this many units, a duration column equals the time between its two timestamps. */
export const DURATION_TOLERANCE = 0.01;

/** `column` is the time from `from` to `to` in `unit` (within DURATION_TOLERANCE), where all three are present. */
export interface DurationRule extends RuleBase {
  readonly kind: "duration";
  readonly column: string;
  readonly from: string;
  readonly to: string;
  readonly unit: DurationUnit;
}
export type Rule =
  | NotNullRule
  | RangeRule
  | AllowedRule
  | RegexRule
  | LengthRule
  | UniqueRule
  | FreshnessRule
  | RowCountRule
  | ReferencesRule
  | CompareRule
  | NullWhenRule
  | DurationRule;
export type RuleKind = Rule["kind"];

type RuleOf<K extends RuleKind> = Extract<Rule, { readonly kind: K }>;
/** The keys a rule of kind K carries beyond `id`, `kind` and `severity`. */
type RuleOwnKeys<K extends RuleKind> = Exclude<keyof RuleOf<K>, "id" | "kind" | "severity">;
type OptionalKeys<T> = { [P in keyof T]-?: undefined extends T[P] ? P : never }[keyof T];

/**
 * How a rule kind is judged: a "row" rule on every row (bronze -> silver quarantines a row failing a blocking one)
 * and again over the table by the quality job; a "dataset" rule by the quality job only.
 */
export type RuleLevel = "row" | "dataset";

export interface RuleKindSpec<K extends RuleKind> {
  /** Keys always present, in the order contract.json writes them. */
  readonly required: readonly Exclude<RuleOwnKeys<K>, OptionalKeys<RuleOf<K>>>[];
  /** Keys left out of contract.json when unset. */
  readonly optional: readonly Extract<RuleOwnKeys<K>, OptionalKeys<RuleOf<K>>>[];
  readonly level: RuleLevel;
  /**
   * Keys contract.json adds for the jobs, rendered from the others: a cross-column rule's `violation`, the Spark
   * SQL condition of a row that breaks it, which Glue Data Quality (CustomSql) and the jobs both evaluate.
   */
  readonly derived: readonly "violation"[];
}

/** Every rule kind with the keys it carries in contract.json and how it is judged (CONTRACT.md "Rules"). */
export const RULE_KINDS = {
  not_null: { required: ["column"], optional: [], level: "row", derived: [] },
  range: { required: ["column"], optional: ["min", "max"], level: "row", derived: [] },
  allowed: { required: ["column", "values"], optional: [], level: "row", derived: [] },
  regex: { required: ["column", "pattern"], optional: [], level: "row", derived: [] },
  length: { required: ["column"], optional: ["min", "max"], level: "row", derived: [] },
  unique: { required: ["columns"], optional: [], level: "dataset", derived: [] },
  freshness: { required: ["column", "maxAgeHours"], optional: [], level: "dataset", derived: [] },
  row_count: { required: [], optional: ["min", "max"], level: "dataset", derived: [] },
  references: {
    required: ["column", "dataset", "datasetColumn"],
    optional: [],
    level: "dataset",
    derived: [],
  },
  compare: { required: ["column", "operator", "other"], optional: [], level: "row", derived: ["violation"] },
  null_when: { required: ["column", "when", "values"], optional: [], level: "row", derived: ["violation"] },
  duration: {
    required: ["column", "from", "to", "unit"],
    optional: [],
    level: "row",
    derived: ["violation"],
  },
} as const satisfies { readonly [K in RuleKind]: RuleKindSpec<K> };

// Compile-time completeness: a key added to a rule type but not to RULE_KINDS fails here.
type UnlistedRuleKeys = {
  [K in RuleKind]: Exclude<
    RuleOwnKeys<K>,
    (typeof RULE_KINDS)[K]["required"][number] | (typeof RULE_KINDS)[K]["optional"][number]
  >;
};
type AllNever<T extends { readonly [K in RuleKind]: never }> = T;
type _RuleKindsListEveryKey = AllNever<UnlistedRuleKeys>;

/** What a contract author writes for a rule: the id is derived, severity defaults to "blocking". */
export type RuleDefinition = Rule extends infer R
  ? R extends Rule
    ? Omit<R, "id" | "severity"> & { readonly severity?: Severity }
    : never
  : never;

/** What a CDC contract says about the replicated table; the DMS columns are derived. */
export interface CdcDefinition {
  readonly schema: string;
  readonly table: string;
  /** Defaults to `cdc_change_seq`. */
  readonly commitOrderColumn?: string;
}

export interface SourceDefinition {
  readonly kind: SourceKind;
  readonly format: SourceFormat;
  readonly schedule: string;
  /** Defaults to `dms` for `cdc` sources (the only layout DMS writes) and `hive` otherwise. */
  readonly layout?: LandingLayout;
  /** Required for `cdc` sources, absent otherwise. */
  readonly cdc?: CdcDefinition;
}

/** The input of `defineDataset`. */
export interface DatasetDefinition {
  /** Lowercase snake_case, at most 255 characters (the Glue table name). */
  readonly name: string;
  readonly layer: Layer;
  readonly domain: string;
  readonly description: string;
  readonly owner: string;
  /** Defaults to "parquet" in silver and "iceberg" in gold. */
  readonly format?: TableFormat;
  /** Which audit columns the platform adds. Defaults to the layer ("silver" or "gold"). */
  readonly audit?: AuditKind;
  /** Defaults to no key. */
  readonly primaryKey?: readonly string[];
  /** Latest wins on duplicate keys. Defaults to none. */
  readonly orderingColumn?: string;
  /** Defaults to ["lake_ingest_date"] when audit is "silver", otherwise none. */
  readonly partitionKeys?: readonly string[];
  /** Required for silver tables fed from outside (audit "silver"); absent otherwise. */
  readonly source?: SourceDefinition;
  /**
   * The silver datasets a gold table is built from, by name: required for gold tables (which never have a
   * source), absent otherwise. Its job reads exactly these, and the pipeline builds it after their quality checks.
   */
  readonly derivedFrom?: readonly string[];
  /** The business columns, in order. */
  readonly columns: z.ZodObject;
  readonly rules?: readonly RuleDefinition[];
  /**
   * The contract's version, a whole number from 1. Defaults to 1. `make compat` lets a change that breaks readers
   * through only when it raises the version and says, in `migration`, what readers must do.
   */
  readonly version?: number;
  /** Required when version is above 1: what the last breaking change means for readers and what they must do. */
  readonly migration?: string;
}

/** A validated contract. Everything a generator needs, already defaulted and normalized. */
export interface DatasetContract {
  readonly name: string;
  readonly layer: Layer;
  readonly domain: string;
  readonly description: string;
  readonly owner: string;
  readonly format: TableFormat;
  readonly audit: AuditKind;
  readonly primaryKey: readonly string[];
  readonly orderingColumn: string | null;
  readonly partitionKeys: readonly string[];
  readonly source: Source | null;
  /** The silver datasets a gold table is built from; [] for silver tables. */
  readonly derivedFrom: readonly string[];
  /** Business columns in declaration order. */
  readonly columns: readonly Column[];
  /** Audit columns added by the platform, after the business columns. */
  readonly auditColumns: readonly Column[];
  readonly rules: readonly Rule[];
  /** The zod object the author wrote, kept for `jsonSchema`. */
  readonly schema: z.ZodObject;
  readonly version: number;
  readonly migration: string | null;
}

export const AUDIT_PREFIX = "lake_";
