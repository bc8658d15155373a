// Public API of @lake/ingest-functions: the bundles the stacks deploy, the bronze layout they share, and the pure
// parts of each function for whoever needs the same rules (the Firehose prefix, the puller's config).
export * from "./layout.js";
export * from "./bundle.js";
export { awsClientConfig } from "./environment.js";
export { decodeS3Key, objectsOfMessage, type CreatedObject } from "./cataloging/s3-event.js";
export { lakeTags, mergeTags, MAX_OBJECT_TAGS, type Tag } from "./cataloging/tags.js";
export {
  parsePullConfig,
  pullConfigSchema,
  pullSettingsSchema,
  type PullConfig,
  type PullConfigInput,
  type PullSettings,
  type PullSettingsInput,
} from "./puller/config.js";
