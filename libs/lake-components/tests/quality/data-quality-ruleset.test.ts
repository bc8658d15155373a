import { dqdlRuleset, registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { DataQualityRuleset } from "../../src/quality/data-quality-ruleset.js";
import { resource, settled, resolve } from "../helpers.js";

describe("DataQualityRuleset", async () => {
  const c = registry.get("customer_360");
  const rs = new DataQualityRuleset("c360-quality", { contract: c, databaseName: "gold" });
  const name = await resolve(rs.rulesetName);
  await settled();

  it("holds the contract's DQDL and targets the contract's table", () => {
    const inputs = resource("aws:glue/dataQualityRuleset:DataQualityRuleset", "c360-quality-ruleset").inputs;
    expect(inputs.ruleset).toBe(dqdlRuleset(c));
    expect(inputs.ruleset).toMatch(/^Rules = \[/);
    expect(inputs.targetTable).toEqual({ databaseName: "gold", tableName: "customer_360" });
    expect(name).toMatch(/^c360-quality-ruleset/);
    expect(rs.ruleset).toBe(dqdlRuleset(c));
  });

  it("targets another table name when given", async () => {
    const other = new DataQualityRuleset("renamed", {
      contract: c,
      databaseName: "gold",
      tableName: "customer_360_v2",
    });
    await resolve(other.rulesetName);
    await settled();
    expect(
      resource("aws:glue/dataQualityRuleset:DataQualityRuleset", "renamed-ruleset").inputs.targetTable,
    ).toEqual({
      databaseName: "gold",
      tableName: "customer_360_v2",
    });
  });
});
