import { describe, expect, it } from "vitest";
import { parseSilverConfig } from "../src/config.js";
import { stackHarness } from "@lake/lake-components/testing";

const { stackFileConfig } = stackHarness(new URL("..", import.meta.url));

describe("silver config", () => {
  it.each(["dev", "prod"])(
    "parses the committed Pulumi.%s.yaml and reads the bronze stack of the same name",
    (stack) => {
      const config = parseSilverConfig(stackFileConfig(stack), stack);
      expect(config.environment).toBe(stack);
      expect(config.bronzeStack).toBe(`organization/infra-bronze/${stack}`);
      expect(config.protectData).toBe(stack === "prod");
    },
  );

  it("applies the Glue defaults", () => {
    const { workerType, numberOfWorkers, timeoutMinutes, maxRetries, ...rest } = stackFileConfig("dev");
    void [workerType, numberOfWorkers, timeoutMinutes, maxRetries];
    expect(parseSilverConfig(rest, "dev")).toMatchObject({
      workerType: "G.1X",
      numberOfWorkers: 2,
      timeoutMinutes: 60,
      maxRetries: 1,
    });
  });

  it.each([
    [{ bronzeStack: "infra-bronze" }, "→ at bronzeStack"],
    [{ workerType: "G.025X" }, "→ at workerType"],
    [{ numberOfWorkers: 1 }, "→ at numberOfWorkers"],
    [{ environment: undefined }, "→ at environment"],
  ])("rejects %j naming the stack, the file and the key", (override, message) => {
    expect(() => parseSilverConfig({ ...stackFileConfig("dev"), ...override }, "dev")).toThrow(message);
    expect(() => parseSilverConfig({ ...stackFileConfig("dev"), ...override }, "dev")).toThrow(
      'infra-silver stack "dev": invalid configuration in Pulumi.dev.yaml',
    );
  });
});
