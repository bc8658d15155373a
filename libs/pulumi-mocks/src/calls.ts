// The provider functions the programs call (data sources), answered as AWS would for the mocked account and
// region. Any other function is an error naming it, so an evaluation never proceeds on undefined.
import { MOCK_ACCOUNT } from "./resource-state.js";

interface PolicyStatementInput {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** What `aws.iam.getPolicyDocument` returns, for the statement fields the programs use. */
export function renderPolicyDocument(inputs: { statements?: PolicyStatementInput[] }): string {
  const statements = (inputs.statements ?? []).map((s) => {
    const out: Record<string, unknown> = {};
    if (s.sid) out["Sid"] = s.sid;
    out["Effect"] = s.effect ?? "Allow";
    if (s.actions) out["Action"] = s.actions;
    if (s.notActions) out["NotAction"] = s.notActions;
    if (s.resources) out["Resource"] = s.resources;
    if (s.notResources) out["NotResource"] = s.notResources;
    if (s.principals) {
      const principals: Record<string, string[]> = {};
      for (const p of s.principals) principals[p.type] = [...(principals[p.type] ?? []), ...p.identifiers];
      out["Principal"] = principals;
    }
    if (s.conditions) {
      const conditions: Record<string, Record<string, string[]>> = {};
      for (const c of s.conditions)
        conditions[c.test] = { ...(conditions[c.test] ?? {}), [c.variable]: c.values };
      out["Condition"] = conditions;
    }
    return out;
  });
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The result of the provider function `token`. */
export function mockCall(
  token: string,
  inputs: Record<string, unknown>,
  region: string,
  account: string = MOCK_ACCOUNT,
): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: account,
        arn: `arn:aws:iam::${account}:user/offline-plan`,
        userId: "AIDAOFFLINEPLAN",
        id: account,
      };
    case "aws:index/getRegion:getRegion":
      return {
        name: region,
        region,
        id: region,
        description: region,
        endpoint: `ec2.${region}.amazonaws.com`,
      };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      // Zone ids abbreviate the region as AWS does for the common ones: eu-west-1 -> euw1-az1.
      const [area = "", direction = "", number = ""] = region.split("-");
      const names = ["a", "b", "c"].map((zone) => `${region}${zone}`);
      const zoneIds = names.map((_, i) => `${area}${direction.charAt(0)}${number}-az${i + 1}`);
      return { names, zoneIds, id: region };
    }
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return { json: renderPolicyDocument(inputs), id: "policy" };
  }
  throw new Error(
    `the Pulumi mocks have no answer for the provider function ${token}: add one to libs/pulumi-mocks`,
  );
}
