// A small valid silver source contract, and a gold one, for tests to break one property at a time.
import { z } from "zod";
import type { DatasetDefinition } from "../../src/index.js";

export const d = (description: string) => ({ description });

export function orderColumns() {
  return {
    order_id: z.string().meta(d("Order id.")),
    customer_id: z.string().meta(d("Buyer.")),
    email: z.string().nullable().meta({ description: "Buyer email.", classification: "pii" }),
    amount: z.number().meta(d("Amount paid.")),
    note: z.string().nullable().meta(d("Free text.")),
    updated_at: z.iso.datetime({ offset: true }).meta(d("Last change.")),
  };
}

export function silverDefinition(
  overrides: Partial<Record<keyof DatasetDefinition, unknown>> = {},
): DatasetDefinition {
  return {
    name: "orders",
    layer: "silver",
    domain: "sales",
    description: "One row per order.",
    owner: "sales-data@example.com",
    source: { kind: "file", format: "json", schedule: "cron(0 2 * * ? *)" },
    primaryKey: ["order_id"],
    orderingColumn: "updated_at",
    columns: z.object(orderColumns()),
    ...overrides,
  } as DatasetDefinition;
}

export function goldDefinition(
  overrides: Partial<Record<keyof DatasetDefinition, unknown>> = {},
): DatasetDefinition {
  return {
    name: "order_summary",
    layer: "gold",
    domain: "analytics",
    description: "One row per customer and day.",
    owner: "analytics@example.com",
    derivedFrom: ["orders"],
    primaryKey: ["customer_id", "day"],
    partitionKeys: ["day"],
    columns: z.object({
      customer_id: z.string().meta(d("Customer.")),
      day: z.iso.date().meta(d("Snapshot day.")),
      total: z.number().meta(d("Sum of amounts.")),
    }),
    ...overrides,
  } as DatasetDefinition;
}

/** Runs `fn`, expecting a ContractError; returns it (fails the test otherwise). */
export function contractErrorOf(fn: () => unknown): import("../../src/index.js").ContractError {
  try {
    fn();
  } catch (error) {
    if ((error as Error).name === "ContractError") return error as import("../../src/index.js").ContractError;
    throw new Error(`expected a ContractError, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
  }
  throw new Error("expected a ContractError, but nothing was thrown");
}
