import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AWS_REGION_KEY, jsonConfig, readStackConfig, stackConfig } from "../../src/index.js";

describe("readStackConfig", () => {
  // tests/setup.ts sets the mocks for project "lake-components".
  pulumi.runtime.setAllConfig({
    "aws:region": "eu-central-1",
    "lake-components:namePrefix": "lake-dev",
    "lake-components:tags": '{"team":"data"}',
    "other-project:namePrefix": "other",
  });

  it("gives the project's keys without their namespace, as the engine passed them", () => {
    expect(readStackConfig()).toEqual({ namePrefix: "lake-dev", tags: '{"team":"data"}' });
  });

  it("adds each foreign key under its local name", () => {
    expect(readStackConfig(AWS_REGION_KEY)).toEqual({
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
    { project: "lake-components", foreignKeys: AWS_REGION_KEY },
  );

  it("loads what the engine passed, parsed", () => {
    pulumi.runtime.setAllConfig({
      "aws:region": "eu-central-1",
      "lake-components:namePrefix": "lake-dev",
      "lake-components:tags": '{"team":"data"}',
    });
    expect(config.load()).toEqual({ region: "eu-central-1", namePrefix: "lake-dev", tags: { team: "data" } });
  });

  it("parses a raw configuration naming the project, the stack and the foreign key", () => {
    expect(() => config.parse({ namePrefix: "x", tags: {} }, "prod")).toThrow(
      'lake-components stack "prod": invalid configuration in Pulumi.prod.yaml (keys are "lake-components:<key>", region is "aws:region")',
    );
  });
});
