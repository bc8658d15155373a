import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import {
  kmsStatements,
  s3ListStatement,
  s3ObjectStatement,
  secretReadStatement,
} from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import { dmsIdentifier } from "../physical-names.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import {
  CDC_ENGINES,
  CDC_SSL_MODES,
  cdcTableOf,
  dmsCapacityProblems,
  dmsReplicationSettings,
  dmsS3TargetSettings,
  dmsTableMappings,
  type CdcEngine,
  type CdcSslMode,
  type DmsCapacity,
} from "./dms-settings.js";
import { secretPolicyArn, secretReferenceProblems } from "./secrets.js";

/** The source database, as stack config names it. Host, port, user and password are in the secret. */
export interface CdcDatabase {
  readonly engine: CdcEngine;
  readonly databaseName: string;
  readonly sslMode: CdcSslMode;
  /** A DMS certificate (the database's CA) for verify-ca / verify-full. */
  readonly certificateArn?: string;
  /**
   * Secrets Manager secret (ARN or name) with `host`, `port`, `username` and `password` as DMS reads them
   * ("Using secrets to access AWS Database Migration Service endpoints").
   */
  readonly secret: string;
  /** The key the secret is encrypted with, when it is a customer managed key. */
  readonly secretKmsKeyArn?: string;
}

