import { resolveGlueSettings } from "@lake/lake-components";
import { stackHarness } from "@lake/pulumi-mocks";
import { glueJobSettings } from "@lake/stacks";
import { describe, expect, it } from "vitest";
import { silverConfig } from "../src/config.js";

const harness = stackHarness(new URL("..", import.meta.url));

describe("silver config", () => {
  it.each(["dev", "prod"])(
    "parses the committed Pulumi.%s.yaml and reads the bronze stack of the same name",
    (stack) => {
      const config = silverConfig.parseConfig(harness.config(stack), stack);
      expect(config.environment).toBe(stack);
      expect(config.bronzeStack).toBe(`organization/infra-bronze/${stack}`);
      expect(config.protectData).toBe(stack === "prod");
    },
  );

  it("leaves unset Glue settings to SparkJob's defaults", () => {
    const file = Object.fromEntries(
      Object.entries(harness.config("dev")).filter(
        ([key]) => !/(workerType|Workers|timeout|Retries)/.test(key),
      ),
    );
    const config = silverConfig.parseConfig(file, "dev");
    expect(glueJobSettings(config)).toEqual({
      workerType: undefined,
      numberOfWorkers: undefined,
      timeoutMinutes: undefined,
      maxRetries: undefined,
    });
    expect(resolveGlueSettings(glueJobSettings(config))).toMatchObject({
      workerType: "G.1X",
      numberOfWorkers: 2,
      timeoutMinutes: 60,
      maxRetries: 1,
    });
  });

  it.each([
    [{ "infra-silver:bronzeStack": "infra-bronze" }, "→ at bronzeStack"],
    [{ "infra-silver:workerType": "G.025X" }, "→ at workerType"],
    [{ "infra-silver:numberOfWorkers": "1" }, "→ at numberOfWorkers"],
    [{ "infra-silver:environment": "qa" }, "→ at environment"],
  ])("rejects %j naming the stack, the file and the key", (override, message) => {
    const parse = () => silverConfig.parseConfig({ ...harness.config("dev"), ...override }, "dev");
    expect(parse).toThrow(message);
    expect(parse).toThrow('infra-silver stack "dev": invalid configuration in Pulumi.dev.yaml');
  });
});
