import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { glueTableArn } from "../iam/arns.js";
import { glueCatalogStatements, kmsStatements, s3ReadStatements } from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import { createExternalSchemaSql } from "./spectrum-sql.js";

/** Where the CREATE EXTERNAL SCHEMA statement runs: a Redshift Serverless workgroup or a provisioned cluster. */
export type SpectrumTarget =
  { readonly workgroupName: string } | { readonly clusterIdentifier: string; readonly dbUser: string };

export interface SpectrumAccessArgs {
  /** Schema name the Glue database appears under in Redshift. */
  readonly schemaName: string;
  /** Redshift database the schema is created in. */
  readonly database: string;
  /** Where to run the statement; without one, the statement is only an output for an operator to run. */
  readonly target?: SpectrumTarget;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** The Glue database Redshift reads, its ARN and its catalog's ARN. */
  readonly glueDatabaseName: pulumi.Input<string>;
  readonly glueDatabaseArn: pulumi.Input<string>;
  readonly catalogArn: pulumi.Input<string>;
  /** The bucket holding the tables' data, and its key. */
  readonly bucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Read access to a layer for Redshift Spectrum: a role Redshift assumes with Glue catalog read on the database,
 * S3 read on the bucket and kms:Decrypt on the key. The external schema is SQL inside Redshift; it is run through
 * the Redshift Data API (`aws.redshiftdata.Statement`) only when a target is given, since no AWS API creates it
 * without a connection to a cluster or a serverless workgroup.
 */
export class SpectrumAccess extends pulumi.ComponentResource {
  /** Role to associate with the Redshift cluster or serverless namespace, and named in the statement. */
  public readonly roleArn: pulumi.Output<string>;
  /** The CREATE EXTERNAL SCHEMA statement. */
  public readonly createExternalSchemaSql: pulumi.Output<string>;
  /** Whether this component runs the statement (Redshift Data API) or leaves it to an operator. */
  public readonly appliedBy: "redshift-data-api" | "operator";

  constructor(name: string, args: SpectrumAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:analytics:SpectrumAccess", name, {}, opts);
    const tableArns = [pulumi.output(args.glueDatabaseArn).apply((arn) => glueTableArn(arn, "*"))];
    const role = new ServiceRole(
      `${name}-redshift`,
      {
        service: "redshift.amazonaws.com",
        sourceAccount: args.accountId,
        description: "Redshift Spectrum reads the layer through the Glue catalog",
        statements: [
          ...glueCatalogStatements(
            { catalogArn: args.catalogArn, databaseArn: args.glueDatabaseArn, tableArns },
            "read",
            "Catalog",
          ),
          ...s3ReadStatements({ bucketArn: args.bucketArn }, "Data"),
          ...kmsStatements([args.kmsKeyArn], "decrypt", "LakeKey"),
        ],
        tags: args.tags,
      },
      { parent: this },
    );
    this.roleArn = role.roleArn;
    this.createExternalSchemaSql = pulumi
      .all([role.roleArn, args.glueDatabaseName])
      .apply(([roleArn, glueDatabase]) =>
        createExternalSchemaSql({ schemaName: args.schemaName, glueDatabase, roleArn, region: args.region }),
      );
    if (args.target) {
      new aws.redshiftdata.Statement(
        `${name}-schema`,
        { ...args.target, database: args.database, sql: this.createExternalSchemaSql },
        { parent: this },
      );
    }
    this.appliedBy = args.target ? "redshift-data-api" : "operator";
    this.registerOutputs({ roleArn: this.roleArn, createExternalSchemaSql: this.createExternalSchemaSql });
  }
}
