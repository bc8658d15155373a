import { describe, expect, it } from "vitest";
import {
  glueSettingsErrors,
  resolveGlueSettings,
  type GlueJobSettings,
} from "../../src/compute/glue-settings.js";

describe("resolveGlueSettings", () => {
  it("applies the defaults once", () => {
    expect(resolveGlueSettings()).toEqual({
      workerType: "G.1X",
      numberOfWorkers: 2,
      autoScaling: true,
      executionClass: "STANDARD",
      timeoutMinutes: 60,
      maxRetries: 1,
      jobBookmarks: false,
      maxConcurrentRuns: 1,
    });
    expect(resolveGlueSettings({ maxRetries: 0 }).maxRetries).toBe(0);
  });
});

describe("glueSettingsErrors", () => {
  it.each<[string, GlueJobSettings, RegExp | null]>([
    ["defaults", {}, null],
    ["Flex on G.2X", { executionClass: "FLEX", workerType: "G.2X" }, null],
    [
      "Flex on G.4X",
      { executionClass: "FLEX", workerType: "G.4X" },
      /glue\.executionClass FLEX runs only on G\.1X or G\.2X workers, not G\.4X/,
    ],
    [
      "a streaming worker",
      { workerType: "G.025X" as never },
      /glue\.workerType "G\.025X" is not a Glue 5\.0 Spark worker type/,
    ],
    ["one worker", { numberOfWorkers: 1 }, /glue\.numberOfWorkers must be a whole number ≥ 2/],
    ["a zero timeout", { timeoutMinutes: 0 }, /glue\.timeoutMinutes must be a whole number from 1 to 2880/],
    ["negative retries", { maxRetries: -1 }, /glue\.maxRetries/],
    ["zero concurrency", { maxConcurrentRuns: 0 }, /glue\.maxConcurrentRuns/],
  ])("%s", (_label, settings, message) => {
    const errors = glueSettingsErrors(resolveGlueSettings(settings));
    if (message === null) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringMatching(message)]);
  });
});
