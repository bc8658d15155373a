// The mocks (preview=false) are set before any test file creates a resource or reads config.
import { startEngine } from "@lake/pulumi-mocks";

await startEngine({ project: "stacks", stack: "test" });
