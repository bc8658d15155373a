// Public API of @lake/lake-components: the ComponentResources the layer stacks compose, and the pure helpers
// (naming, policy documents, lifecycle rules) their tests and policy checks use.
export * from "./naming.js";
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
