// Runs before every test file imports the modules under test: the mocks (preview=false, so outputs resolve to
// the mocked state) must be in place before any resource is constructed.
import { startEngine } from "@lake/pulumi-mocks";

await startEngine({ project: "lake-components", stack: "test" });
