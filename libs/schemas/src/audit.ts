// The platform's audit columns, appended after the business columns of every stored table (CONTRACT.md).
import { columnLeaves } from "./classification.js";
import type { AuditKind, Column, LakeType } from "./types.js";

function auditColumn(name: string, type: LakeType, description: string): Column {
  const value = { type, nullable: false, classification: "public", standardize: null, mask: null } as const;
  return { name, ...value, description, enum: null, leaves: columnLeaves(name, value) };
}

const processedAt = auditColumn(
  "lake_processed_at",
  { kind: "timestamp" },
  "When the platform job wrote this row (UTC).",
);
const runId = auditColumn("lake_run_id", { kind: "string" }, "Id of the job run that wrote this row.");

const SILVER: readonly Column[] = [
  auditColumn(
    "lake_ingest_date",
    { kind: "date" },
    "The bronze day= partition the row was read from; reruns of a day replace exactly this partition. In a cdc " +
      "source's current state: the day of the row's last change, and a day older than the latest is refused.",
  ),
  processedAt,
  runId,
  auditColumn("lake_source_file", { kind: "string" }, "The bronze object the row was read from."),
  auditColumn(
    "lake_record_hash",
    { kind: "string" },
    "SHA-256 hex over the business columns, telling null from empty; breaks ties between duplicates.",
  ),
];

const GOLD: readonly Column[] = [processedAt, runId];

export function auditColumnsFor(kind: AuditKind): readonly Column[] {
  if (kind === "silver") return SILVER;
  if (kind === "gold") return GOLD;
  return [];
}
