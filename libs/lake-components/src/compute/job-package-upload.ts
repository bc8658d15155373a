// The job package uploaded once per stack, for every SparkJob of it to read (`packageObject`), instead of one
// copy per job.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { s3Key } from "../naming.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import type { JobPackage } from "./job-package.js";
import type { UploadedObject } from "./spark-job-args.js";

/** `<prefix>packages/lake_jobs-<sha256[:16]>.zip`: a new package is a new key, never over the one a run uses. */
export function jobPackageKey(prefix: string, jobPackage: JobPackage): string {
  return s3Key(prefix, "packages", `lake_jobs-${jobPackage.sha256.slice(0, 16)}.zip`);
}

export interface JobPackageUploadArgs {
  readonly bucket: BucketRef;
  /** The stack's artifacts prefix, e.g. `artifacts/`. */
  readonly prefix: string;
  readonly jobPackage: JobPackage;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface UploadedJobPackage {
  readonly object: aws.s3.BucketObjectv2;
  /** For SparkJob's `packageObject`; its key is the object's output, so a job is created after the upload. */
  readonly location: UploadedObject;
  /** `s3://<bucket>/<key>`. */
  readonly uri: pulumi.Output<string>;
}

/**
 * Uploads the package as `name`. Give `opts` no `protect`: the object is content-addressed and replaced with
 * each new package, so it must stay deletable even in a protected stack.
 */
export function uploadJobPackage(
  name: string,
  args: JobPackageUploadArgs,
  opts?: pulumi.CustomResourceOptions,
): UploadedJobPackage {
  const object = new aws.s3.BucketObjectv2(
    name,
    {
      bucket: args.bucket.bucketName,
      key: jobPackageKey(args.prefix, args.jobPackage),
      contentBase64: args.jobPackage.zip.toString("base64"),
      contentType: "application/zip",
      tags: args.tags,
    },
    opts,
  );
  return {
    object,
    location: { bucket: args.bucket, key: object.key },
    uri: pulumi.interpolate`s3://${args.bucket.bucketName}/${object.key}`,
  };
}
