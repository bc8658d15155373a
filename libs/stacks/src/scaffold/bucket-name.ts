// The name of every bucket of the lake: bucket names are global, so the account and the region make them
// unique without a random suffix, and a reader can tell from the name alone which lake, layer and place it is.
import { NAME_LIMITS } from "@lake/lake-components";
import * as pulumi from "@pulumi/pulumi";

/** An AWS account id has 12 digits. */
const ACCOUNT_ID_LENGTH = 12;
const BUCKET_MAX = (NAME_LIMITS["aws:s3/bucket:Bucket"] as { max: number }).max;

/**
 * `<namePrefix>-<purpose>-<account>-<region>`, e.g. `lake-dev-bronze-123456789012-eu-west-1`. The length is
 * checked before anything is created: S3 refuses names over 63 characters, and only the account is unknown then
 * (it always has 12 digits).
 */
export function lakeBucketName(
  namePrefix: string,
  purpose: string,
  accountId: pulumi.Input<string>,
  region: string,
): pulumi.Output<string> {
  const length = `${namePrefix}-${purpose}--${region}`.length + ACCOUNT_ID_LENGTH;
  if (length > BUCKET_MAX) {
    throw new Error(
      `the ${purpose} bucket name "${namePrefix}-${purpose}-<account>-${region}" would have ${length} characters, ` +
        `over S3's ${BUCKET_MAX}: use a shorter namePrefix`,
    );
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(purpose)) {
    throw new Error(`bucket purpose "${purpose}" must be lowercase letters, digits and hyphens`);
  }
  return pulumi.interpolate`${namePrefix}-${purpose}-${accountId}-${region}`;
}
