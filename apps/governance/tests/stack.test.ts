import { registrations as registered, resolve, stackHarness } from "@lake/pulumi-mocks";
import { beforeAll, describe, expect, it } from "vitest";

const harness = stackHarness(new URL("..", import.meta.url));

describe("governance stack", () => {
  let stack: typeof import("../src/index.js");

  beforeAll(async () => {
    // Mocks and config must be in place before the program is imported, or its outputs never resolve.
    await harness.start("dev");
    stack = await import("../src/index.js");
  });

  it("creates the classification, layer and domain LF-tags from the contracts", async () => {
    expect(stack.lfTagKeys).toEqual({
      classification: "lake_classification",
      layer: "lake_layer",
      domain: "lake_domain",
    });
    const exported = await resolve(stack.lfTags);
    const tags = registered.filter((r) => r.type === "aws:lakeformation/lfTag:LfTag");
    expect(tags.map((t) => t.inputs["key"]).sort()).toEqual(exported.map((t) => t.key).sort());
    const byKey = Object.fromEntries(exported.map((t) => [t.key, t.values]));
    expect(byKey["lake_classification"]).toEqual(["confidential", "pii", "public"]);
    expect(byKey["lake_layer"]).toEqual(["bronze", "gold", "silver"]);
    expect(byKey["lake_domain"]).toEqual(
      expect.arrayContaining(["crm", "sales", "support", "digital", "analytics"]),
    );
  });
});
