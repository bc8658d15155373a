// Every rule of the pack, without the pack: importing this module starts nothing, so tests and the offline runner
// use it; only index.ts constructs the PolicyPack that `pulumi preview --policy-pack` talks to.
import type { LakePolicy } from "./policy.js";
import { athenaPolicies } from "./rules/athena.js";
import { dmsPolicies } from "./rules/dms.js";
import { gluePolicies } from "./rules/glue.js";
import { iamPolicies } from "./rules/iam.js";
import { kmsPolicies } from "./rules/kms.js";
import { lakeFormationPolicies } from "./rules/lakeformation.js";
import { lambdaPolicies } from "./rules/lambda.js";
import { mwaaPolicies } from "./rules/mwaa.js";
import { networkPolicies } from "./rules/network.js";
import { s3AccessPolicies } from "./rules/s3-access.js";
import { s3BucketPolicies } from "./rules/s3-buckets.js";
import { schedulerPolicies } from "./rules/scheduler.js";
import { secretsPolicies } from "./rules/secrets.js";
import { sqsPolicies } from "./rules/sqs.js";
import { streamingPolicies } from "./rules/streaming.js";

export const POLICY_PACK_NAME = "lake-security";

export const policies: readonly LakePolicy[] = [
  ...s3BucketPolicies,
  ...s3AccessPolicies,
  ...kmsPolicies,
  ...iamPolicies,
  ...gluePolicies,
  ...athenaPolicies,
  ...sqsPolicies,
  ...lambdaPolicies,
  ...streamingPolicies,
  ...dmsPolicies,
  ...mwaaPolicies,
  ...networkPolicies,
  ...lakeFormationPolicies,
  ...schedulerPolicies,
  ...secretsPolicies,
];

export type { LakePolicy, LakeResourcePolicy, LakeStackPolicy } from "./policy.js";
