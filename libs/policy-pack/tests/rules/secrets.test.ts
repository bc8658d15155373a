import { secretsManagerCustomerManagedKey } from "../../src/rules/secrets.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const SECRET = "aws:secretsmanager/secret:Secret";

describeRule({
  policy: secretsManagerCustomerManagedKey,
  valid: resource(SECRET, "mask-key", {
    kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/lake",
    recoveryWindowInDays: 30,
  }),
  violations: [
    ["no key", set("kmsKeyId", undefined), /AWS managed key/],
    ["the AWS managed key by alias", set("kmsKeyId", "alias/aws/secretsmanager"), /AWS managed key/],
    [
      "the AWS managed key by alias ARN",
      set("kmsKeyId", "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager"),
      /AWS managed key/,
    ],
  ],
  accepted: [["a customer managed key by alias", set("kmsKeyId", "alias/lake-dev-lake")]],
  unknown: set("kmsKeyId", UNKNOWN),
});
