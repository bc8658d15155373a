// `@lake/pulumi-mocks`: the one mocked Pulumi engine of the workspace (state table, provider functions, the
// registration record, the stack-file reader and the stack test harness). Used by the offline plan and by every
// component and stack test; never by a deployed program.
export * from "./resource-state.js";
export * from "./calls.js";
export * from "./engine.js";
export * from "./stack-files.js";
export * from "./stack-harness.js";
