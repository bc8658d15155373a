import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Each test runs Nx in a copy of the workspace: seconds per call, more on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
