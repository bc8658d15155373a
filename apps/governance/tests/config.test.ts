import { describe, expect, it } from "vitest";
import { governanceConfig } from "../src/config.js";

const parseGovernanceConfig = governanceConfig.parse;

describe("parseGovernanceConfig", () => {
  it("applies the default tag prefix", () => {
    expect(parseGovernanceConfig({ environment: "dev" }, "dev")).toEqual({
      environment: "dev",
      tagPrefix: "lake",
    });
  });

  it.each([
    [{ environment: "staging" }, /environment/],
    [{}, /environment/],
    [{ environment: "prod", tagPrefix: "Lake-Tags" }, /lowercase[\s\S]*tagPrefix/],
  ])("rejects %j naming the key", (raw, message) => {
    expect(() => parseGovernanceConfig(raw, "prod")).toThrow(
      `governance stack "prod": invalid configuration in Pulumi.prod.yaml (keys are "governance:<key>")`,
    );
    expect(() => parseGovernanceConfig(raw, "prod")).toThrow(message);
  });
});
