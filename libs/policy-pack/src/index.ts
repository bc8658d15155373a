// The policy pack `pulumi preview --policy-pack libs/policy-pack` runs. Constructing PolicyPack starts the analyzer's
// gRPC server (and exits the process on a bad pack), so nothing but the Pulumi CLI should import this module.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./policies.js";

new PolicyPack(POLICY_PACK_NAME, {
  description:
    "Security rules of the medallion lake, the equivalents of cdk-nag's AwsSolutions pack and cfn_nag",
  policies: [...policies],
});
