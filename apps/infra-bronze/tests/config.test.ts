import { describe, expect, it } from "vitest";
import { stackHarness } from "@lake/pulumi-mocks";
import { bronzeConfig } from "../src/config.js";

const harness = stackHarness(new URL("..", import.meta.url));

describe("bronze config", () => {
  it.each(["dev", "prod"])("parses the committed Pulumi.%s.yaml", (stack) => {
    const config = bronzeConfig.parseConfig(harness.config(stack), stack);
    expect(config.environment).toBe(stack);
    expect(config.protectData).toBe(stack === "prod");
  });

  it("takes the strings Pulumi passes and applies the defaults", () => {
    const config = bronzeConfig.parse(
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
    [{ "infra-bronze:namePrefix": "Lake_Dev" }, "→ at namePrefix"],
    [{ "aws:region": "Europe" }, "→ at region"],
    [{ "infra-bronze:protectData": "maybe" }, "→ at protectData"],
    [{ "infra-bronze:kmsDeletionWindowDays": "3" }, "→ at kmsDeletionWindowDays"],
    [{ "infra-bronze:retentionDay": "3" }, 'Unrecognized key: "retentionDay"'],
  ])("rejects %j naming the stack, the file and the key", (override, message) => {
    let error: Error | undefined;
    try {
      bronzeConfig.parseConfig({ ...harness.config("dev"), ...override }, "dev");
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('infra-bronze stack "dev": invalid configuration in Pulumi.dev.yaml');
    expect(error?.message).toContain(message);
  });
});
