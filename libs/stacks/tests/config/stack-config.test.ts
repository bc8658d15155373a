import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AWS_REGION_KEY,
  glueJobFields,
  jsonConfig,
  layerStackFields,
  parseStackConfig,
  StackConfigError,
  stackReferenceSchema,
} from "../../src/index.js";

const schema = z.strictObject({ ...layerStackFields, upstream: stackReferenceSchema, ...glueJobFields });
const context = { project: "infra-test", stack: "dev", foreignKeys: AWS_REGION_KEY };
const valid = {
  region: "eu-west-1",
  environment: "dev",
  namePrefix: "lake-dev",
  protectData: "false",
  upstream: "organization/infra-bronze/dev",
};

describe("parseStackConfig", () => {
  it.each([
    [
      "the values as Pulumi passes them (strings, JSON for the rest)",
      { ...valid, tags: '{"team":"data"}', numberOfWorkers: "4" },
      { protectData: false, tags: { team: "data" }, numberOfWorkers: 4 },
    ],
    [
      "typed values, as tests pass them",
      { ...valid, protectData: true, maxRetries: 0 },
      { protectData: true, maxRetries: 0 },
    ],
    ["no tags and no Glue settings, leaving the Glue defaults to SparkJob", valid, { tags: {} }],
    ["every Glue 5.0 Spark worker type", { ...valid, workerType: "R.8X" }, { workerType: "R.8X" }],
  ])("accepts %s", (_, raw, expected) => {
    expect(parseStackConfig(schema, raw, context)).toMatchObject(expected);
  });

  it.each([
    ["a bad value", { namePrefix: "Lake_Dev" }, "→ at namePrefix", "lowercase letters, digits or hyphens"],
    ["a missing key", { region: undefined }, "→ at region", "expected string"],
    ["text where JSON is expected", { protectData: "maybe" }, "→ at protectData", "expected boolean"],
    ["a number out of range", { numberOfWorkers: "1" }, "→ at numberOfWorkers", "Too small"],
    ["a worker type Glue 5.0 has no Spark job for", { workerType: "G.025X" }, "→ at workerType", "G.1X"],
    [
      "a stack name without organization",
      { upstream: "infra-bronze" },
      "→ at upstream",
      "<organization>/<project>/<stack>",
    ],
    ["an unknown key (a typo)", { protectdata: true }, 'Unrecognized key: "protectdata"', ""],
    ["a bad tag value", { tags: { team: 1 } }, "→ at tags.team", "expected string"],
  ])("rejects %s, naming the stack, the file and the key", (_, override, where, what) => {
    let error: unknown;
    try {
      parseStackConfig(schema, { ...valid, ...override }, context);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    const message = (error as Error).message;
    expect(message).toContain(
      'infra-test stack "dev": invalid configuration in Pulumi.dev.yaml (keys are "infra-test:<key>", region is "aws:region"):',
    );
    expect(message).toContain(where);
    expect(message).toContain(what);
  });

  it("reports every bad key at once, and keeps them on the error", () => {
    const error = (() => {
      try {
        parseStackConfig(schema, { ...valid, namePrefix: "x", environment: "qa" }, context);
      } catch (e) {
        return e as StackConfigError;
      }
      throw new Error("expected a StackConfigError");
    })();
    expect(error.issues.map((i) => i.path.join("."))).toEqual(["environment", "namePrefix"]);
    expect([error.project, error.stackName]).toEqual(["infra-test", "dev"]);
  });

  it("names only the project's namespace for a stack that reads no foreign key", () => {
    expect(() =>
      parseStackConfig(
        z.object({ environment: z.enum(["dev", "prod"]) }),
        {},
        { project: "governance", stack: "prod" },
      ),
    ).toThrow(
      'governance stack "prod": invalid configuration in Pulumi.prod.yaml (keys are "governance:<key>"):\n✖',
    );
  });
});

describe("jsonConfig", () => {
  it.each([
    ['{"a":"b"}', z.record(z.string(), z.string()), { a: "b" }],
    ["12", z.int(), 12],
    ["true", z.boolean(), true],
    ["G.1X", z.string(), "G.1X"],
  ])("reads %j", (text, inner, expected) => {
    expect(jsonConfig(inner).parse(text)).toEqual(expected);
  });
});
