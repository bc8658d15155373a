import { describe, expect, it } from "vitest";
import { createExternalSchemaSql } from "../../src/analytics/spectrum-sql.js";

describe("createExternalSchemaSql", () => {
  const args = {
    schemaName: "gold",
    glueDatabase: "lake_prod_gold",
    roleArn: "arn:aws:iam::123456789012:role/lake-prod-spectrum",
    region: "eu-west-1",
  };

  it("maps the Glue database to a Redshift schema with the Spectrum role", () => {
    expect(createExternalSchemaSql(args)).toBe(
      "CREATE EXTERNAL SCHEMA IF NOT EXISTS gold\n" +
        "FROM DATA CATALOG DATABASE 'lake_prod_gold'\n" +
        "IAM_ROLE 'arn:aws:iam::123456789012:role/lake-prod-spectrum'\n" +
        "REGION 'eu-west-1';",
    );
  });

  it.each([
    [{ schemaName: "Gold" }, 'schemaName "Gold"'],
    [{ glueDatabase: "a'b" }, 'glueDatabase "a\'b"'],
    [{ roleArn: "arn:aws:iam::123:user/x" }, "is not an IAM role ARN"],
  ])("rejects %j", (override, message) => {
    expect(() => createExternalSchemaSql({ ...args, ...override })).toThrow(message);
  });
});
