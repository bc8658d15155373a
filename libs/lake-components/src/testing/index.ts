// `@lake/lake-components/testing`: Pulumi mocks and a stack test harness for the components' and the stacks'
// tests. A separate entry point, so nothing of it reaches a deployment through the package's main entry.
export * from "./mock-state.js";
export * from "./mocks.js";
export * from "./policies.js";
export * from "./stack-harness.js";
export * from "./protection.js";
