import { stackHarness } from "@lake/pulumi-mocks";
import { describe, expect, it } from "vitest";
import { CONSUMER_PERSONA, governanceConfig, personaSpecs } from "../src/config.js";

const harness = stackHarness(new URL("..", import.meta.url));
const minimal = {
  environment: "dev",
  namePrefix: "lake-dev",
  silverStack: "organization/infra-silver/dev",
  goldStack: "organization/infra-gold/dev",
  admins: ["arn:aws:iam::123456789012:role/admin"],
  personas: [
    { name: "analyst", principal: { arn: "arn:aws:iam::123456789012:role/analyst" }, layers: ["gold"] },
  ],
};
const parse = (raw: Record<string, unknown>) => governanceConfig.parse(raw, "dev");

describe("governance config", () => {
  it("applies the documented defaults", () => {
    expect(parse(minimal)).toMatchObject({
      tagPrefix: "lake",
      readOnlyAdmins: [],
      registrationRole: "dedicated",
      hybridAccess: false,
      crossAccountVersion: 4,
      crossAccountSharing: { enabled: false },
      personas: [{ name: "analyst", classifications: ["public"], rowFilters: [] }],
    });
  });

  it.each(["dev", "prod"])("parses the committed %s stack with the six personas", (stack) => {
    const config = governanceConfig.parseConfig(harness.config(stack), stack);
    expect(config.personas.map((p) => p.name)).toEqual([
      "analyst",
      "regional_analyst",
      "data_engineer",
      "data_scientist",
      "bi",
      "pipeline",
    ]);
    expect(personaSpecs(config).map((p) => p.principal.kind)).toEqual([
      "arn",
      "arn",
      "arn",
      "service-role",
      "service-role",
      "pipeline",
    ]);
  });

  it("adds the consumer account persona, gold without pii, only when sharing is on", () => {
    const shared = personaSpecs(
      parse({ ...minimal, crossAccountSharing: { enabled: true, consumerAccountId: "210987654321" } }),
    );
    expect(shared.at(-1)).toEqual({
      name: CONSUMER_PERSONA,
      principal: { kind: "account", accountId: "210987654321" },
      layers: ["gold"],
      classifications: ["public", "confidential"],
      rowFilters: [],
    });
    expect(personaSpecs(parse(minimal)).map((p) => p.name)).toEqual(["analyst"]);
  });

  it.each([
    [{ environment: "staging" }, /environment/],
    [{ admins: [] }, /at least one data lake administrator[\s\S]*admins/],
    [{ admins: ["admin"] }, /IAM role or user ARN[\s\S]*admins/],
    [{ tagPrefix: "Lake-Tags" }, /lowercase[\s\S]*tagPrefix/],
    [{ crossAccountVersion: 5 }, /crossAccountVersion/],
    [{ crossAccountSharing: { enabled: true } }, /crossAccountSharing/],
    [
      {
        personas: [{ name: "analyst", principal: { arn: "x" }, layers: ["gold"], classifications: ["pii"] }],
      },
      /IAM role or user ARN[\s\S]*personas/,
    ],
    [
      {
        personas: [
          {
            name: "bi",
            principal: { role: "quicksight" },
            layers: ["gold"],
            classifications: ["public", "pii"],
          },
        ],
      },
      /analyst, regional_analyst, bi never see pii columns[\s\S]*personas/,
    ],
    [{ personas: [{ name: "Analyst", principal: { pipeline: true } }] }, /snake_case[\s\S]*personas/],
    [{ personas: [{ name: "x", principal: { role: "emr" } }] }, /personas/],
    [
      { personas: [{ name: "x", principal: { pipeline: true }, athena: { bytesScannedCutoffPerQuery: 1 } }] },
      /10 MB/,
    ],
  ])("rejects %j naming the key", (override, message) => {
    const raw = { ...minimal, ...override };
    expect(() => parse(raw)).toThrow(
      `governance stack "dev": invalid configuration in Pulumi.dev.yaml (keys are "governance:<key>")`,
    );
    expect(() => parse(raw)).toThrow(message);
  });
});
