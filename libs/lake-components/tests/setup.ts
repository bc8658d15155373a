// Runs before every test file imports the modules under test: mocks must be in place before any resource
// is constructed. preview=false so outputs resolve to the mocked state.
import * as pulumi from "@pulumi/pulumi";
import { mocks } from "./mocks.js";

await pulumi.runtime.setMocks(mocks, "project", "stack", false);