export interface CdcNetwork {
  /** Subnets that reach the database (at least two Availability Zones for a subnet group). */
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface CdcIngestionArgs {
  /** A `cdc` contract in the dms layout. */
  readonly contract: DatasetContract;
  readonly bucket: BucketRef;
  readonly database: CdcDatabase;
  readonly network: CdcNetwork;
  /** The region of the stack: the Secrets Manager access role is assumed by DMS's regional principal. */
  readonly region: string;
  /** Defaults to 1 to 4 DMS capacity units. */
  readonly capacity?: DmsCapacity;
  /** Defaults to false. */
  readonly multiAz?: boolean;
  /**
   * Start replicating when the stack is deployed. Defaults to false: the operator starts it once the secret holds
   * the credentials (StartReplication).
   */
  readonly startReplication?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Ingestion of one `cdc` source with AWS DMS Serverless: the source database endpoint (credentials from Secrets
 * Manager, TLS), an S3 target endpoint writing Parquet change records with the operation and commit-order columns
 * into the contract's dms layout with SSE-KMS, and a full-load-and-cdc replication config in the database's
 * subnets, its storage encrypted with the lake key. A serverless replication has no public endpoint at all (the
 * API has no publiclyAccessible setting); it runs in the given subnets.
 */
export class CdcIngestion extends pulumi.ComponentResource {
  public readonly replicationConfigArn: pulumi.Output<string>;
  public readonly sourceEndpointArn: pulumi.Output<string>;
  public readonly targetEndpointArn: pulumi.Output<string>;

  constructor(name: string, args: CdcIngestionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:ingest:CdcIngestion", name, {}, opts);
    const capacity = args.capacity ?? { min: 1, max: 4 };
    const db = args.database;
    let table: ReturnType<typeof cdcTableOf> | undefined;
    const problems: string[] = [];
    try {
      table = cdcTableOf(args.contract);
    } catch (error) {
      problems.push((error as Error).message);
    }
    problems.push(
      ...dmsCapacityProblems(capacity),
      ...secretReferenceProblems(db.secret),
      ...(CDC_ENGINES.includes(db.engine)
        ? []
        : [`engine must be one of ${CDC_ENGINES.join(", ")}, got ${db.engine}`]),
      ...(CDC_SSL_MODES.includes(db.sslMode)
        ? []
        : [`sslMode must be one of ${CDC_SSL_MODES.join(", ")}, got ${db.sslMode}`]),
      ...(db.sslMode !== "require" && db.certificateArn === undefined
        ? [`sslMode ${db.sslMode} verifies the server, so it needs certificateArn`]
        : []),
      ...(args.network.subnetIds.length < 2
        ? ["network.subnetIds needs subnets in at least two Availability Zones"]
        : []),
      ...(args.network.securityGroupIds.length === 0 ? ["network.securityGroupIds is empty"] : []),
      ...(/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)
        ? []
        : [`region "${args.region}" is not an AWS region`]),
    );
    if (problems.length > 0 || !table) {
      throw new pulumi.ResourceError(`CdcIngestion ${name}: ${problems.join("; ")}`, this);
    }
    const ctx = awsContext(this);
    const key = args.bucket.kmsKeyArn;
    const scope = { bucketArn: args.bucket.bucketArn, prefixes: [table.source.tablePrefix] };

    // The S3 target's service access role ("Prerequisites for using Amazon S3 as a target"): write, delete and
    // tag objects of the table folder, list it, and use the bronze key.
    const targetRole = new ServiceRole(
      `${name}-target`,
      {
        service: "dms.amazonaws.com",
        sourceAccount: ctx.accountId,
        description: `DMS writes the changes of ${args.contract.name} into bronze`,
        statements: [
          s3ListStatement(scope, "TargetList"),
          s3ObjectStatement(
            scope,
            ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"],
            "TargetObjects",
          ),
          ...kmsStatements([key], "encrypt", "BronzeKey"),
        ],
        tags: args.tags,
      },
      { parent: this },
    );
    const secretArn = pulumi
      .all([ctx.partition, ctx.region, ctx.accountId])
      .apply(([partition, region, accountId]) =>
        secretPolicyArn(db.secret, { partition, region, accountId }),
      );
    const secretRole = new ServiceRole(
      `${name}-secret`,
      {
        // DMS assumes the secret access role with its regional service principal.
        service: `dms.${args.region}.amazonaws.com`,
        sourceAccount: ctx.accountId,
        description: `DMS reads the credentials of the ${args.contract.name} source database`,
        statements: [
          secretReadStatement([secretArn], "ReadSecret"),
          ...(db.secretKmsKeyArn ? kmsStatements([db.secretKmsKeyArn], "decrypt", "SecretKey") : []),
        ],
        tags: args.tags,
      },
      { parent: this },
    );

    const sourceEndpoint = new aws.dms.Endpoint(
      `${name}-source`,
      {
        endpointId: dmsIdentifier("aws:dms/endpoint:Endpoint", `${name}-source`),
        endpointType: "source",
        engineName: db.engine,
        databaseName: db.databaseName,
        sslMode: db.sslMode,
        certificateArn: db.certificateArn,
        // As configured: DMS takes a full ARN, a partial one or the name (the IAM grant needs the pattern).
        secretsManagerArn: db.secret,
        secretsManagerAccessRoleArn: secretRole.roleArn,
        kmsKeyArn: key,
        tags: args.tags,
      },
      { parent: this, dependsOn: [secretRole] },
    );
    const targetEndpoint = new aws.dms.S3Endpoint(
      `${name}-target`,
      {
        endpointId: dmsIdentifier("aws:dms/s3Endpoint:S3Endpoint", `${name}-target`),
        endpointType: "target",
        bucketName: args.bucket.bucketName,
        serviceAccessRoleArn: targetRole.roleArn,
        ...dmsS3TargetSettings(args.contract),
        serverSideEncryptionKmsKeyId: key,
        // S3 checks the bucket's owner on every request, so a bucket of another account is never written.
        expectedBucketOwner: ctx.accountId,
        tags: args.tags,
      },
      { parent: this, dependsOn: [targetRole] },
    );
    const subnetGroup = new aws.dms.ReplicationSubnetGroup(
      `${name}-subnets`,
      {
        replicationSubnetGroupId: dmsIdentifier(
          "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup",
          `${name}-subnets`,
        ).toLowerCase(),
        replicationSubnetGroupDescription: `Subnets reaching the source database of ${args.contract.name}`,
        subnetIds: [...args.network.subnetIds],
        tags: args.tags,
      },
      { parent: this },
    );
    const replication = new aws.dms.ReplicationConfig(
      `${name}-replication`,
      {
        replicationConfigIdentifier: dmsIdentifier(
          "aws:dms/replicationConfig:ReplicationConfig",
          `${name}-replication`,
        ),
        replicationType: "full-load-and-cdc",
        sourceEndpointArn: sourceEndpoint.endpointArn,
        targetEndpointArn: targetEndpoint.endpointArn,
        tableMappings: dmsTableMappings(args.contract),
        replicationSettings: dmsReplicationSettings(),
        computeConfig: {
          replicationSubnetGroupId: subnetGroup.replicationSubnetGroupId,
          vpcSecurityGroupIds: [...args.network.securityGroupIds],
          minCapacityUnits: capacity.min,
          maxCapacityUnits: capacity.max,
          multiAz: args.multiAz ?? false,
          kmsKeyId: key,
        },
        startReplication: args.startReplication ?? false,
        tags: args.tags,
      },
      { parent: this },
    );

    this.replicationConfigArn = replication.arn;
    this.sourceEndpointArn = sourceEndpoint.endpointArn;
    this.targetEndpointArn = targetEndpoint.endpointArn;
    this.registerOutputs({
      replicationConfigArn: this.replicationConfigArn,
      sourceEndpointArn: this.sourceEndpointArn,
      targetEndpointArn: this.targetEndpointArn,
    });
  }
}
