import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy } from "../policy.js";

export const secretsManagerCustomerManagedKey = resourcePolicy({
  name: "secretsmanager-secret-customer-managed-key",
  description:
    "Secrets Manager secrets are encrypted with a customer managed KMS key (kmsKeyId), not the account's aws/secretsmanager key, so the key policy and IAM decide who can decrypt them.",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag W77", "SecretsManagerUsingKMSKey"],
  validateResource: [
    validateResourceOfType(aws.secretsmanager.Secret, (secret, _args, report) => {
      const key = secret.kmsKeyId;
      if (key === undefined || key === "" || /alias\/aws\/secretsmanager$/.test(key)) {
        report("is encrypted with the AWS managed key: set kmsKeyId to a customer managed key");
      }
    }),
  ],
});

export const secretsPolicies = [secretsManagerCustomerManagedKey];
