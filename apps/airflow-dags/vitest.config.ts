import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // A whole stack evaluated under mocks takes seconds, more on a loaded machine.
    testTimeout: 60_000,
    setupFiles: ["tests/setup.ts"],
  },
});
