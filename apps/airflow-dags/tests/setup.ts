import { stackHarness } from "@lake/pulumi-mocks";

// Mocks are set (awaited, preview=false) before any test file imports stack code; each evaluation resets them.
await stackHarness(new URL("..", import.meta.url)).start("dev");
