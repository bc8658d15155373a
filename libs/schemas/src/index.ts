// Public API of @lake/schemas; see CONTRACT.md.
export * from "./types.js";
export {
  columnClassification,
  columnLeaves,
  defaultMask,
  mostSensitive,
  piiLeafPaths,
} from "./classification.js";
export { ContractError, type ContractProblem } from "./errors.js";
export { col } from "./columns.js";
export { defineDataset } from "./define.js";
export { createRegistry, registry, type DatasetRegistry } from "./registry.js";
export type { AccessModelFile } from "./catalog/access.js";
export { hiveType } from "./generators/hive-type.js";
export { glueComment } from "./generators/comment.js";
export { glueColumns, type GlueColumn, type GlueTableColumns } from "./generators/glue.js";
export {
  sparkSchema,
  sparkType,
  type SparkDataType,
  type SparkStructType,
  type SparkStructField,
  type SparkArrayType,
  type SparkMapType,
} from "./generators/spark.js";
export { jsonSchema } from "./generators/json-schema.js";
export { athenaDdl, type AthenaDdlOptions } from "./generators/athena-ddl.js";
export { sparkDdl, type SparkDdlOptions } from "./generators/spark-ddl.js";
export { dqdlRules, dqdlRuleset } from "./generators/dqdl.js";
export {
  contractJson,
  CONTRACT_VERSION,
  type ContractJson,
  type ContractColumnJson,
  type RuleJson,
} from "./generators/contract-json.js";
export {
  contractVocabulary,
  type ContractVocabulary,
  type RuleKindVocabulary,
} from "./generators/vocabulary.js";
export {
  GOLD_QUERIES,
  SNAPSHOT_COLUMN,
  SNAPSHOT_PLACEHOLDER,
  SPARK_SNAPSHOT_DATE_PLACEHOLDER,
  SPARK_TABLE_PLACEHOLDER,
  TABLE_PLACEHOLDER,
  athenaNamedQueries,
  athenaPreparedStatements,
  athenaTableReference,
  checkGoldQueries,
  goldQueriesOf,
  sparkQueriesJson,
  sparkQuerySql,
  sparkQueryTemplate,
  type GoldQuery,
  type RenderedQuery,
  type SparkQueriesJson,
} from "./analytics/gold-queries.js";
export { GLUE_COMMENT_MAX, GLUE_NAME_MAX, RESERVED_WORDS } from "./validate/names.js";
