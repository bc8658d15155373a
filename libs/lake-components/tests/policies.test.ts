// Every policy document a whole small lake registers, checked with findWildcardGrants: no component may grant
// a wildcard action on a wildcard resource, whatever it is composed with.
import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  BucketQueueNotifications,
  DatasetTable,
  LakeBucket,
  LakeKey,
  LayerDatabase,
  SourceCrawler,
  SparkJob,
  type QueueNotificationTarget,
} from "../src/index.js";
import { registrations } from "@lake/pulumi-mocks";
import { policyDocumentsIn, wildcardGrantsIn } from "../src/iam/policy-document.js";
import { settled, resolve } from "./helpers.js";

describe("a whole lake under mocks", async () => {
  const key = new LakeKey("lake-key");
  const bronze = new LakeBucket("lake-bronze", { layer: "bronze", kmsKeyArn: key.keyArn });
  const silver = new LakeBucket("lake-silver", {
    layer: "silver",
    kmsKeyArn: key.keyArn,
    accessLogs: { bucketName: bronze.accessLogBucketName },
  });
  const bronzeDb = new LayerDatabase("lake-bronze-db", { layer: "bronze", bucketName: bronze.bucketName });
  const silverDb = new LayerDatabase("lake-silver-db", { layer: "silver", bucketName: silver.bucketName });
  const crawlers = registry.withSource().map(
    (contract) =>
      new SourceCrawler(`lake-${contract.name}`, {
        contract,
        database: { ...bronzeDb, layer: "bronze" },
        bucket: bronze,
      }),
  );
  new BucketQueueNotifications("lake-bronze-events", {
    bucketName: bronze.bucketName,
    targets: crawlers.map((c) => c.notification).filter((n): n is QueueNotificationTarget => n !== undefined),
  });
  for (const contract of registry.byLayer("silver")) {
    new DatasetTable(`lake-${contract.name}-table`, {
      contract,
      databaseName: silverDb.databaseName,
      location: silverDb.tableLocation(contract.name),
    });
  }
  const jobs = (["bronze_to_silver", "quality"] as const).map(
    (kind) =>
      new SparkJob(`lake-customers-${kind}`, {
        kind,
        contract: registry.get("customers"),
        script: { content: "main()\n", fileName: "main.py" },
        packageObject: { bucket: silver, key: "artifacts/packages/lake_jobs-0123456789abcdef.zip" },
        artifacts: { bucket: silver },
        input: { bucket: bronze },
        output: { bucket: silver },
        quarantine: { bucket: silver, prefix: "quarantine" },
        report: { bucket: silver, prefix: "reports" },
        env: "dev",
        catalog: { write: { databaseArn: silverDb.databaseArn } },
      }),
  );
  await Promise.all(jobs.map((j) => resolve(j.roleArn)));
  await settled();

  it("registers the policies of every kind of resource", () => {
    const types = new Set(
      registrations.filter((r) => policyDocumentsIn(r.inputs).length > 0).map((r) => r.type),
    );
    expect([...types].sort()).toEqual([
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:kms/key:Key",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:sqs/queuePolicy:QueuePolicy",
    ]);
  });

  it("grants no wildcard action on a wildcard resource anywhere", () => {
    expect(wildcardGrantsIn(registrations)).toEqual([]);
  });
});
