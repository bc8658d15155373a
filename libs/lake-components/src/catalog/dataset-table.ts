import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { isGlueName } from "../naming.js";
import { deltaTableInput, icebergTableInput, parquetTableInput, partitionProjection } from "./table-input.js";

export interface DatasetTableArgs {
  /** The dataset contract: name, format, columns and partition keys all come from it. */
  readonly contract: DatasetContract;
  /** The Glue database (a LayerDatabase's `databaseName`). */
  readonly databaseName: pulumi.Input<string>;
  /** The table folder, `s3://<bucket>/<prefix><dataset>/` (a LayerDatabase's `tableLocation(name)`). */
  readonly location: pulumi.Input<string>;
  /**
   * Athena partition projection for Parquet tables. Defaults to on when every partition key is a date, an enum,
   * or has `partitionValues`; set true to make that a requirement, false to register partitions instead.
   */
  readonly partitionProjection?: boolean;
  /** First day projected for date partitions, `YYYY-MM-DD`. Defaults to 2020-01-01. */
  readonly projectionStartDate?: string;
  /** Values of string partition keys that are not enums, e.g. `{ dataset: [...dataset names] }`. */
  readonly partitionValues?: Readonly<Record<string, readonly string[]>>;
  /** Extra Iceberg table properties (Iceberg tables only). */
  readonly icebergProperties?: Readonly<Record<string, string>>;
}

/**
 * The Glue table of a contract-defined silver or gold dataset, owned by Pulumi (no crawler touches it):
 * a Parquet external table with partition projection, an Iceberg table created through Glue's
 * OpenTableFormatInput, or a Delta table as Athena reads it natively.
 *
 * Iceberg and Delta writers commit by updating the table (its metadata pointer and parameters), so those
 * fields are left to them (`ignoreChanges`); the Iceberg schema, once created, evolves through the writer too,
 * because replacing the table in Glue would orphan its snapshots.
 */
export class DatasetTable extends pulumi.ComponentResource {
  /** Table name (the contract name). */
  public readonly tableName: pulumi.Output<string>;
  /** Table ARN, for IAM. */
  public readonly tableArn: pulumi.Output<string>;
  /** The database the table is in. */
  public readonly databaseName: pulumi.Output<string>;
  /** The table's S3 folder. */
  public readonly location: pulumi.Output<string>;
  /** The stored format. */
  public readonly format: DatasetContract["format"];
  /** Whether Athena partition projection is on, and if not, why. */
  public readonly projection: { readonly enabled: boolean; readonly reason?: string };

  constructor(name: string, args: DatasetTableArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:catalog:DatasetTable", name, {}, opts);
    const c = args.contract;
    const options = {
      startDate: args.projectionStartDate ?? "2020-01-01",
      values: args.partitionValues ?? {},
    };
    const blocked = partitionProjection(c, "", options).off;
    const problems = [
      ...(isGlueName(c.name) ? [] : [`contract name "${c.name}" is not a Glue table name`]),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(options.startDate)
        ? []
        : [`projectionStartDate "${options.startDate}" must be YYYY-MM-DD`]),
      ...(args.partitionProjection === true && blocked !== undefined
        ? [`partitionProjection is true but ${blocked}`]
        : []),
      ...Object.keys(options.values)
        .filter((k) => !c.partitionKeys.includes(k))
        .map((k) => `partitionValues names "${k}", which is not a partition key of ${c.name}`),
      ...(typeof args.location === "string" && !/^s3:\/\/[^/]+\/.*\/$/.test(args.location)
        ? [`location "${args.location}" must be an s3:// folder URI ending in "/"`]
        : []),
    ];
    if (problems.length > 0) {
      throw new pulumi.ResourceError(
        `DatasetTable ${name} (dataset ${c.name}): ${problems.join("; ")}`,
        this,
      );
    }
    const project = (args.partitionProjection ?? true) && blocked === undefined;
    this.projection = project
      ? { enabled: true }
      : { enabled: false, reason: blocked ?? "partitionProjection is false" };

    const common = {
      name: c.name,
      databaseName: args.databaseName,
      description: c.description,
      owner: c.owner,
    };
    const location = pulumi.output(args.location);
    let table: aws.glue.CatalogTable;
    switch (c.format) {
      case "parquet": {
        const def = location.apply((loc) =>
          parquetTableInput(c, loc, project ? partitionProjection(c, loc, options) : { parameters: {} }),
        );
        table = new aws.glue.CatalogTable(
          `${name}-table`,
          {
            ...common,
            tableType: def.tableType,
            parameters: def.parameters,
            partitionKeys: def.partitionKeys,
            storageDescriptor: def.storageDescriptor,
          },
          { parent: this },
        );
        break;
      }
      case "iceberg": {
        const def = location.apply((loc) => icebergTableInput(c, loc, args.icebergProperties));
        table = new aws.glue.CatalogTable(
          `${name}-table`,
          { ...common, openTableFormatInput: def.openTableFormatInput },
          { parent: this, ignoreChanges: ["parameters", "storageDescriptor", "openTableFormatInput"] },
        );
        break;
      }
      case "delta": {
        const def = location.apply((loc) => deltaTableInput(c, loc));
        table = new aws.glue.CatalogTable(
          `${name}-table`,
          {
            ...common,
            tableType: def.tableType,
            parameters: def.parameters,
            storageDescriptor: def.storageDescriptor,
          },
          { parent: this, ignoreChanges: ["parameters"] },
        );
        break;
      }
    }

    this.tableName = table.name;
    this.tableArn = table.arn;
    this.databaseName = table.databaseName;
    this.location = location;
    this.format = c.format;
    this.registerOutputs({
      tableName: this.tableName,
      tableArn: this.tableArn,
      databaseName: this.databaseName,
      location: this.location,
    });
  }
}
