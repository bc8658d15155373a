// Public API of @lake/lake-components: the ComponentResources the layer stacks compose, and the pure helpers
// (naming, policy documents, lifecycle rules) their tests and policy checks use.
export * from "./naming.js";
export * from "./physical-names.js";
export * from "./aws-context.js";

export * from "./iam/arns.js";
export * from "./iam/policy-document.js";
export * from "./iam/service-role.js";

export * from "./storage/access-log-bucket.js";
export * from "./storage/bucket-guards.js";
export * from "./storage/bucket-notifications.js";
export * from "./storage/bucket-policy.js";
export * from "./storage/key-policy.js";
export * from "./storage/lake-bucket.js";
export * from "./storage/lake-key.js";
export * from "./storage/lifecycle.js";

export * from "./catalog/crawler-settings.js";
export * from "./catalog/dataset-table.js";
export * from "./catalog/iceberg-schema.js";
export * from "./catalog/layer-database.js";
export * from "./catalog/source-crawler.js";
export * from "./catalog/table-input.js";

export * from "./compute/artifacts.js";
export * from "./compute/glue-job.js";
export * from "./compute/glue-settings.js";
export * from "./compute/job-arguments.js";
export * from "./compute/job-package.js";
export * from "./compute/job-package-upload.js";
export * from "./compute/job-policy.js";
export * from "./compute/spark-job.js";
export * from "./compute/zip.js";

export * from "./quality/data-quality-policy.js";
export * from "./quality/data-quality-ruleset.js";

export * from "./security/mask-key-secret.js";

export * from "./analytics/athena-workgroup.js";
export * from "./analytics/spectrum-access.js";
export * from "./analytics/spectrum-sql.js";

export * from "./orchestration/dag-bundle.js";
export * from "./orchestration/execution-role-policy.js";
export * from "./orchestration/mwaa-environment.js";
export * from "./orchestration/mwaa-settings.js";
export * from "./orchestration/network-plan.js";
export * from "./orchestration/private-network.js";

export * from "./storage/encrypted-queue.js";

export * from "./ingest/api-ingestion.js";
export * from "./ingest/cdc-ingestion.js";
export * from "./ingest/dms-settings.js";
export * from "./ingest/file-ingestion.js";
export * from "./ingest/file-settings.js";
export * from "./ingest/firehose-settings.js";
export * from "./ingest/ingest-function.js";
export * from "./ingest/lambda-settings.js";
export * from "./ingest/scheduler-settings.js";
export * from "./ingest/secrets.js";
export * from "./ingest/stream-ingestion.js";
export * from "./ingest/stream-source.js";
// The API sources' pull settings are the puller's own schema; stacks parse their config with it.
export { pullSettingsSchema, type PullSettingsInput } from "@lake/ingest-functions";

export * from "./governance/access-model.js";
export * from "./governance/effective-access.js";
export * from "./governance/grant-shape.js";
export * from "./governance/lf-grants.js";
export * from "./governance/row-filter.js";
export * from "./governance/lake-access.js";
export * from "./governance/lake-formation-settings.js";
