import { finishEngine, resolve, startEngine } from "@lake/pulumi-mocks";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  bronzeStack,
  defineStackContract,
  exportMismatches,
  goldStack,
  outputNames,
  readStack,
  silverStack,
} from "../../src/index.js";

interface Example {
  readonly bucketName: string;
  readonly jobs: Record<string, string>;
}
const example = defineStackContract<Example>("upstream", {
  bucketName: "The bucket.",
  jobs: "Job per dataset.",
});

describe("readStack", () => {
  it("reads each named output of the stack through one StackReference", async () => {
    await startEngine({
      project: "downstream",
      stack: "dev",
      stackOutputs: (name) => {
        if (name !== "organization/upstream/dev") throw new Error(`unexpected ${name}`);
        return { bucketName: "lake-dev-bronze", jobs: { customers: "b2s-customers" } };
      },
    });
    const outputs = readStack(example, "organization/upstream/dev", ["bucketName", "jobs"]);
    expect(Object.keys(outputs)).toEqual(["bucketName", "jobs"]);
    expect(await resolve(outputs.bucketName)).toBe("lake-dev-bronze");
    expect(await resolve(outputs.jobs)).toEqual({ customers: "b2s-customers" });
    await finishEngine();
  });

  it("fails the evaluation naming an output the stack does not export", async () => {
    await startEngine({ project: "downstream", stack: "dev", stackOutputs: () => ({ bucketName: "b" }) });
    readStack(example, "organization/upstream/dev", ["jobs"]);
    await expect(finishEngine()).rejects.toThrow(/jobs/);
  });

  it("refuses a stack of another project before reading anything", () => {
    expect(() => readStack(example, "organization/infra-gold/dev", ["bucketName"])).toThrow(
      'StackReference "organization/infra-gold/dev" should name a stack of upstream ("<organization>/upstream/<stack>"), not of infra-gold',
    );
  });
});

describe("exportMismatches", () => {
  it.each([
    ["exactly the contract", { bucketName: pulumi.output("b"), jobs: pulumi.output({}) }, []],
    [
      "an output missing or not an Output",
      { bucketName: "b" },
      ["upstream does not export bucketName as an output", "upstream does not export jobs as an output"],
    ],
    [
      "an export the contract does not declare",
      { bucketName: pulumi.output("b"), jobs: pulumi.output({}), extra: pulumi.output(1) },
      ["upstream exports extra, which its contract does not declare"],
    ],
  ])("%s", (_, program, expected) => {
    expect(exportMismatches(example, program)).toEqual(expected);
  });
});

describe("the layer stacks' contracts", () => {
  it.each([
    [bronzeStack, "infra-bronze"],
    [silverStack, "infra-silver"],
    [goldStack, "infra-gold"],
  ] as const)("document every output of %#", (contract, project) => {
    expect(contract.project).toBe(project);
    const names = outputNames(contract as { project: string; outputs: Record<string, string> });
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect((contract.outputs as Record<string, string>)[name]).toMatch(/\.$/);
  });

  it("has silver pass on what gold needs of bronze, so gold reads one stack", () => {
    expect(outputNames(silverStack)).toEqual(expect.arrayContaining(["kmsKeyArn", "accessLogBucketName"]));
  });
});
