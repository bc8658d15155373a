import { startStack } from "./harness.js";

// Mocks are in place before any test file imports stack code; each evaluation resets them with startStack.
await startStack("dev");
