// The least-privilege policy of the role a Glue Data Quality ruleset evaluation runs as
// (StartDataQualityRulesetEvaluationRun's `Role`), as pure data: read the evaluated table and the tables its
// ReferentialIntegrity rules name, publish the results against its own ruleset, write its logs and metrics.
import * as pulumi from "@pulumi/pulumi";
import { glueCatalogArn, glueTableArn, logGroupArnPrefix } from "../iam/arns.js";
import {
  glueCatalogStatements,
  kmsStatements,
  lakeFormationDataAccessStatement,
  logsStatements,
  metricsStatement,
  s3ReadStatements,
  type PolicyStatement,
} from "../iam/policy-document.js";

/** The CloudWatch namespace Glue Data Quality publishes rule metrics to (`CloudWatchMetricsEnabled`). */
export const DATA_QUALITY_METRICS_NAMESPACE = "Glue Data Quality";
/** Glue Data Quality writes its run logs under this log group prefix. */
export const DATA_QUALITY_LOG_GROUP_PREFIX = "/aws-glue/data-quality/";

export interface DataQualityRunAccess {
  /** The ruleset the run evaluates and publishes its results against. */
  readonly rulesetArn: pulumi.Input<string>;
  /** The database of the evaluated table and of the tables its references rules read. */
  readonly databaseArn: pulumi.Input<string>;
  /** The evaluated table first, then the referenced ones. */
  readonly tables: readonly string[];
  /** The bucket holding those tables, and each table's key prefix in it. */
  readonly bucketArn: pulumi.Input<string>;
  readonly tablePrefixes: readonly string[];
  /** The key the tables' objects are encrypted with. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

export function dataQualityRunStatements(a: DataQualityRunAccess): PolicyStatement[] {
  const databaseArn = pulumi.output(a.databaseArn);
  return [
    // The evaluation reads the table through the Data Catalog: catalog, database and each table.
    ...glueCatalogStatements(
      {
        catalogArn: databaseArn.apply(glueCatalogArn),
        databaseArn,
        tableArns: a.tables.map((t) => databaseArn.apply((arn) => glueTableArn(arn, t))),
      },
      "read",
      "CatalogRead",
    ),
    ...s3ReadStatements({ bucketArn: a.bucketArn, prefixes: [...a.tablePrefixes] }, "ReadTables"),
    ...kmsStatements([a.kmsKeyArn], "decrypt", "DecryptTables"),
    // Both are authorized on the ruleset (the Glue Data Quality actions table: dataQualityRuleset/<name>).
    {
      Sid: "PublishResults",
      Effect: "Allow",
      Action: ["glue:GetDataQualityRuleset", "glue:PublishDataQuality"],
      Resource: [a.rulesetArn],
    },
    // The silver tables are governed by Lake Formation: the run's credentials for their locations come from
    // GetDataAccess; the grants decide what it reads.
    lakeFormationDataAccessStatement(),
    ...logsStatements(databaseArn.apply((arn) => logGroupArnPrefix(arn, DATA_QUALITY_LOG_GROUP_PREFIX))),
    metricsStatement(DATA_QUALITY_METRICS_NAMESPACE),
  ];
}
