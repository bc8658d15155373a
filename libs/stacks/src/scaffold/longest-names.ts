// The registry every stack's naming test plans with: the seed's contracts plus a source whose name is as long as
// the contract validator accepts, so a name that only fits for short datasets fails a test, not `pulumi up`.
import { createRegistry, defineDataset, GLUE_NAME_MAX, type DatasetRegistry } from "@lake/schemas";
import { z } from "zod";

/** A valid dataset name of GLUE_NAME_MAX characters. */
export const LONGEST_DATASET_NAME = `support_tickets_from_helpdesk_api_${"x".repeat(GLUE_NAME_MAX - 34)}`;

/** `registry` with one more source, named LONGEST_DATASET_NAME, that references a customer as the seed's do. */
export function withLongestDatasetName(registry: DatasetRegistry): DatasetRegistry {
  const longest = defineDataset({
    name: LONGEST_DATASET_NAME,
    layer: "silver",
    domain: "support",
    description: "A source with the longest name a contract may have, for the naming tests of the stacks.",
    owner: "platform@example.com",
    source: { kind: "file", format: "json", schedule: "cron(0 2 * * ? *)" },
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
  return createRegistry([...registry.all(), longest]);
}
