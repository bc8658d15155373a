import { describe, expect, it } from "vitest";
import { parseStackName, stackConfigFromDocument } from "../src/pulumi-project.js";

describe("stackConfigFromDocument", () => {
  it("qualifies bare keys with the project, stringifies structured values and hides secure values", () => {
    const doc = {
      config: {
        "aws:region": "eu-west-1",
        retentionDays: 90,
        "infra-bronze:tags": { team: "data" },
        enableSpectrum: false,
        apiToken: { secure: "v1:abc" },
      },
    };
    expect(stackConfigFromDocument("infra-bronze", doc, "Pulumi.dev.yaml")).toEqual({
      config: {
        "aws:region": "eu-west-1",
        "infra-bronze:retentionDays": "90",
        "infra-bronze:tags": '{"team":"data"}',
        "infra-bronze:enableSpectrum": "false",
        "infra-bronze:apiToken": "[secret]",
      },
      secretKeys: ["infra-bronze:apiToken"],
    });
  });

  it("accepts a stack file without config", () => {
    expect(stackConfigFromDocument("p", {}, "f").config).toEqual({});
  });

  it("names the file when config is not a mapping", () => {
    expect(() => stackConfigFromDocument("p", { config: ["x"] }, "apps/p/Pulumi.dev.yaml")).toThrow(
      'apps/p/Pulumi.dev.yaml: "config" must be a mapping',
    );
  });
});

describe("parseStackName", () => {
  it.each([
    ["organization/infra-bronze/dev", { project: "infra-bronze", stack: "dev" }],
    ["infra-bronze/prod", { project: "infra-bronze", stack: "prod" }],
  ])("reads %s", (name, expected) => {
    expect(parseStackName(name)).toEqual(expected);
  });

  it.each(["dev", "a//b", "a/b/c/d"])("rejects %s with what a name must look like", (name) => {
    expect(() => parseStackName(name)).toThrow("<organization>/<project>/<stack>");
  });
});
