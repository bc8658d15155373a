// Tools for tests of the workspace itself (its Nx graph, its generators, its walkthroughs).
export * from "./sandbox.js";
