import { registrations, resolve } from "@lake/pulumi-mocks";
import { registry } from "@lake/schemas";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  dataProtection,
  dataProtectionProblems,
  lakeBucketName,
  layerStorage,
  LONGEST_DATASET_NAME,
  longestDatasetName,
  perDataset,
  withLongestDatasetName,
  type ProtectedResource,
} from "../../src/index.js";

describe("lakeBucketName", () => {
  it("names a bucket after the prefix, purpose, account and region", async () => {
    expect(await resolve(lakeBucketName("lake-dev", "bronze", "123456789012", "eu-west-1"))).toBe(
      "lake-dev-bronze-123456789012-eu-west-1",
    );
  });

  it("refuses a name S3 would refuse, before anything is created", () => {
    // The config's namePrefix (at most 20 characters) always fits; a longer one given by code does not.
    expect(() =>
      lakeBucketName("lake-production-europe-01", "athena-results", "123456789012", "ap-southeast-2"),
    ).toThrow(
      'the athena-results bucket name "lake-production-europe-01-athena-results-<account>-ap-southeast-2" would have 68 characters, over S3\'s 63',
    );
    expect(() => lakeBucketName("lake-dev", "Gold", "1", "eu-west-1")).toThrow("lowercase letters");
  });
});

describe("dataProtection", () => {
  it.each([
    [true, { options: { protect: true }, args: { retainOnDelete: true, forceDestroy: false } }],
    [false, { options: { protect: false }, args: { retainOnDelete: false, forceDestroy: true } }],
  ])("protectData %s", (protectData, expected) => {
    expect(dataProtection(protectData)).toEqual(expected);
  });
});

describe("dataProtectionProblems", () => {
  const r = (type: string, name: string, protect: boolean): ProtectedResource => ({ type, name, protect });
  const db = r("aws:glue/catalogDatabase:CatalogDatabase", "db", true);
  const table = r("aws:glue/catalogTable:CatalogTable", "orders", true);
  const job = r("aws:glue/job:Job", "b2s", false);
  const JOBS = ["aws:glue/job:Job"];

  it.each([
    ["a protected catalog and replaceable jobs", [db, table, job], []],
    [
      "an unprotected table",
      [db, { ...table, protect: false }, job],
      ["aws:glue/catalogTable:CatalogTable orders holds data, but is not protected"],
    ],
    [
      "a protected job",
      [db, table, { ...job, protect: true }],
      ["aws:glue/job:Job b2s is protected, but replaceable"],
    ],
    ["no job at all", [db, table], ["no resource of the replaceable types aws:glue/job:Job"]],
    ["no catalog at all", [job], ["no Glue database or table"]],
  ])("%s", (_, resources, expected) => {
    expect(dataProtectionProblems(resources, JOBS)).toEqual(expected);
  });
});

describe("perDataset", () => {
  const sources = registry.withSource();
  const jobs = perDataset(sources, (c) => ({ jobName: pulumi.output(`b2s-${c.name}`) }));

  it("keeps what was created per dataset by name, in creation order", () => {
    expect(jobs.names()).toEqual(sources.map((c) => c.name));
    expect(jobs.get("customers")).toBe(jobs.values()[sources.findIndex((c) => c.name === "customers")]);
  });

  it("names the dataset it has no entry for", () => {
    expect(() => jobs.get("no_such_dataset")).toThrow(
      /no entry for dataset no_such_dataset; the stack has: customers/,
    );
  });

  it("gives one record of an output per dataset", async () => {
    expect(await resolve(jobs.record((j) => j.jobName))).toEqual(
      Object.fromEntries(sources.map((c) => [c.name, `b2s-${c.name}`])),
    );
  });
});

describe("withLongestDatasetName", () => {
  it("adds a valid source whose name is the longest a Glue table may have", () => {
    const extended = withLongestDatasetName(registry);
    expect(LONGEST_DATASET_NAME).toHaveLength(255);
    expect(extended.get(LONGEST_DATASET_NAME).source?.bronzePrefix).toBe(`source=${LONGEST_DATASET_NAME}/`);
    expect(extended.all()).toHaveLength(registry.all().length + 1);
  });

  it("adds one such source per kind when asked, each named as long and differently", () => {
    const kinds = ["file", "stream", "cdc", "api"] as const;
    const extended = withLongestDatasetName(registry, kinds);
    expect(extended.all()).toHaveLength(registry.all().length + 4);
    for (const kind of kinds) {
      const contract = extended.get(longestDatasetName(kind));
      expect(contract.name).toHaveLength(255);
      expect(contract.source?.kind).toBe(kind);
    }
    expect(extended.get(longestDatasetName("cdc")).source?.layout).toBe("dms");
  });
});

describe("layerStorage", () => {
  it("makes the layer's bucket and database, named after prefix and layer, protected as asked", async () => {
    const { bucket, database } = layerStorage({
      namePrefix: "lake-prod",
      layer: "gold",
      databaseName: "gold_tables",
      accountId: "123456789012",
      region: "eu-west-1",
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
      accessLogs: { bucketName: "logs" },
      description: "Business-ready tables",
      protection: dataProtection(true),
      tags: { layer: "gold" },
    });
    expect(await resolve(bucket.bucketName)).toBe("lake-prod-gold-123456789012-eu-west-1");
    expect(await resolve(database.databaseName)).toBe("gold_tables");
    await new Promise((r) => setTimeout(r, 50));
    const registered = registrations.filter((r) => r.name.startsWith("lake-prod-gold"));
    const bucketResource = registered.find((r) => r.type === "aws:s3/bucket:Bucket");
    expect(bucketResource).toMatchObject({
      protect: true,
      retainOnDelete: true,
      inputs: { forceDestroy: false },
    });
    expect(registered.find((r) => r.type === "aws:glue/catalogDatabase:CatalogDatabase")).toMatchObject({
      name: "lake-prod-gold-db-database",
      inputs: { description: "Business-ready tables" },
    });
  });
});
