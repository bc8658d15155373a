import { z } from "zod";
import { defineDataset } from "../define.js";

export const quarantine = defineDataset({
  name: "quarantine",
  layer: "silver",
  domain: "platform",
  description:
    "Bronze records that bronze -> silver rejected, with every reason, so nothing is dropped silently. A rerun " +
    "of a dataset and day replaces that dataset's partition for the day.",
  owner: "platform-data@example.com",
  audit: "none",
  partitionKeys: ["dataset", "ingest_date"],
  columns: z.object({
    dataset: z.string().meta({ description: "The contract the record was meant for." }),
    run_id: z.string().meta({ description: "Id of the job run that rejected the record." }),
    reasons: z.array(z.string()).meta({
      description: "Reason codes, e.g. parse_error:amount, not_null:customer_id, malformed_record.",
    }),
    raw_record: z
      .string()
      .meta({ description: "The bronze record as text, unchanged.", classification: "confidential" }),
    source_file: z.string().meta({ description: "The bronze object the record came from." }),
    quarantined_at: z.iso
      .datetime({ offset: true })
      .meta({ description: "When the record was rejected (UTC)." }),
    ingest_date: z.iso.date().meta({ description: "The bronze day= partition the record came from." }),
  }),
  rules: [{ kind: "length", column: "raw_record", min: 1, severity: "warning" }],
});
