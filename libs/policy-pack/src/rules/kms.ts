import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { publicGrants, reportDocumentProblems } from "../documents.js";
import { resourcePolicy } from "../policy.js";

export const kmsKeyRotation = resourcePolicy({
  name: "kms-key-rotation",
  description:
    "Symmetric encryption keys (keySpec SYMMETRIC_DEFAULT, usage ENCRYPT_DECRYPT) in AWS KMS key material have automatic rotation on; KMS cannot rotate asymmetric, HMAC, imported or external-store keys.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-KMS5", "cfn_nag F19", "KMSBackingKeyRotationEnabled"],
  validateResource: [
    validateResourceOfType(aws.kms.Key, (key, args, report) => {
      const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
      const usage = key.keyUsage ?? "ENCRYPT_DECRYPT";
      if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") {
        args.notApplicable(`a ${spec} key for ${usage} cannot rotate automatically`);
      }
      if (key.customKeyStoreId !== undefined || key.xksKeyId !== undefined) {
        args.notApplicable("keys in a custom key store cannot rotate automatically");
      }
      if (key.enableKeyRotation !== true) report("has enableKeyRotation unset or false");
    }),
  ],
});

/** KMS's own key for "every principal of this account" grants in key policies (as AWS managed keys use it). */
const KMS_ACCOUNT_KEYS = ["kms:CallerAccount"];

export const kmsKeyPolicyNotPublic = resourcePolicy({
  name: "kms-key-policy-not-public",
  description:
    'No key policy allows principal "*" (or uses NotPrincipal) unless a condition fixes the caller account or source (kms:CallerAccount, aws:PrincipalAccount, aws:SourceArn, ...).',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F76"],
  validateResource: [
    validateResourceOfType(aws.kms.Key, (key, _args, report) => {
      reportDocumentProblems(key.policy, "the key policy", report, (doc) =>
        publicGrants(doc, KMS_ACCOUNT_KEYS),
      );
    }),
    validateResourceOfType(aws.kms.KeyPolicy, (policy, _args, report) => {
      reportDocumentProblems(policy.policy, "the key policy", report, (doc) =>
        publicGrants(doc, KMS_ACCOUNT_KEYS),
      );
    }),
  ],
});

export const kmsPolicies = [kmsKeyRotation, kmsKeyPolicyNotPublic];
