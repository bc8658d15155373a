import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy } from "../policy.js";

export const athenaWorkgroupEnforceConfiguration = resourcePolicy({
  name: "athena-workgroup-enforce-configuration",
  description:
    "Athena workgroups enforce their configuration (enforceWorkgroupConfiguration, true by default), so a client cannot choose an unencrypted result location.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.athena.Workgroup, (workgroup, _args, report) => {
      if (workgroup.configuration?.enforceWorkgroupConfiguration === false) {
        report("lets clients override its settings (enforceWorkgroupConfiguration is false)");
      }
    }),
  ],
});

const KMS_RESULT_ENCRYPTION = ["SSE_KMS", "CSE_KMS"];

export const athenaWorkgroupEncryptedResults = resourcePolicy({
  name: "athena-workgroup-encrypted-results",
  description:
    "Athena workgroups encrypt query results with a KMS key: SSE_KMS or CSE_KMS with kmsKeyArn, or a KMS key for Athena managed query results.",
  enforcementLevel: "mandatory",
  // cdk-nag's AthenaWorkgroupEncryptedQueryResults checked this until it was retired in 2024.
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.athena.Workgroup, (workgroup, _args, report) => {
      const managed = workgroup.configuration?.managedQueryResultsConfiguration;
      if (managed?.enabled === true) {
        if (!managed.encryptionConfiguration?.kmsKey) {
          report("stores managed query results without a KMS key (encryptionConfiguration.kmsKey)");
        }
        return;
      }
      const encryption = workgroup.configuration?.resultConfiguration?.encryptionConfiguration;
      if (!encryption)
        report("does not encrypt query results (no resultConfiguration.encryptionConfiguration)");
      else if (!KMS_RESULT_ENCRYPTION.includes(encryption.encryptionOption ?? "")) {
        report(
          `encrypts query results with ${encryption.encryptionOption ?? "no option"}, not SSE_KMS or CSE_KMS`,
        );
      } else if (!encryption.kmsKeyArn)
        report(`encrypts query results with ${encryption.encryptionOption} but names no kmsKeyArn`);
    }),
  ],
});

export const athenaPolicies = [athenaWorkgroupEnforceConfiguration, athenaWorkgroupEncryptedResults];
