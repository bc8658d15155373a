// The registry every stack's naming test plans with: the seed's contracts plus a source whose name is as long as
// the contract validator accepts, so a name that only fits for short datasets fails a test, not `pulumi up`.
import {
  createRegistry,
  defineDataset,
  GLUE_NAME_MAX,
  type DatasetRegistry,
  type SourceDefinition,
  type SourceKind,
} from "@lake/schemas";
import { z } from "zod";

/** A valid dataset name of GLUE_NAME_MAX characters. */
export const LONGEST_DATASET_NAME = `support_tickets_from_helpdesk_api_${"x".repeat(GLUE_NAME_MAX - 34)}`;

/** The longest name of a source of `kind`: LONGEST_DATASET_NAME for files, as long and distinct for the others. */
export function longestDatasetName(kind: SourceKind): string {
  if (kind === "file") return LONGEST_DATASET_NAME;
  const start = `${kind}_source_of_the_longest_name_`;
  return `${start}${"x".repeat(GLUE_NAME_MAX - start.length)}`;
}

const SOURCES: Readonly<Record<SourceKind, Omit<SourceDefinition, "schedule">>> = {
  file: { kind: "file", format: "json" },
  stream: { kind: "stream", format: "json" },
  api: { kind: "api", format: "json" },
  cdc: { kind: "cdc", format: "parquet", cdc: { schema: "support", table: "tickets" } },
};

/**
 * `registry` with one more source per kind (a file source unless `kinds` says otherwise), each named
 * `longestDatasetName(kind)` and referencing a customer as the seed's do.
 */
export function withLongestDatasetName(
  registry: DatasetRegistry,
  kinds: readonly SourceKind[] = ["file"],
): DatasetRegistry {
  return createRegistry([...registry.all(), ...kinds.map(longestSource)]);
}

function longestSource(kind: SourceKind) {
  return defineDataset({
    name: longestDatasetName(kind),
    layer: "silver",
    domain: "support",
    description: "A source with the longest name a contract may have, for the naming tests of the stacks.",
    owner: "platform@example.com",
    // A cdc source's table is the replicated table's current state, which only Iceberg or Delta commit.
    ...(kind === "cdc" ? { format: "iceberg" as const } : {}),
    source: { ...SOURCES[kind], schedule: "cron(0 2 * * ? *)" },
    primaryKey: ["ticket_id"],
    orderingColumn: "updated_at",
    columns: z.object({
      ticket_id: z.string().meta({ description: "Ticket identifier." }),
      customer_id: z.string().meta({ description: "The customer of the ticket." }),
      updated_at: z.iso.datetime({ offset: true }).meta({ description: "When the ticket last changed." }),
    }),
    rules: [
      {
        kind: "references",
        column: "customer_id",
        dataset: "customers",
        datasetColumn: "customer_id",
        severity: "warning",
      },
    ],
  });
}
