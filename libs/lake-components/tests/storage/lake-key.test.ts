import { describe, expect, it } from "vitest";
import { LakeKey } from "../../src/storage/lake-key.js";
import { MOCK_ACCOUNT as ACCOUNT, MOCK_REGION as REGION } from "@lake/pulumi-mocks";
import { policyOf, resource, settled, resolve } from "../helpers.js";

describe("LakeKey", async () => {
  const key = new LakeKey("lake", {
    aliasName: "lake-dev",
    deletionWindowInDays: 7,
    logGroupPrefixes: ["/aws-glue/"],
  });
  const keyArn = await resolve(key.keyArn);
  await settled();
  const inputs = resource("aws:kms/key:Key", "lake-key").inputs;

  it("rotates, with the given deletion window", () => {
    expect(keyArn).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/`));
    expect(inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 7 });
  });

  it("builds its policy from the deploying account and region", () => {
    const policy = policyOf(resource("aws:kms/key:Key", "lake-key"));
    expect(policy.Statement[0]?.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    expect(policy.Statement[1]?.Principal).toEqual({ Service: `logs.${REGION}.amazonaws.com` });
  });

  it("names the alias after the argument", () => {
    expect(resource("aws:kms/alias:Alias", "lake-alias").inputs.name).toBe("alias/lake-dev");
  });

  it.each([6, 31, 7.5])("rejects a deletion window of %s days", (days) => {
    expect(() => new LakeKey("bad", { deletionWindowInDays: days })).toThrow(
      /deletionWindowInDays must be a whole number from 7 to 30/,
    );
  });
});
