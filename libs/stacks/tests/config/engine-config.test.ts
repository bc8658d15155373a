import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AWS_REGION_KEY, jsonConfig, readEngineConfig, stackConfig } from "../../src/index.js";

describe("readEngineConfig", () => {
  // tests/setup.ts sets the mocks for project "stacks".
  pulumi.runtime.setAllConfig({
    "aws:region": "eu-central-1",
    "stacks:namePrefix": "lake-dev",
    "stacks:tags": '{"team":"data"}',
    "other-project:namePrefix": "other",
  });

  it("gives the project's keys without their namespace, as the engine passed them", () => {
    expect(readEngineConfig()).toEqual({ namePrefix: "lake-dev", tags: '{"team":"data"}' });
  });

  it("adds each foreign key under its local name", () => {
    expect(readEngineConfig(AWS_REGION_KEY)).toEqual({
      namePrefix: "lake-dev",
      tags: '{"team":"data"}',
      region: "eu-central-1",
    });
  });
});

describe("stackConfig", () => {
  const config = stackConfig(
    z.strictObject({
      region: z.string(),
      namePrefix: z.string(),
      tags: jsonConfig(z.record(z.string(), z.string())),
    }),
    { project: "stacks", foreignKeys: AWS_REGION_KEY },
  );

  it("loads what the engine passed, parsed", () => {
    pulumi.runtime.setAllConfig({
      "aws:region": "eu-central-1",
      "stacks:namePrefix": "lake-dev",
      "stacks:tags": '{"team":"data"}',
    });
    expect(config.load()).toEqual({ region: "eu-central-1", namePrefix: "lake-dev", tags: { team: "data" } });
  });

  it("parses a stack file's config exactly as what the engine passes", () => {
    const file = {
      "aws:region": "us-east-1",
      "stacks:namePrefix": "lake-qa",
      "stacks:tags": "{}",
      "x:y": "z",
    };
    expect(config.parseConfig(file, "qa")).toEqual({ region: "us-east-1", namePrefix: "lake-qa", tags: {} });
  });

  it("parses a raw configuration naming the project, the stack and the foreign key", () => {
    expect(() => config.parse({ namePrefix: "x", tags: {} }, "prod")).toThrow(
      'stacks stack "prod": invalid configuration in Pulumi.prod.yaml (keys are "stacks:<key>", region is "aws:region")',
    );
  });
});
