import {
  RULE_KINDS,
  type AuditKind,
  type Classification,
  type Column,
  type DatasetContract,
  type Mask,
  type Rule,
  type Source,
  type Standardize,
} from "../types.js";
import { crossColumnViolation } from "./dqdl.js";
import { hiveType } from "./hive-type.js";
import { sparkSchema, type SparkStructType } from "./spark.js";

/** 2: columns carry their leaves (per-field classification, standardizer and mask). */
export const CONTRACT_VERSION = 2;

/** A leaf of a column (CONTRACT.md "Classification"): the column itself, or a field at the end of its structs. */
export interface ContractLeafJson {
  readonly path: readonly string[];
  readonly type: string;
  readonly nullable: boolean;
  readonly classification: Classification;
  readonly standardize: Standardize | null;
  readonly mask: Mask | null;
}

export interface ContractColumnJson {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly description: string;
  readonly classification: Classification;
  readonly enum: readonly string[] | null;
  readonly standardize: Standardize | null;
  readonly mask: Mask | null;
  readonly leaves: readonly ContractLeafJson[];
}

export type RuleJson = {
  readonly id: string;
  readonly kind: Rule["kind"];
  readonly severity: Rule["severity"];
} & Record<string, unknown>;

/** The `contract.json` the Python jobs read; see CONTRACT.md. */
export interface ContractJson {
  readonly contractVersion: number;
  readonly name: string;
  readonly layer: DatasetContract["layer"];
  readonly domain: string;
  readonly description: string;
  readonly owner: string;
  readonly format: DatasetContract["format"];
  readonly primaryKey: readonly string[];
  readonly orderingColumn: string | null;
  readonly partitionKeys: readonly string[];
  readonly audit: AuditKind;
  readonly source: Source | null;
  /** The silver datasets a gold table is built from; [] for silver tables (CONTRACT.md). */
  readonly derivedFrom: readonly string[];
  readonly columns: readonly ContractColumnJson[];
  readonly auditColumns: readonly ContractColumnJson[];
  readonly sourceSchema: SparkStructType;
  readonly tableSchema: SparkStructType;
  readonly rules: readonly RuleJson[];
}

function columnJson(c: Column): ContractColumnJson {
  return {
    name: c.name,
    type: hiveType(c.type),
    nullable: c.nullable,
    description: c.description,
    classification: c.classification,
    enum: c.enum ? [...c.enum] : null,
    standardize: c.standardize,
    mask: c.mask,
    leaves: c.leaves.map((l) => ({
      path: [...l.path],
      type: hiveType(l.type),
      nullable: l.nullable,
      classification: l.classification,
      standardize: l.standardize,
      mask: l.mask,
    })),
  };
}

/** The keys of the rule's kind in RULE_KINDS order (CONTRACT.md); optional bounds are left out when unset. */
function ruleJson(rule: Rule): RuleJson {
  const spec: { readonly required: readonly string[]; readonly optional: readonly string[] } =
    RULE_KINDS[rule.kind];
  const fields = rule as unknown as Readonly<Record<string, unknown>>;
  const keys = [...spec.required, ...spec.optional.filter((key) => fields[key] !== undefined)];
  const own = keys.map((key) => {
    const value = fields[key];
    return [key, Array.isArray(value) ? [...(value as readonly unknown[])] : value] as const;
  });
  const derived =
    rule.kind === "compare" || rule.kind === "null_when" || rule.kind === "duration"
      ? { violation: crossColumnViolation(rule) }
      : {};
  return { id: rule.id, kind: rule.kind, severity: rule.severity, ...Object.fromEntries(own), ...derived };
}

export function contractJson(c: DatasetContract): ContractJson {
  return {
    contractVersion: CONTRACT_VERSION,
    name: c.name,
    layer: c.layer,
    domain: c.domain,
    description: c.description,
    owner: c.owner,
    format: c.format,
    primaryKey: [...c.primaryKey],
    orderingColumn: c.orderingColumn,
    partitionKeys: [...c.partitionKeys],
    audit: c.audit,
    source: c.source && {
      kind: c.source.kind,
      format: c.source.format,
      schedule: c.source.schedule,
      bronzePrefix: c.source.bronzePrefix,
      layout: c.source.layout,
      tablePrefix: c.source.tablePrefix,
      cdc: c.source.cdc && {
        schema: c.source.cdc.schema,
        table: c.source.cdc.table,
        operationColumn: c.source.cdc.operationColumn,
        operations: { ...c.source.cdc.operations },
        commitOrderColumn: c.source.cdc.commitOrderColumn,
      },
    },
    derivedFrom: [...c.derivedFrom],
    columns: c.columns.map(columnJson),
    auditColumns: c.auditColumns.map(columnJson),
    sourceSchema: sparkSchema(c, "source"),
    tableSchema: sparkSchema(c, "table"),
    rules: c.rules.map(ruleJson),
  };
}
