import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../physical-names.js";

/** Athena engine version 3 (Trino): the only engine new workgroups should run. */
export const ATHENA_ENGINE_VERSION = "Athena engine version 3";

/** Athena's smallest per-query scan limit (CreateWorkGroup BytesScannedCutoffPerQuery: at least 10 MB). */
export const ATHENA_MIN_BYTES_SCANNED_CUTOFF = 10 * 1024 * 1024;

/** A query saved in the workgroup: a named query, or a prepared statement (its parameters are `?`). */
export interface SavedQuery {
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

export interface AthenaWorkgroupArgs {
  /** The workgroup's name in Athena. */
  readonly workgroupName: string;
  readonly description: pulumi.Input<string>;
  /** Bucket the query results go to, under `resultsPrefix`. */
  readonly resultsBucketName: pulumi.Input<string>;
  /** Prefix of the results in that bucket, e.g. `athena-results/analysts/`. */
  readonly resultsPrefix: string;
  /** The key results are written with (SSE-KMS). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The account that must own the results bucket (ResultConfiguration ExpectedBucketOwner). */
  readonly expectedBucketOwner: pulumi.Input<string>;
  /** Queries that would scan more than this many bytes are cancelled; at least 10 MB. */
  readonly bytesScannedCutoffPerQuery: number;
  /** Database the named queries run against. Needed when `namedQueries` is not empty. */
  readonly database?: pulumi.Input<string>;
  /** Named queries saved in the workgroup. Defaults to none. */
  readonly namedQueries?: readonly SavedQuery[];
  /** Prepared statements saved in the workgroup. Defaults to none. */
  readonly preparedStatements?: readonly SavedQuery[];
  /** Let `pulumi destroy` delete the workgroup with its saved queries and history (development stacks). */
  readonly forceDestroy?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An Athena workgroup that enforces its configuration (clients cannot choose another results location, turn
 * encryption off or lift the scan limit), writes results SSE-KMS with the lake key to the owner's bucket, cancels
 * queries over the scan limit, publishes CloudWatch metrics, and holds its saved queries.
 */
export class AthenaWorkgroup extends pulumi.ComponentResource {
  public readonly workgroupName: pulumi.Output<string>;
  public readonly workgroupArn: pulumi.Output<string>;
  /** `s3://<bucket>/<prefix>`: where the workgroup writes results. */
  public readonly outputLocation: pulumi.Output<string>;

  constructor(name: string, args: AthenaWorkgroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:analytics:AthenaWorkgroup", name, {}, opts);
    const namedQueries = args.namedQueries ?? [];
    const problems = [
      ...(args.bytesScannedCutoffPerQuery >= ATHENA_MIN_BYTES_SCANNED_CUTOFF
        ? []
        : [
            `bytesScannedCutoffPerQuery must be at least ${ATHENA_MIN_BYTES_SCANNED_CUTOFF} (10 MB), got ${args.bytesScannedCutoffPerQuery}`,
          ]),
      ...(namedQueries.length > 0 && args.database === undefined
        ? ["named queries need the database they run against"]
        : []),
      ...(args.resultsPrefix.endsWith("/") ? [] : [`resultsPrefix "${args.resultsPrefix}" must end with /`]),
    ];
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`AthenaWorkgroup ${name}: ${problems.join("; ")}`, this);
    }

    this.outputLocation = pulumi.interpolate`s3://${args.resultsBucketName}/${args.resultsPrefix}`;
    const workgroup = new aws.athena.Workgroup(
      `${name}-workgroup`,
      {
        name: physicalName("aws:athena/workgroup:Workgroup", args.workgroupName),
        description: args.description,
        state: "ENABLED",
        forceDestroy: args.forceDestroy ?? false,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: args.bytesScannedCutoffPerQuery,
          engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
          resultConfiguration: {
            outputLocation: this.outputLocation,
            encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: args.kmsKeyArn },
            expectedBucketOwner: args.expectedBucketOwner,
          },
        },
        tags: args.tags,
      },
      { parent: this },
    );
    for (const q of namedQueries) {
      new aws.athena.NamedQuery(
        `${name}-${q.name}`,
        {
          name: q.name,
          description: q.description,
          database: args.database as pulumi.Input<string>,
          query: q.sql,
          workgroup: workgroup.name,
        },
        { parent: workgroup },
      );
    }
    for (const q of args.preparedStatements ?? []) {
      new aws.athena.PreparedStatement(
        `${name}-${q.name}`,
        {
          name: q.name,
          description: q.description,
          queryStatement: q.sql,
          workgroup: workgroup.name,
        },
        { parent: workgroup },
      );
    }
    this.workgroupName = workgroup.name;
    this.workgroupArn = workgroup.arn;
    this.registerOutputs({
      workgroupName: this.workgroupName,
      workgroupArn: this.workgroupArn,
      outputLocation: this.outputLocation,
    });
  }
}
