// The bucket and the Glue database every layer stack starts with, created the same way in each: named after the
// prefix, layer, account and region, encrypted with the lake key, logging to the lake's log bucket, protected in
// production. Plain resources of the stack (not a component), so their URNs are the ones each stack always had.
import { LakeBucket, LayerDatabase, type LakeLayer } from "@lake/lake-components";
import type * as pulumi from "@pulumi/pulumi";
import { lakeBucketName } from "./bucket-name.js";
import type { DataProtection } from "./protection.js";

export interface LayerStorageArgs {
  readonly namePrefix: string;
  readonly layer: LakeLayer;
  readonly accountId: pulumi.Input<string>;
  readonly region: string;
  /** The lake key (bronze's). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The lake's access-log bucket, and the prefix in it when not the default. */
  readonly accessLogs: { readonly bucketName: pulumi.Input<string>; readonly prefix?: string };
  /** What the database holds, as Glue shows it. */
  readonly description: string;
  /** Defaults to the layer name (the Iceberg namespace the jobs use). */
  readonly databaseName?: string;
  readonly protection: DataProtection;
  readonly tags: Record<string, string>;
}

export interface LayerStorage {
  readonly bucket: LakeBucket;
  readonly database: LayerDatabase;
}

/** `<namePrefix>-<layer>` (the bucket) and `<namePrefix>-<layer>-db` (its database). */
export function layerStorage(args: LayerStorageArgs): LayerStorage {
  const { namePrefix, layer, protection, tags } = args;
  const bucket = new LakeBucket(
    `${namePrefix}-${layer}`,
    {
      layer,
      bucketName: lakeBucketName(namePrefix, layer, args.accountId, args.region),
      kmsKeyArn: args.kmsKeyArn,
      accessLogs: args.accessLogs,
      ...protection.args,
      tags,
    },
    protection.options,
  );
  const database = new LayerDatabase(
    `${namePrefix}-${layer}-db`,
    {
      layer,
      ...(args.databaseName === undefined ? {} : { databaseName: args.databaseName }),
      bucketName: bucket.bucketName,
      description: args.description,
      tags,
    },
    protection.options,
  );
  return { bucket, database };
}
