import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readPulumiProject, readStackFile, stackFileFromDocument } from "../src/stack-files.js";

const fixture = fileURLToPath(new URL("./fixture-project/", import.meta.url));

describe("stackFileFromDocument", () => {
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
    expect(stackFileFromDocument("infra-bronze", doc, "Pulumi.dev.yaml")).toEqual({
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
    expect(stackFileFromDocument("p", {}, "f").config).toEqual({});
  });

  it("names the file when config is not a mapping", () => {
    expect(() => stackFileFromDocument("p", { config: ["x"] }, "apps/p/Pulumi.dev.yaml")).toThrow(
      'apps/p/Pulumi.dev.yaml: "config" must be a mapping',
    );
  });
});

describe("readStackFile", () => {
  it("reads the project's name from Pulumi.yaml and its stack file as the engine passes it", () => {
    expect(readPulumiProject(fixture)).toEqual({ name: "fixture-project", main: "index.ts" });
    expect(readStackFile(fixture, "dev")).toEqual({
      config: {
        "aws:region": "eu-central-1",
        "fixture-project:environment": "dev",
        "fixture-project:protectData": "false",
        "fixture-project:tags": '{"team":"data"}',
        "other-project:ignored": "true",
      },
      secretKeys: [],
    });
  });

  it("names the missing file", () => {
    expect(() => readStackFile(fixture, "qa")).toThrow(/Pulumi\.qa\.yaml does not exist/);
  });
});
