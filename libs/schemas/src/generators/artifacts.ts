// Everything `generate` writes for one dataset, as file name -> content. Pure, so tests check the exact bytes.
import { GOLD_QUERIES, goldQueriesOf, sparkQueriesJson, type GoldQuery } from "../analytics/gold-queries.js";
import type { DatasetContract } from "../types.js";
import { athenaDdl } from "./athena-ddl.js";
import { contractJson } from "./contract-json.js";
import { dqdlRuleset } from "./dqdl.js";
import { glueColumns } from "./glue.js";
import { jsonSchema } from "./json-schema.js";
import { sparkDdl } from "./spark-ddl.js";
import { sparkSchema } from "./spark.js";

/** Stable JSON on disk: two-space indent and a trailing newline; key order is fixed by the generators. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The Glue database of a layer, in Athena and in the local Spark catalogs. */
export const databaseOf = (c: DatasetContract): string => c.layer;

/** Placeholders the deploying side substitutes: bucket names come from the Pulumi stacks, the lake root from
 * the local run. */
export const bucketPlaceholder = (c: DatasetContract): string => `\${${c.layer.toUpperCase()}_BUCKET}`;
export const LAKE_ROOT_PLACEHOLDER = "${LAKE_ROOT}";

/** The files of one dataset; `queries.json` only for a dataset some gold query reads. */
export function datasetArtifacts(
  c: DatasetContract,
  queries: readonly GoldQuery[] = GOLD_QUERIES,
): Record<string, string> {
  const database = databaseOf(c);
  return {
    "contract.json": toJsonText(contractJson(c)),
    "ddl.spark.sql": sparkDdl(c, {
      catalog: "lake",
      database,
      location: c.format === "iceberg" ? undefined : `${LAKE_ROOT_PLACEHOLDER}/${c.layer}/${c.name}`,
    }),
    "ddl.sql": athenaDdl(c, { database, location: `s3://${bucketPlaceholder(c)}/${c.name}/` }),
    "dqdl.txt": dqdlRuleset(c),
    "glue.json": toJsonText(glueColumns(c)),
    "schema.json": toJsonText(jsonSchema(c)),
    "spark.json": toJsonText(sparkSchema(c, "table")),
    ...(goldQueriesOf(c.name, queries).length > 0 && {
      "queries.json": toJsonText(sparkQueriesJson(c.name, queries)),
    }),
  };
}
