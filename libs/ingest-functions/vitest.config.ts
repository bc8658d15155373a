import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // moto's server on loopback, started once for every test file and stopped after (tests/moto-server.ts).
    globalSetup: ["tests/moto-server.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
