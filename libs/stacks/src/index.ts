// Public API of @lake/stacks: what the Pulumi stacks of `apps/` share. The config each stack parses, the outputs
// each stack exports (its contract with every reader), and the scaffolding every layer stack composes with.
export * from "./config/stack-config.js";
export * from "./config/engine-config.js";
export * from "./config/fields.js";

export * from "./outputs/stack-contract.js";
export * from "./outputs/layers.js";
export * from "./outputs/airflow.js";

export * from "./scaffold/bucket-name.js";
export * from "./scaffold/per-dataset.js";
export * from "./scaffold/protection.js";
export * from "./scaffold/longest-names.js";
export * from "./scaffold/layer-storage.js";

export * from "./testing/upstream-outputs.js";
