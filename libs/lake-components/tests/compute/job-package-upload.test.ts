import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { buildJobPackage } from "../../src/compute/job-package.js";
import { jobPackageKey, uploadJobPackage } from "../../src/compute/job-package-upload.js";
import { resource, resolve, settled } from "../helpers.js";

const jobPackage = buildJobPackage([{ path: "lake_jobs/__init__.py", content: Buffer.from("") }]);
const hash = jobPackage.sha256.slice(0, 16);

describe("jobPackageKey", () => {
  it.each([
    ["artifacts/", `artifacts/packages/lake_jobs-${hash}.zip`],
    ["artifacts", `artifacts/packages/lake_jobs-${hash}.zip`],
    ["", `packages/lake_jobs-${hash}.zip`],
  ])("puts the package under %j as packages/lake_jobs-<hash>.zip", (prefix, key) => {
    expect(jobPackageKey(prefix, jobPackage)).toBe(key);
  });
});

describe("uploadJobPackage", async () => {
  const bucket = {
    bucketName: "lake-silver",
    bucketArn: "arn:aws:s3:::lake-silver",
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
  };
  const upload = uploadJobPackage("silver-job-package", {
    bucket,
    prefix: "artifacts/",
    jobPackage,
    tags: { layer: "silver" },
  });
  const [uri, key] = await Promise.all([resolve(upload.uri), resolve(pulumi.output(upload.location.key))]);
  await settled();

  it("uploads the zip's bytes once under its content hash", () => {
    const object = resource("aws:s3/bucketObjectv2:BucketObjectv2", "silver-job-package").inputs;
    expect(object).toEqual({
      bucket: "lake-silver",
      key: `artifacts/packages/lake_jobs-${hash}.zip`,
      contentBase64: jobPackage.zip.toString("base64"),
      contentType: "application/zip",
      tags: { layer: "silver" },
    });
    expect(uri).toBe(`s3://lake-silver/artifacts/packages/lake_jobs-${hash}.zip`);
  });

  it("gives SparkJob the bucket and the uploaded key", () => {
    expect(upload.location.bucket).toBe(bucket);
    expect(key).toBe(`artifacts/packages/lake_jobs-${hash}.zip`);
  });
});
