import { dqdlRuleset, registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { DataQualityRuleset } from "../../src/quality/data-quality-ruleset.js";
import { resource, settled, resolve, statementsBySid } from "../helpers.js";

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

  it("gives an evaluation run a role Glue assumes, reading the table and its references only", async () => {
    const tickets = registry.get("support_tickets");
    const withRole = new DataQualityRuleset("tickets-dq", {
      contract: tickets,
      databaseName: "silver",
      evaluation: {
        databaseArn: "arn:aws:glue:eu-west-1:123456789012:database/silver",
        bucketArn: "arn:aws:s3:::silver",
        tablePrefixes: ["support_tickets/", "customers/"],
        referencedTables: ["customers"],
        kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/lake",
        accountId: "123456789012",
      },
    });
    await resolve(withRole.evaluationRole!.roleArn);
    await settled();
    const role = resource("aws:iam/role:Role", "tickets-dq-eval-role");
    expect(String(role.inputs["assumeRolePolicy"])).toContain("glue.amazonaws.com");
    const sids = statementsBySid(resource("aws:iam/rolePolicy:RolePolicy", "tickets-dq-eval-policy"));
    expect(sids["CatalogRead"]?.["Resource"]).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:catalog",
      "arn:aws:glue:eu-west-1:123456789012:database/silver",
      "arn:aws:glue:eu-west-1:123456789012:table/silver/support_tickets",
      "arn:aws:glue:eu-west-1:123456789012:table/silver/customers",
    ]);
    expect(sids["ReadTablesObjects"]?.["Resource"]).toEqual([
      "arn:aws:s3:::silver/support_tickets/*",
      "arn:aws:s3:::silver/customers/*",
    ]);
    expect(sids["PublishResults"]?.["Action"]).toEqual([
      "glue:GetDataQualityRuleset",
      "glue:PublishDataQuality",
    ]);
    expect(sids["Metrics"]?.["Condition"]).toEqual({
      StringEquals: { "cloudwatch:namespace": "Glue Data Quality" },
    });
    // Without `evaluation`, no role.
    expect(rs.evaluationRole).toBeUndefined();
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
