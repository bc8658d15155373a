import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AWS_REGION_KEY, readStackConfig } from "../../src/index.js";

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
