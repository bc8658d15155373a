import {
  athenaWorkgroupEncryptedResults,
  athenaWorkgroupEnforceConfiguration,
} from "../../src/rules/athena.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const workgroup = resource("aws:athena/workgroup:Workgroup", "analysts", {
  name: "lake-dev-analysts",
  configuration: {
    enforceWorkgroupConfiguration: true,
    resultConfiguration: {
      outputLocation: "s3://results/analysts/",
      encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: KEY },
    },
  },
});

describeRule({
  policy: athenaWorkgroupEnforceConfiguration,
  valid: workgroup,
  violations: [
    [
      "clients overriding the settings",
      set("configuration.enforceWorkgroupConfiguration", false),
      /enforceWorkgroupConfiguration is false/,
    ],
  ],
  accepted: [
    ["the default (enforced)", set("configuration.enforceWorkgroupConfiguration", undefined)],
    ["no configuration block", set("configuration", undefined)],
  ],
  unknown: set("configuration.enforceWorkgroupConfiguration", UNKNOWN),
});

const encryption = "configuration.resultConfiguration.encryptionConfiguration";

describeRule({
  policy: athenaWorkgroupEncryptedResults,
  valid: workgroup,
  violations: [
    ["results without encryption", set(encryption, undefined), /does not encrypt query results/],
    [
      "SSE_S3 results",
      set(`${encryption}.encryptionOption`, "SSE_S3"),
      /with SSE_S3, not SSE_KMS or CSE_KMS/,
    ],
    ["KMS without a key", set(`${encryption}.kmsKeyArn`, undefined), /with SSE_KMS but names no kmsKeyArn/],
    [
      "managed results without a key",
      set("configuration", { managedQueryResultsConfiguration: { enabled: true } }),
      /managed query results without a KMS key/,
    ],
  ],
  accepted: [
    ["CSE_KMS", set(`${encryption}.encryptionOption`, "CSE_KMS")],
    [
      "managed results with a key",
      set("configuration", {
        managedQueryResultsConfiguration: { enabled: true, encryptionConfiguration: { kmsKey: KEY } },
      }),
    ],
  ],
  unknown: set(`${encryption}.encryptionOption`, UNKNOWN),
});
