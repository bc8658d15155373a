import { kmsKeyPolicyNotPublic, kmsKeyRotation } from "../../src/rules/kms.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const KEY = "aws:kms/key:Key";

describeRule({
  policy: kmsKeyRotation,
  valid: resource(KEY, "key", { description: "lake", enableKeyRotation: true, deletionWindowInDays: 30 }),
  violations: [
    ["rotation off", set("enableKeyRotation", false), /enableKeyRotation unset or false/],
    ["rotation unset", set("enableKeyRotation", undefined), /enableKeyRotation unset or false/],
    [
      "an explicit symmetric spec without rotation",
      (k) => set("enableKeyRotation", false)(set("customerMasterKeySpec", "SYMMETRIC_DEFAULT")(k)),
      /enableKeyRotation/,
    ],
  ],
  accepted: [
    [
      "an asymmetric signing key",
      (k) =>
        set(
          "enableKeyRotation",
          false,
        )(set("customerMasterKeySpec", "RSA_2048")(set("keyUsage", "SIGN_VERIFY")(k))),
    ],
    [
      "an HMAC key",
      (k) =>
        set(
          "enableKeyRotation",
          false,
        )(set("customerMasterKeySpec", "HMAC_256")(set("keyUsage", "GENERATE_VERIFY_MAC")(k))),
    ],
    ["a key in an external key store", (k) => set("enableKeyRotation", false)(set("xksKeyId", "xks-1")(k))],
  ],
  unknown: set("enableKeyRotation", UNKNOWN),
});

const accountRoot = {
  Sid: "Account",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: ["kms:Decrypt", "kms:Encrypt"],
  Resource: "*",
};
const keyPolicy = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const viaService = {
  ...accountRoot,
  Principal: { AWS: "*" },
  Condition: {
    StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
  },
};

describeRule({
  policy: kmsKeyPolicyNotPublic,
  valid: resource(KEY, "key", { enableKeyRotation: true, policy: keyPolicy(accountRoot) }),
  violations: [
    ['principal "*"', set("policy", keyPolicy({ ...accountRoot, Principal: "*" })), /allows principal "\*"/],
    [
      'principal "*" conditioned only on the service',
      set(
        "policy",
        keyPolicy({
          ...viaService,
          Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
        }),
      ),
      /allows principal "\*"/,
    ],
    [
      "NotPrincipal",
      set(
        "policy",
        keyPolicy({ ...accountRoot, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } }),
      ),
      /NotPrincipal/,
    ],
    [
      "a policy that is not a document",
      set("policy", JSON.stringify({ Version: "2012-10-17" })),
      /has no Statement/,
    ],
  ],
  accepted: [
    [
      'principal "*" within the caller account (the AWS managed key pattern)',
      set("policy", keyPolicy(viaService)),
    ],
    ["no policy (the default key policy)", set("policy", undefined)],
  ],
  unknown: set("policy", UNKNOWN),
});

describeRule({
  policy: kmsKeyPolicyNotPublic,
  valid: resource("aws:kms/keyPolicy:KeyPolicy", "key-policy", {
    keyId: "k",
    policy: keyPolicy(accountRoot),
  }),
  violations: [
    ['principal "*"', set("policy", keyPolicy({ ...accountRoot, Principal: "*" })), /allows principal "\*"/],
  ],
  unknown: set("policy", UNKNOWN),
});
