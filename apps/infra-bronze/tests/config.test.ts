import { describe, expect, it } from "vitest";
import { parseBronzeConfig } from "../src/config.js";
import { stackHarness } from "@lake/lake-components/testing";

const { stackFileConfig } = stackHarness(new URL("..", import.meta.url));

describe("bronze config", () => {
  it.each(["dev", "prod"])("parses the committed Pulumi.%s.yaml", (stack) => {
    const config = parseBronzeConfig(stackFileConfig(stack), stack);
    expect(config.environment).toBe(stack);
    expect(config.protectData).toBe(stack === "prod");
  });

  it("takes the strings Pulumi passes and applies the defaults", () => {
    const config = parseBronzeConfig(
      {
        region: "us-east-1",
        environment: "dev",
        namePrefix: "lake-test",
        protectData: "false",
        tags: '{"team":"data"}',
      },
      "test",
    );
    expect(config).toEqual({
      region: "us-east-1",
      environment: "dev",
      namePrefix: "lake-test",
      protectData: false,
      kmsDeletionWindowDays: 30,
      accessLogRetentionDays: 365,
      tags: { team: "data" },
    });
  });

  it.each([
    [{ namePrefix: "Lake_Dev" }, "→ at namePrefix"],
    [{ region: undefined }, "→ at region"],
    [{ protectData: "maybe" }, "→ at protectData"],
    [{ kmsDeletionWindowDays: 3 }, "→ at kmsDeletionWindowDays"],
    [{ retentionDay: 3 }, 'Unrecognized key: "retentionDay"'],
  ])("rejects %j naming the stack, the file and the key", (override, message) => {
    const raw = { ...stackFileConfig("dev"), ...override };
    let error: Error | undefined;
    try {
      parseBronzeConfig(raw, "dev");
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('infra-bronze stack "dev": invalid configuration in Pulumi.dev.yaml');
    expect(error?.message).toContain(message);
  });
});
