import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Account, region and partition of the provider a component deploys with. */
export interface AwsContext {
  readonly accountId: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
}

/**
 * Looks up the deploying account, region and partition, parented to `parent` so an explicit provider on the
 * component applies. Under Pulumi mocks these are the `aws:index/getCallerIdentity:getCallerIdentity`,
 * `aws:index/getRegion:getRegion` and `aws:index/getPartition:getPartition` calls.
 */
export function awsContext(parent: pulumi.Resource): AwsContext {
  const opts = { parent };
  return {
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    region: aws.getRegionOutput({}, opts).region,
    partition: aws.getPartitionOutput({}, opts).partition,
  };
}
