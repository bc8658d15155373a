import { describe, expect, it } from "vitest";
import { parseStackName } from "../src/pulumi-project.js";

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
