import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  dmsCapacityProblems,
  dmsReplicationSettings,
  dmsS3TargetSettings,
  dmsTableMappings,
} from "../../src/ingest/dms-settings.js";

const transactions = registry.get("transactions");

describe("DMS settings of a cdc source", () => {
  it("write Parquet change records into the contract's dms layout, with the operation and commit timestamp", () => {
    expect(dmsS3TargetSettings(transactions)).toEqual({
      bucketFolder: "source=transactions",
      dataFormat: "parquet",
      parquetVersion: "parquet-2-0",
      compressionType: "GZIP",
      includeOpForFullLoad: true,
      cdcInsertsOnly: false,
      cdcInsertsAndUpdates: false,
      timestampColumnName: "ingestion_timestamp",
      useTaskStartTimeForFullLoadTimestamp: true,
      datePartitionEnabled: true,
      datePartitionSequence: "YYYYMMDD",
      datePartitionDelimiter: "SLASH",
      cdcMaxBatchInterval: 60,
      cdcMinFileSize: 32_000,
      encryptionMode: "SSE_KMS",
    });
    // <bucketFolder>/<schema>/<table>/ is exactly the contract's table folder.
    const { bucketFolder } = dmsS3TargetSettings(transactions);
    expect(`${bucketFolder}/sales/transactions/`).toBe(transactions.source?.tablePrefix);
  });

  it("select exactly the contract's table and add its commit-order column from the change sequence", () => {
    const mappings = JSON.parse(dmsTableMappings(transactions)) as { rules: Record<string, unknown>[] };
    expect(mappings.rules).toEqual([
      {
        "rule-type": "selection",
        "rule-id": "1",
        "rule-name": "include-table",
        "object-locator": { "schema-name": "sales", "table-name": "transactions" },
        "rule-action": "include",
      },
      {
        "rule-type": "transformation",
        "rule-id": "2",
        "rule-name": "add-commit-order",
        "rule-target": "column",
        "object-locator": { "schema-name": "sales", "table-name": "transactions" },
        "rule-action": "add-column",
        value: "cdc_change_seq",
        expression: "$AR_H_CHANGE_SEQ",
        "data-type": { type: "string", length: 50 },
      },
    ]);
  });

  it("keep target files on a restart and stop on a table error", () => {
    expect(JSON.parse(dmsReplicationSettings())).toMatchObject({
      FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" },
      ErrorBehavior: { TableErrorPolicy: "STOP_TASK" },
    });
  });

  it("refuse a contract that is not cdc", () => {
    expect(() => dmsS3TargetSettings(registry.get("customers"))).toThrow(/customers is not a cdc source/);
  });

  it.each([
    [{ min: 1, max: 4 }, []],
    [{ min: 384, max: 384 }, []],
    [{ min: 3, max: 4 }, ["capacity.min must be one of 1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384, got 3"]],
    [{ min: 8, max: 4 }, ["capacity.min 8 is above capacity.max 4"]],
    [
      { min: 1, max: 512 },
      ["capacity.max must be one of 1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384, got 512"],
    ],
  ])("capacity %j: %j", (capacity, problems) => {
    expect(dmsCapacityProblems(capacity)).toEqual(problems);
  });
});
