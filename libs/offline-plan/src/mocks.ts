import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { PlanValue } from "./model.js";

/** The account every offline plan pretends to deploy to (the documentation account of the AWS docs). */
export const PLAN_ACCOUNT_ID = "123456789012";

export interface PlanMocksOptions {
  readonly region: string;
  readonly accountId?: string;
  /**
   * Outputs of an upstream stack, by the name the program passes to `new pulumi.StackReference(name)`.
   * Throws (with a message saying which plan is missing) when there is none.
   */
  readonly stackOutputs: (stackName: string) => { readonly [name: string]: PlanValue };
}

/** A short, stable stand-in for the random suffix of Pulumi's auto-naming and for generated ids. */
export function stableSuffix(type: string, name: string, length = 7): string {
  return createHash("sha256").update(`${type}::${name}`).digest("hex").slice(0, length);
}

/**
 * `aws:glue/dataQualityRuleset:DataQualityRuleset` -> { pkg: "aws", service: "glue", kind: "dataQualityRuleset" }:
 * the kind in lower camel case, as most ARNs spell their resource type.
 */
export function parseTypeToken(type: string): { pkg: string; service: string; kind: string } {
  const [pkg = "", module = "", kind = ""] = type.split(":");
  const service = module.split("/")[0] ?? module;
  return { pkg, service, kind: kind.charAt(0).toLowerCase() + kind.slice(1) };
}

function uuidFrom(type: string, name: string): string {
  const h = createHash("sha256").update(`${type}::${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

type State = Record<string, unknown>;

/** Inputs longer than this are not echoed into a resource's outputs. */
export const MAX_ECHOED_STRING = 4096;

/**
 * The id and the provider-computed attributes of a resource, derived only from its type, its logical name and its
 * inputs, so that two evaluations of the same program give byte-identical plans.
 */
export function mockResourceState(
  type: string,
  name: string,
  inputs: State,
  region: string,
  account: string,
): { id: string; state: State } {
  const { pkg, service, kind } = parseTypeToken(type);
  const autoName = `${name}-${stableSuffix(type, name)}`;
  const physical = typeof inputs["name"] === "string" ? (inputs["name"] as string) : autoName;
  const regional = (resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  // The provider echoes inputs as outputs; large ones (inlined archives, scripts) are left out, since nothing
  // reads them back and every copy the runtime keeps of them costs memory and collection time at scale.
  const base: State = Object.fromEntries(
    Object.entries(inputs).filter(([, v]) => !(typeof v === "string" && v.length > MAX_ECHOED_STRING)),
  );
  if (pkg !== "aws") return { id: `${physical}`, state: base };

  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = typeof inputs["bucket"] === "string" ? (inputs["bucket"] as string) : autoName;
      return {
        id: bucket,
        state: {
          ...base,
          bucket,
          arn: `arn:aws:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    }
    case "aws:kms/key:Key": {
      const keyId = uuidFrom(type, name);
      return { id: keyId, state: { ...base, keyId, arn: regional(`key/${keyId}`) } };
    }
    case "aws:kms/alias:Alias":
      return { id: physical, state: { ...base, name: physical, arn: regional(physical) } };
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return {
        id: `${account}:${physical}`,
        state: { ...base, name: physical, catalogId: account, arn: regional(`database/${physical}`) },
      };
    case "aws:glue/catalogTable:CatalogTable": {
      const db = String(inputs["databaseName"] ?? "");
      return {
        id: `${account}:${db}:${physical}`,
        state: { ...base, name: physical, catalogId: account, arn: regional(`table/${db}/${physical}`) },
      };
    }
    case "aws:sqs/queue:Queue": {
      const url = `https://sqs.${region}.amazonaws.com/${account}/${physical}`;
      return { id: url, state: { ...base, name: physical, url, arn: regional(physical) } };
    }
    case "aws:lambda/function:Function":
      return { id: physical, state: { ...base, name: physical, arn: regional(`function:${physical}`) } };
    case "aws:s3/bucketObject:BucketObject":
    case "aws:s3/bucketObjectv2:BucketObjectv2": {
      const key = String(inputs["key"] ?? name);
      return { id: key, state: { ...base, key, etag: stableSuffix(type, name, 32), versionId: "" } };
    }
  }
  if (service === "iam") {
    const arn = `arn:aws:iam::${account}:${kind}/${physical}`;
    return {
      id: physical,
      state: { ...base, name: physical, arn, uniqueId: `AID${stableSuffix(type, name, 17).toUpperCase()}` },
    };
  }
  if (kind.startsWith("bucket") && kind !== "bucket" && service === "s3") {
    // Bucket sub-resources (versioning, encryption, policy, ...) are identified by their bucket.
    return { id: String(inputs["bucket"] ?? physical), state: base };
  }
  return { id: physical, state: { ...base, name: physical, arn: regional(`${kind}/${physical}`) } };
}

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

/** What `aws.iam.getPolicyDocument` returns, for the statements most programs use. */
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

/** Mocks for `pulumi.runtime.setMocks` that make a plan deterministic: ids and ARNs come from type and name only. */
export function createPlanMocks(options: PlanMocksOptions): pulumi.runtime.Mocks {
  const account = options.accountId ?? PLAN_ACCOUNT_ID;
  const { region } = options;
  return {
    newResource(args) {
      if (args.type === "pulumi:pulumi:StackReference") {
        const stackName = String(args.inputs["name"] ?? args.name);
        return {
          id: stackName,
          state: { name: stackName, outputs: options.stackOutputs(stackName), secretOutputNames: [] },
        };
      }
      return mockResourceState(args.type, args.name, args.inputs as State, region, account);
    },
    call(args) {
      switch (args.token) {
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
          return {
            partition: "aws",
            dnsSuffix: "amazonaws.com",
            reverseDnsPrefix: "com.amazonaws",
            id: "aws",
          };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
          const names = ["a", "b", "c"].map((z) => `${region}${z}`);
          return { names, zoneIds: names.map((_, i) => `use1-az${i + 1}`), id: region };
        }
        case "aws:iam/getPolicyDocument:getPolicyDocument":
          return {
            json: renderPolicyDocument(args.inputs as { statements?: PolicyStatementInput[] }),
            id: "policy",
          };
      }
      throw new Error(
        `the offline plan has no mock for the function ${args.token}; add one to libs/offline-plan/src/mocks.ts`,
      );
    },
  };
}
