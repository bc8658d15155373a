import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  glueCatalogStatements,
  glueTableArn,
  kmsStatements,
  s3ReadStatements,
  ServiceRole,
} from "@lake/lake-components";
import type { GoldConfig } from "./config.js";
import { createExternalSchemaSql } from "./spectrum.js";

export interface SpectrumArgs {
  readonly namePrefix: string;
  readonly settings: GoldConfig["spectrum"];
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly databaseName: pulumi.Input<string>;
  readonly databaseArn: pulumi.Input<string>;
  readonly catalogArn: pulumi.Input<string>;
  readonly goldBucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

export interface SpectrumOutputs {
  /** Role to associate with the Redshift cluster or serverless namespace, and named in the statement. */
  readonly roleArn: pulumi.Output<string>;
  /** The CREATE EXTERNAL SCHEMA statement: run by this stack when a workgroup or cluster is configured. */
  readonly createExternalSchemaSql: pulumi.Output<string>;
  /** Whether this stack runs the statement (through the Redshift Data API) or leaves it to an operator. */
  readonly appliedBy: "redshift-data-api" | "operator";
}

/**
 * Read access to the gold layer for Redshift Spectrum: a role Redshift assumes with Glue catalog read on the gold
 * database, S3 read on the gold bucket and kms:Decrypt on the lake key. The external schema is SQL inside
 * Redshift; it is run through the Redshift Data API (`aws.redshiftdata.Statement`) only when the config names a
 * serverless workgroup or a cluster, since no API creates it without one.
 */
export function createSpectrumAccess(
  args: SpectrumArgs,
  opts: pulumi.ComponentResourceOptions,
): SpectrumOutputs {
  const tableArns = [pulumi.output(args.databaseArn).apply((arn) => glueTableArn(arn, "*"))];
  const role = new ServiceRole(
    `${args.namePrefix}-spectrum`,
    {
      service: "redshift.amazonaws.com",
      sourceAccount: args.accountId,
      description: "Redshift Spectrum reads the gold layer through the Glue catalog",
      statements: [
        ...glueCatalogStatements(
          { catalogArn: args.catalogArn, databaseArn: args.databaseArn, tableArns },
          "read",
          "GoldCatalog",
        ),
        ...s3ReadStatements({ bucketArn: args.goldBucketArn }, "GoldData"),
        ...kmsStatements([args.kmsKeyArn], "decrypt", "LakeKey"),
      ],
      tags: args.tags,
    },
    opts,
  );
  const sql = pulumi.all([role.roleArn, args.databaseName]).apply(([roleArn, glueDatabase]) =>
    createExternalSchemaSql({
      schemaName: args.settings.schemaName,
      glueDatabase,
      roleArn,
      region: args.region,
    }),
  );
  const target = args.settings.workgroupName
    ? { workgroupName: args.settings.workgroupName }
    : args.settings.clusterIdentifier
      ? { clusterIdentifier: args.settings.clusterIdentifier, dbUser: args.settings.dbUser }
      : undefined;
  if (target) {
    new aws.redshiftdata.Statement(
      `${args.namePrefix}-spectrum-schema`,
      { ...target, database: args.settings.database, sql },
      { parent: role },
    );
  }
  return {
    roleArn: role.roleArn,
    createExternalSchemaSql: sql,
    appliedBy: target ? "redshift-data-api" : "operator",
  };
}
