import * as pulumi from "@pulumi/pulumi";
import { s3ReadStatements, s3WriteStatements, type PolicyStatement } from "@lake/lake-components";
import type { DatasetContract } from "@lake/schemas";

/** Where the quality results table keeps a dataset's rows (partitioned by `dataset`, then `run_date`). */
export const QUALITY_RESULTS_PREFIX = "quality_results/";

/** Datasets a quality run reads besides its own: the targets of its `references` rules. */
export function referencedDatasets(contract: DatasetContract): string[] {
  return [...new Set(contract.rules.flatMap((r) => (r.kind === "references" ? [r.dataset] : [])))].sort();
}

/**
 * The S3 access a quality run of `contract` needs in the silver bucket: read the dataset and the datasets its
 * references rules name, write its own partition of quality_results. (SparkJob grants a writer of the dataset
 * itself; a quality run writes another table.)
 */
export function qualityRunStatements(silverBucketArn: pulumi.Input<string>, contract: DatasetContract): PolicyStatement[] {
  return [
    ...s3ReadStatements({ bucketArn: silverBucketArn, prefixes: [contract.name, ...referencedDatasets(contract)] }, "ReadChecked"),
    ...s3WriteStatements({ bucketArn: silverBucketArn, prefixes: [`${QUALITY_RESULTS_PREFIX}dataset=${contract.name}`] }, "WriteResults"),
  ];
}
