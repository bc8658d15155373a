import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parsePlan, readPlans, withEngineUnknowns } from "../src/plan-input.js";
import { UNKNOWN } from "./helpers.js";

const fixtures = fileURLToPath(new URL("./fixtures/plans/", import.meta.url));

describe("withEngineUnknowns", () => {
  it("replaces the plan's [unknown] at any depth with the engine's sentinel, and keeps [secret]", () => {
    expect(withEngineUnknowns({ a: "[unknown]", b: ["x", { c: "[unknown]" }], d: "[secret]", e: 1 })).toEqual(
      {
        a: UNKNOWN,
        b: ["x", { c: UNKNOWN }],
        d: "[secret]",
        e: 1,
      },
    );
  });
});

describe("parsePlan", () => {
  it.each([
    ["text that is not JSON", "{", /x.json is not valid JSON/],
    [
      "a document without project",
      JSON.stringify({ stack: "dev", resources: [] }),
      /x.json is not an offline plan \(it needs "project", "stack" and "resources"\)/,
    ],
    [
      "a document without resources",
      JSON.stringify({ project: "p", stack: "dev" }),
      /x.json is not an offline plan/,
    ],
    [
      "a resource without a type",
      JSON.stringify({ project: "p", stack: "dev", resources: [{ urn: "u", name: "n" }] }),
      /x.json is not an offline plan: resource 0 has no urn, type or name/,
    ],
  ])("refuses %s, naming the file", (_what, text, message) => {
    expect(() => parsePlan(text, "x.json")).toThrow(message);
  });

  it("gives the inputs as properties and keeps parents", () => {
    const plan = parsePlan(
      JSON.stringify({
        project: "p",
        stack: "dev",
        resources: [
          { urn: "u", type: "aws:sqs/queue:Queue", name: "q", parent: "c", inputs: { name: "[unknown]" } },
        ],
      }),
      "p.dev.json",
    );
    expect(plan.resources).toEqual([
      { urn: "u", type: "aws:sqs/queue:Queue", name: "q", parent: "c", props: { name: UNKNOWN } },
    ]);
  });
});

describe("readPlans", () => {
  it("reads every plan of a folder and answers stack references with the referenced plan's outputs", () => {
    const plans = readPlans(`${fixtures}clean`);
    expect(plans.map((p) => `${p.project}.${p.stack}`)).toEqual(["ingest.dev", "storage.dev"]);
    const reference = plans[0]?.resources.find((r) => r.type === "pulumi:pulumi:StackReference");
    expect(reference?.props).toEqual({
      name: "organization/storage/dev",
      outputs: { bucketArn: "arn:aws:s3:::lake-dev-data" },
    });
  });
});
