import { z } from "zod";
import { defineDataset } from "../define.js";

const RULE_KINDS = [
  "not_null",
  "range",
  "allowed",
  "regex",
  "length",
  "unique",
  "freshness",
  "row_count",
  "references",
];

export const qualityResults = defineDataset({
  name: "quality_results",
  layer: "silver",
  domain: "platform",
  description:
    "One row per quality rule evaluated on a dataset for a run date. A rerun of a run date replaces that " +
    "dataset's results for the date.",
  owner: "platform-data@example.com",
  audit: "none",
  partitionKeys: ["dataset", "run_date"],
  columns: z.object({
    dataset: z.string().meta({ description: "The dataset the rule belongs to." }),
    rule_id: z.string().meta({ description: "Rule id from the contract, <dataset>.<subject>.<kind>." }),
    rule_kind: z.string().meta({ description: "Kind of the rule (not_null, range, allowed, ...)." }),
    column_name: z
      .string()
      .nullable()
      .meta({ description: "Column the rule checks; null for dataset-level rules." }),
    severity: z.string().meta({ description: "blocking or warning, as the contract says." }),
    outcome: z.enum(["pass", "fail", "error"]).meta({ description: "Result of the evaluation." }),
    metric: z
      .number()
      .nullable()
      .meta({ description: "Measured value (failing rows, row count, age in hours); null on error." }),
    threshold: z
      .string()
      .nullable()
      .meta({ description: "The bound the metric was compared with, as text." }),
    run_id: z.string().meta({ description: "Id of the quality run." }),
    evaluated_at: z.iso
      .datetime({ offset: true })
      .meta({ description: "When the rule was evaluated (UTC)." }),
    run_date: z.iso.date().meta({ description: "The run date the data was evaluated for." }),
  }),
  rules: [
    { kind: "allowed", column: "severity", values: ["blocking", "warning"], severity: "blocking" },
    { kind: "allowed", column: "rule_kind", values: RULE_KINDS, severity: "blocking" },
    { kind: "unique", columns: ["dataset", "rule_id", "run_date"], severity: "blocking" },
  ],
});
