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
      ingestionLogRetentionDays: 30,
      ingestion: {},
      tags: { team: "data" },
    });
  });

  it("reads each source's ingestion settings, with the puller's own defaults", () => {
    const config = bronzeConfig.parseConfig(harness.config("dev"), "dev");
    expect(Object.keys(config.ingestion).sort()).toEqual(["support_tickets", "transactions", "web_events"]);
    expect(config.ingestion["transactions"]?.cdc).toMatchObject({ engine: "postgres", sslMode: "require" });
    expect(config.ingestion["support_tickets"]?.api?.pull).toMatchObject({
      itemsPath: "tickets",
      maxPages: 1000,
      auth: { header: "Authorization", scheme: "Bearer", secretField: "token" },
    });
  });

  it.each([
    [{ "infra-bronze:namePrefix": "Lake_Dev" }, "→ at namePrefix"],
    [{ "aws:region": "Europe" }, "→ at region"],
    [{ "infra-bronze:protectData": "maybe" }, "→ at protectData"],
    [{ "infra-bronze:kmsDeletionWindowDays": "3" }, "→ at kmsDeletionWindowDays"],
    [{ "infra-bronze:retentionDay": "3" }, 'Unrecognized key: "retentionDay"'],
    [{ "infra-bronze:ingestion": '{"web_events": {}}' }, "set exactly one of stream, cdc, api"],
    [
      {
        "infra-bronze:ingestion":
          '{"transactions": {"cdc": {"engine": "postgres", "databaseName": "o", "secret": "s", "subnetIds": ["subnet-1", "vpc-2"], "securityGroupIds": ["sg-1"]}}}',
      },
      "must be a subnet id",
    ],
    [
      {
        "infra-bronze:ingestion":
          '{"support_tickets": {"api": {"secret": "s", "pull": {"url": "http://api.example.com", "pagination": {"mode": "page", "pageParam": "p"}}}}}',
      },
      "must be an https:// URL",
    ],
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
