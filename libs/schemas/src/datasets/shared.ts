// Pieces the silver source contracts share, written once so they cannot drift apart.
import { z } from "zod";
import type { RuleDefinition } from "../types.js";

/** The ordering column of every silver source: when the source delivered the record. */
export const ingestionTimestamp = (deliveredBy: string) =>
  z.iso
    .datetime({ offset: true })
    .meta({ description: `When ${deliveredBy} delivered the record (UTC); the latest one wins.` });

/** customer_id must be a known customer. A warning, not blocking: a customer may land in a later batch. */
export const referencesCustomers: RuleDefinition = {
  kind: "references",
  column: "customer_id",
  dataset: "customers",
  datasetColumn: "customer_id",
  severity: "warning",
};
