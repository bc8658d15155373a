import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { CdcIngestion } from "../../src/ingest/cdc-ingestion.js";
import { dmsTableMappings } from "../../src/ingest/dms-settings.js";
import { policyOf, resolve, resource, resourcesOf, settled } from "../helpers.js";

const bucket = {
  bucketName: "lake-bronze",
  bucketArn: "arn:aws:s3:::lake-bronze",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/bronze",
};
const args = {
  contract: registry.get("transactions"),
  bucket,
  region: "eu-west-1",
  database: {
    engine: "postgres" as const,
    databaseName: "orders",
    sslMode: "require" as const,
    secret: "lake-dev/orders-db",
  },
  network: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-dms"] },
};

describe("CdcIngestion", async () => {
  const cdc = new CdcIngestion("lake-dev-bronze-transactions", args);
  await Promise.all([
    resolve(cdc.replicationConfigArn),
    resolve(cdc.sourceEndpointArn),
    resolve(cdc.targetEndpointArn),
  ]);
  await settled();
  const source = resource("aws:dms/endpoint:Endpoint", "lake-dev-bronze-transactions-source");
  const target = resource("aws:dms/s3Endpoint:S3Endpoint", "lake-dev-bronze-transactions-target");
  const replication = resource(
    "aws:dms/replicationConfig:ReplicationConfig",
    "lake-dev-bronze-transactions-replication",
  );

  it("reads the database over TLS with credentials from Secrets Manager", () => {
    expect(source.inputs).toMatchObject({
      endpointId: "lake-dev-bronze-transactions-source",
      endpointType: "source",
      engineName: "postgres",
      databaseName: "orders",
      sslMode: "require",
      secretsManagerArn: "lake-dev/orders-db",
    });
    expect(source.inputs.password).toBeUndefined();
    const secretPolicy = policyOf(
      resourcesOf("aws:iam/rolePolicy:RolePolicy", "lake-dev-bronze-transactions-secret")[0]!,
    );
    expect(secretPolicy.Statement[0]?.Resource).toEqual([
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:lake-dev/orders-db-??????",
    ]);
    const trust = JSON.parse(
      String(
        resourcesOf("aws:iam/role:Role", "lake-dev-bronze-transactions-secret")[0]!.inputs.assumeRolePolicy,
      ),
    ) as { Statement: { Principal: unknown }[] };
    expect(trust.Statement[0]?.Principal).toEqual({ Service: "dms.eu-west-1.amazonaws.com" });
  });

  it("writes Parquet change records into the contract's DMS folder with SSE-KMS, in the bucket's account only", () => {
    expect(target.inputs).toMatchObject({
      endpointType: "target",
      bucketName: "lake-bronze",
      bucketFolder: "source=transactions",
      dataFormat: "parquet",
      includeOpForFullLoad: true,
      timestampColumnName: "ingestion_timestamp",
      datePartitionEnabled: true,
      encryptionMode: "SSE_KMS",
      serverSideEncryptionKmsKeyId: bucket.kmsKeyArn,
      expectedBucketOwner: "123456789012",
    });
    const policy = policyOf(
      resourcesOf("aws:iam/rolePolicy:RolePolicy", "lake-dev-bronze-transactions-target")[0]!,
    );
    expect(policy.Statement.find((s) => s.Sid === "TargetObjects")?.Resource).toEqual([
      "arn:aws:s3:::lake-bronze/source=transactions/sales/transactions/*",
    ]);
  });

  it("replicates full load and changes serverless, in the database's subnets, encrypted, not started", () => {
    expect(replication.inputs).toMatchObject({
      replicationConfigIdentifier: "lake-dev-bronze-transactions-replication",
      replicationType: "full-load-and-cdc",
      sourceEndpointArn: source.state.endpointArn,
      targetEndpointArn: target.state.endpointArn,
      tableMappings: dmsTableMappings(args.contract),
      computeConfig: {
        replicationSubnetGroupId: "lake-dev-bronze-transactions-subnets",
        vpcSecurityGroupIds: ["sg-dms"],
        minCapacityUnits: 1,
        maxCapacityUnits: 4,
        multiAz: false,
        kmsKeyId: bucket.kmsKeyArn,
      },
      startReplication: false,
    });
    expect(
      resource(
        "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup",
        "lake-dev-bronze-transactions-subnets",
      ).inputs.subnetIds,
    ).toEqual(["subnet-a", "subnet-b"]);
  });

  it("names every DMS resource with the letters, digits and hyphens DMS accepts", async () => {
    const long = new CdcIngestion(`lake-dev-bronze-${"transactions_".repeat(25)}x`, args);
    await resolve(long.replicationConfigArn);
    await settled();
    const ids = [
      ...resourcesOf("aws:dms/endpoint:Endpoint", "lake-dev-bronze-transactions_").map(
        (r) => r.inputs.endpointId,
      ),
      ...resourcesOf("aws:dms/s3Endpoint:S3Endpoint", "lake-dev-bronze-transactions_").map(
        (r) => r.inputs.endpointId,
      ),
      ...resourcesOf("aws:dms/replicationConfig:ReplicationConfig", "lake-dev-bronze-transactions_").map(
        (r) => r.inputs.replicationConfigIdentifier,
      ),
    ] as string[];
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*[A-Za-z0-9]$/);
      expect(id.length).toBeLessThanOrEqual(255);
    }
  });

  it.each([
    [{ contract: registry.get("customers") }, /customers is not a cdc source/],
    [{ capacity: { min: 3, max: 4 } }, /capacity.min must be one of/],
    [
      { database: { ...args.database, sslMode: "verify-full" as const } },
      /sslMode verify-full verifies the server, so it needs certificateArn/,
    ],
    [{ database: { ...args.database, secret: "no spaces allowed" } }, /is not a secret name/],
    [
      { network: { subnetIds: ["subnet-a"], securityGroupIds: [] } },
      /at least two Availability Zones; network.securityGroupIds is empty/,
    ],
  ])("refuses %j", (change, message) => {
    expect(() => new CdcIngestion("bad", { ...args, ...change })).toThrow(message);
  });
});
