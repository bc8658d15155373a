import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { goldNamedQueries, goldPreparedStatements } from "./athena-queries.js";
import type { GoldConfig } from "./config.js";

export interface AthenaArgs {
  readonly namePrefix: string;
  readonly workgroups: GoldConfig["athenaWorkgroups"];
  /** Bucket the query results go to, under `athena-results/<workgroup>/`. */
  readonly resultsBucketName: pulumi.Input<string>;
  /** The lake key: results are written SSE-KMS with it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /** Database the saved queries run against (the gold database). */
  readonly databaseName: pulumi.Input<string>;
  /** Glue name of the database, to write into the SQL (the SQL is plain text, validated before use). */
  readonly databaseSqlName: string;
  readonly forceDestroy: boolean;
  readonly tags: Record<string, string>;
}

/** Names the stack exports: workgroup name and its results location, per configured workgroup. */
export interface AthenaWorkgroupOutput {
  readonly name: pulumi.Output<string>;
  readonly outputLocation: pulumi.Output<string>;
}

export const ATHENA_ENGINE_VERSION = "Athena engine version 3";

/**
 * Athena workgroups that enforce their configuration (clients cannot choose another results location, turn
 * encryption off or lift the scan limit), write results SSE-KMS with the lake key, cancel queries that scan more
 * than the configured bytes, and hold the gold layer's saved queries.
 */
export function createAthenaWorkgroups(
  args: AthenaArgs,
  opts: pulumi.CustomResourceOptions,
): Record<string, AthenaWorkgroupOutput> {
  const out: Record<string, AthenaWorkgroupOutput> = {};
  for (const wg of args.workgroups) {
    const name = `${args.namePrefix}-${wg.name}`;
    const outputLocation = pulumi.interpolate`s3://${args.resultsBucketName}/athena-results/${wg.name}/`;
    const workgroup = new aws.athena.Workgroup(
      name,
      {
        name,
        description: wg.description ?? `Queries over the gold layer (${wg.name})`,
        state: "ENABLED",
        forceDestroy: args.forceDestroy,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: wg.bytesScannedCutoffPerQuery,
          engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
          resultConfiguration: {
            outputLocation,
            encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: args.kmsKeyArn },
            expectedBucketOwner: args.accountId,
          },
        },
        tags: args.tags,
      },
      opts,
    );
    for (const q of goldNamedQueries(args.databaseSqlName)) {
      new aws.athena.NamedQuery(
        `${name}-${q.name}`,
        {
          name: q.name,
          description: q.description,
          database: args.databaseName,
          query: q.sql,
          workgroup: workgroup.name,
        },
        { parent: workgroup },
      );
    }
    for (const q of goldPreparedStatements(args.databaseSqlName)) {
      new aws.athena.PreparedStatement(
        `${name}-${q.name}`,
        { name: q.name, description: q.description, queryStatement: q.sql, workgroup: workgroup.name },
        { parent: workgroup },
      );
    }
    out[wg.name] = { name: workgroup.name, outputLocation };
  }
  return out;
}
