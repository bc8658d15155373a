import { describe, expect, it } from "vitest";
import { findWildcardGrants, POLICY_VERSION } from "../../src/iam/policy-document.js";
import { lakeKeyPolicyStatements } from "../../src/storage/key-policy.js";

const ctx = {
  partition: "aws",
  accountId: "123456789012",
  region: "eu-west-1",
  logGroupPrefixes: ["/aws-glue/"],
};

describe("lakeKeyPolicyStatements", () => {
  it("delegates to IAM in the account without granting kms:*", () => {
    const [account] = lakeKeyPolicyStatements(ctx);
    expect(account?.Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
    expect(account?.Action).not.toContain("kms:*");
    expect(account?.Action).toEqual(
      expect.arrayContaining(["kms:Put*", "kms:ScheduleKeyDeletion", "kms:Decrypt"]),
    );
  });

  it("lets the regional CloudWatch Logs service encrypt only the given log groups", () => {
    const logs = lakeKeyPolicyStatements(ctx)[1];
    expect(logs?.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs?.Condition).toEqual({
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws-glue/*"],
      },
    });
  });

  it("has no CloudWatch statement without log groups", () => {
    expect(lakeKeyPolicyStatements({ ...ctx, logGroupPrefixes: [] })).toHaveLength(1);
  });

  it.each([
    [true, ["kms:GenerateDataKey", "kms:Decrypt"]],
    [false, undefined],
  ])("lets S3 encrypt event notifications for the account's buckets: %s", (allowed, actions) => {
    const s3 = lakeKeyPolicyStatements({ ...ctx, s3EventNotifications: allowed }).find(
      (st) => st.Sid === "S3PublishesEncryptedEventNotifications",
    );
    expect(s3?.Action).toEqual(actions);
    if (allowed) {
      expect(s3?.Principal).toEqual({ Service: "s3.amazonaws.com" });
      expect(s3?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    }
  });

  it("passes the wildcard check", () => {
    const doc = { Version: POLICY_VERSION, Statement: lakeKeyPolicyStatements(ctx) as never };
    expect(findWildcardGrants(doc)).toEqual([]);
  });
});
