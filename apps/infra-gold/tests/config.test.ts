import { describe, expect, it } from "vitest";
import { stackHarness } from "@lake/pulumi-mocks";
import { AWS_REGION_KEY, projectValues } from "@lake/stacks";
import { goldConfig } from "../src/config.js";

const harness = stackHarness(new URL("..", import.meta.url));
/** The committed stack file's values as the schema sees them, to change one key at a time. */
const stackFileConfig = (stack: string) => projectValues(harness.config(stack), "infra-gold", AWS_REGION_KEY);
const parseGoldConfig = goldConfig.parse;

describe("gold config", () => {
  it.each(["dev", "prod"])("parses the committed Pulumi.%s.yaml", (stack) => {
    const config = parseGoldConfig(stackFileConfig(stack), stack);
    expect(config.silverStack).toBe(`organization/infra-silver/${stack}`);
    expect(config.athenaWorkgroups.map((w) => w.name)).toEqual(["analysts", "bi"]);
    expect(config.spectrum.enabled).toBe(stack === "prod");
  });

  it("defaults Spectrum to off and results to a bucket of their own", () => {
    const { spectrum, athenaResults, ...rest } = stackFileConfig("dev");
    void [spectrum, athenaResults];
    const config = parseGoldConfig(rest, "dev");
    expect(config.spectrum).toEqual({ enabled: false, schemaName: "gold", database: "dev" });
    expect(config.athenaResults).toBe("results-bucket");
  });

  it.each([
    [
      { athenaWorkgroups: [{ name: "bi", bytesScannedCutoffPerQuery: 1000 }] },
      "at least 10485760 bytes",
      "athenaWorkgroups[0].bytesScannedCutoffPerQuery",
    ],
    [{ athenaWorkgroups: [] }, "Too small", "athenaWorkgroups"],
    [
      { spectrum: { enabled: true, workgroupName: "wg", clusterIdentifier: "c", dbUser: "u" } },
      "not both",
      "spectrum",
    ],
    [{ spectrum: { enabled: true, clusterIdentifier: "c" } }, "needs dbUser", "spectrum"],
    [{ athenaResults: "s3" }, "Invalid option", "athenaResults"],
  ])("rejects %j naming the stack, the file and the key", (override, message, key) => {
    let error: Error | undefined;
    try {
      parseGoldConfig({ ...stackFileConfig("dev"), ...override }, "dev");
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('infra-gold stack "dev": invalid configuration in Pulumi.dev.yaml');
    expect(error?.message).toContain(message);
    expect(error?.message).toContain(`→ at ${key}`);
  });
});
