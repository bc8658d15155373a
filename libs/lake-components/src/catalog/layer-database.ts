import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { glueCatalogArn } from "../iam/arns.js";
import { isGlueName, LAKE_LAYERS, s3Prefix, type LakeLayer } from "../naming.js";

export interface LayerDatabaseArgs {
  readonly layer: LakeLayer;
  /**
   * Glue database name. Defaults to the layer name: the jobs address Iceberg tables as `lake.<layer>.<dataset>`,
   * so the layer is the namespace they look up in the Glue catalog.
   */
  readonly databaseName?: string;
  /** The layer's bucket; the database location is `s3://<bucket>/<prefix>`. */
  readonly bucketName: pulumi.Input<string>;
  /** Key prefix of the layer's tables in the bucket. Defaults to the bucket root. */
  readonly prefix?: string;
  /** Defaults to "<layer> layer of the lake". */
  readonly description?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The Glue database of one layer, located at the layer bucket (tables live at `<location><dataset>/`). */
export class LayerDatabase extends pulumi.ComponentResource {
  /** Database name, for tables, crawlers and Athena. */
  public readonly databaseName: pulumi.Output<string>;
  /** Database ARN, for IAM. */
  public readonly databaseArn: pulumi.Output<string>;
  /** The Data Catalog ARN of the database's account and region, for IAM. */
  public readonly catalogArn: pulumi.Output<string>;
  /** `s3://<bucket>/<prefix>`, ending in a slash. */
  public readonly locationUri: pulumi.Output<string>;
  /** The layer. */
  public readonly layer: LakeLayer;

  constructor(name: string, args: LayerDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:catalog:LayerDatabase", name, {}, opts);
    const databaseName = args.databaseName ?? args.layer;
    const problems = [
      ...(LAKE_LAYERS.includes(args.layer)
        ? []
        : [`layer must be one of ${LAKE_LAYERS.join(", ")}, got "${String(args.layer)}"`]),
      ...(isGlueName(databaseName)
        ? []
        : [
            `databaseName "${databaseName}" must be lowercase letters, digits and underscores, starting with a letter`,
          ]),
    ];
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`LayerDatabase ${name}: ${problems.join("; ")}`, this);
    }

    this.locationUri = pulumi.interpolate`s3://${args.bucketName}/${s3Prefix(args.prefix ?? "")}`;
    const database = new aws.glue.CatalogDatabase(
      `${name}-database`,
      {
        name: databaseName,
        locationUri: this.locationUri,
        description: args.description ?? `${args.layer} layer of the lake`,
        tags: args.tags,
      },
      { parent: this },
    );

    this.databaseName = database.name;
    this.databaseArn = database.arn;
    this.catalogArn = database.arn.apply(glueCatalogArn);
    this.layer = args.layer;
    this.registerOutputs({
      databaseName: this.databaseName,
      databaseArn: this.databaseArn,
      catalogArn: this.catalogArn,
      locationUri: this.locationUri,
    });
  }

  /** `s3://<bucket>/<prefix><table>/`: where the jobs write the table (`--output` root plus the dataset). */
  tableLocation(table: string): pulumi.Output<string> {
    return pulumi.interpolate`${this.locationUri}${table}/`;
  }
}
