// AWS DMS settings of a CDC source as pure data: the S3 target endpoint that lands the changes as Parquet in
// the contract's dms layout, the table mapping that selects the table and adds the commit-order column, and the
// serverless capacity, each checked against the DMS API ("S3Settings", "CreateReplicationConfig"
// ComputeConfig, "Using transformation rule expressions": `$AR_H_CHANGE_SEQ`).
import type { DatasetContract } from "@lake/schemas";

/** DMS capacity units a serverless replication accepts (ComputeConfig MinCapacityUnits / MaxCapacityUnits). */
export const DMS_CAPACITY_UNITS = [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384] as const;

/** Database engines the lake replicates from (DMS source endpoints that take Secrets Manager credentials). */
export const CDC_ENGINES = [
  "postgres",
  "aurora-postgresql",
  "mysql",
  "aurora",
  "mariadb",
  "oracle",
  "sqlserver",
] as const;
export type CdcEngine = (typeof CDC_ENGINES)[number];

/** TLS modes that encrypt the connection; `none` is not offered. */
export const CDC_SSL_MODES = ["require", "verify-ca", "verify-full"] as const;
export type CdcSslMode = (typeof CDC_SSL_MODES)[number];

export interface DmsCapacity {
  readonly min: number;
  readonly max: number;
}

/** The parts of a CDC contract DMS needs, or an error naming what is missing. */
export function cdcTableOf(contract: DatasetContract) {
  const source = contract.source;
  if (
    !source ||
    source.kind !== "cdc" ||
    source.layout !== "dms" ||
    !source.cdc ||
    !contract.orderingColumn
  ) {
    throw new Error(`dataset ${contract.name} is not a cdc source in the dms layout with an ordering column`);
  }
  return { source, cdc: source.cdc, orderingColumn: contract.orderingColumn };
}

/**
 * The S3 target settings (aws.dms.S3Endpoint arguments, without bucket, role and key) that write exactly what
 * the contract describes: Parquet under `<bucketFolder>/<schema>/<table>/` with `source=<name>` as the bucket
 * folder; change files in commit-date folders `YYYY/MM/DD/` (full-load files stay in the table folder, DMS does
 * not date them); the operation column in every record, full load included (IncludeOpForFullLoad, `I`);
 * inserts, updates and deletes (neither CdcInsertsOnly nor CdcInsertsAndUpdates); the commit timestamp in the
 * contract's ordering column, the task start for full-load rows, so every change sorts after the load.
 */
export function dmsS3TargetSettings(contract: DatasetContract) {
  const { source, orderingColumn } = cdcTableOf(contract);
  return {
    bucketFolder: source.bronzePrefix.replace(/\/$/, ""),
    dataFormat: "parquet",
    parquetVersion: "parquet-2-0",
    // Applies to .parquet files too (S3Settings CompressionType): GZIP-compressed pages.
    compressionType: "GZIP",
    includeOpForFullLoad: true,
    cdcInsertsOnly: false,
    cdcInsertsAndUpdates: false,
    timestampColumnName: orderingColumn,
    useTaskStartTimeForFullLoadTimestamp: true,
    datePartitionEnabled: true,
    datePartitionSequence: "YYYYMMDD",
    datePartitionDelimiter: "SLASH",
    // A change file at least every minute, or sooner at 32 MB (DMS's defaults, written out).
    cdcMaxBatchInterval: 60,
    cdcMinFileSize: 32_000,
    encryptionMode: "SSE_KMS",
  } as const;
}

/**
 * The table mapping: include exactly the contract's table, and add the commit-order column from the change
 * sequence header (a string: the commit timestamp and a counter; empty during the full load).
 */
export function dmsTableMappings(contract: DatasetContract): string {
  const { cdc } = cdcTableOf(contract);
  const locator = { "schema-name": cdc.schema, "table-name": cdc.table };
  return JSON.stringify({
    rules: [
      {
        "rule-type": "selection",
        "rule-id": "1",
        "rule-name": "include-table",
        "object-locator": locator,
        "rule-action": "include",
      },
      {
        "rule-type": "transformation",
        "rule-id": "2",
        "rule-name": "add-commit-order",
        "rule-target": "column",
        "object-locator": locator,
        "rule-action": "add-column",
        value: cdc.commitOrderColumn,
        expression: "$AR_H_CHANGE_SEQ",
        "data-type": { type: "string", length: 50 },
      },
    ],
  });
}

/**
 * Task settings: logging on (to CloudWatch, the replication's own log group), full-load then changes, and a
 * table that cannot be replicated stops the task rather than being skipped silently.
 */
export function dmsReplicationSettings(): string {
  return JSON.stringify({
    Logging: { EnableLogging: true },
    FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" },
    ErrorBehavior: { TableErrorPolicy: "STOP_TASK", DataErrorPolicy: "LOG_ERROR" },
  });
}

export function dmsCapacityProblems(capacity: DmsCapacity): string[] {
  const allowed = DMS_CAPACITY_UNITS as readonly number[];
  return [
    ...(!allowed.includes(capacity.min)
      ? [`capacity.min must be one of ${allowed.join(", ")}, got ${capacity.min}`]
      : []),
    ...(!allowed.includes(capacity.max)
      ? [`capacity.max must be one of ${allowed.join(", ")}, got ${capacity.max}`]
      : []),
    ...(capacity.min > capacity.max
      ? [`capacity.min ${capacity.min} is above capacity.max ${capacity.max}`]
      : []),
  ];
}
