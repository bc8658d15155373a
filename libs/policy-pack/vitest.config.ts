import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The rule files keep no state; sharing a worker's module graph loads @pulumi/aws once per worker instead of
    // once per file (seconds each).
    isolate: false,
  },
});
