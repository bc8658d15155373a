import { describe, expect, it } from "vitest";
import { z } from "zod";
import { columnClassification, columnLeaves, mostSensitive, piiLeafPaths } from "../src/classification.js";
import { defineDataset, registry, type Classification } from "../src/index.js";
import { d, silverDefinition } from "./helpers/definitions.js";

const text = { kind: "string" } as const;
const field = (
  name: string,
  classification: Classification | null,
  mask: "hash" | "redact" | null = null,
) => ({
  name,
  type: text,
  nullable: true,
  description: null,
  classification,
  standardize: null,
  mask,
});

describe("mostSensitive", () => {
  it.each([
    ["public", "pii", "pii"],
    ["confidential", "public", "confidential"],
    ["pii", "confidential", "pii"],
    ["public", "public", "public"],
  ] as const)("%s and %s: %s", (a, b, expected) => {
    expect(mostSensitive(a, b)).toBe(expected);
    expect(mostSensitive(b, a)).toBe(expected);
  });
});

describe("columnLeaves", () => {
  it("gives a plain column one leaf with the column's own classification and a default mask", () => {
    const leaves = columnLeaves("email", {
      type: text,
      nullable: false,
      classification: "pii",
      standardize: "email",
      mask: null,
    });
    expect(leaves).toEqual([
      {
        path: ["email"],
        type: text,
        nullable: false,
        classification: "pii",
        standardize: "email",
        mask: "hash",
      },
    ]);
    expect(columnClassification(leaves)).toBe("pii");
  });

  it("lets a struct's fields be classified on their own, the rest inheriting from the nearest struct", () => {
    const inner = { kind: "struct", fields: [field("line", null), field("zip", "pii", "redact")] } as const;
    const address = {
      type: {
        kind: "struct",
        fields: [field("city", null), { ...field("detail", "confidential"), type: inner }],
      },
      nullable: true,
      classification: null,
      standardize: null,
      mask: null,
    } as const;
    const leaves = columnLeaves("address", address);
    expect(leaves.map((l) => [l.path.join("."), l.classification, l.mask])).toEqual([
      ["address.city", "public", null],
      ["address.detail.line", "confidential", null],
      ["address.detail.zip", "pii", "redact"],
    ]);
    // Services that only know columns treat the whole struct as its most sensitive leaf.
    expect(columnClassification(leaves)).toBe("pii");
    expect(piiLeafPaths(leaves)).toEqual(["address.detail.zip"]);
  });

  it("classifies every field of a struct declared pii as a whole", () => {
    const leaves = columnLeaves("address", {
      type: {
        kind: "struct",
        fields: [field("city", null), { ...field("geo", null), type: { kind: "double" } }],
      },
      nullable: true,
      classification: "pii",
      standardize: null,
      mask: null,
    });
    expect(leaves.map((l) => [l.path.join("."), l.classification, l.mask])).toEqual([
      ["address.city", "pii", "hash"],
      ["address.geo", "pii", "redact"],
    ]);
  });
});

describe("the seed's customers", () => {
  it("mask street and zip, and keep city, state and country", () => {
    const address = registry.get("customers").columns.find((c) => c.name === "address");
    expect(address?.classification).toBe("pii");
    expect(piiLeafPaths(address?.leaves ?? [])).toEqual(["address.street", "address.zip"]);
    expect(address?.leaves.find((l) => l.path.at(-1) === "country")?.classification).toBe("public");
  });

  it("count a struct with only public fields as public", () => {
    const c = defineDataset(
      silverDefinition({
        columns: z.object({
          order_id: z.string().meta(d("x")),
          updated_at: z.iso.datetime({ offset: true }).meta(d("x")),
          place: z.object({ city: z.string(), country: z.string() }).meta(d("x")),
        }),
      }),
    );
    expect(c.columns.find((col) => col.name === "place")?.classification).toBe("public");
  });
});
