// Pulumi mocks for this stack's tests, set (and awaited) by the setup file before any stack code is imported.
// Every registered resource is recorded with its inputs and the options that keep data alive.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { findWildcardGrants } from "@lake/lake-components";
import YAML from "yaml";

/** The Pulumi project name, from this app's Pulumi.yaml. */
export const PROJECT = (
  YAML.parse(readFileSync(new URL("../Pulumi.yaml", import.meta.url), "utf8")) as { name: string }
).name;
export const ACCOUNT = "123456789012";

export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

export const registered: Registered[] = [];
let upstreamOutputs: Record<string, Record<string, unknown>> = {};

function stateFor(type: string, name: string, inputs: Record<string, unknown>, region: string) {
  const [, module = "", kind = ""] = type.split(":");
  const service = module.split("/")[0] ?? "";
  const suffix = createHash("sha256").update(`${type}::${name}`).digest("hex").slice(0, 7);
  const physical = typeof inputs["name"] === "string" ? inputs["name"] : `${name}-${suffix}`;
  const arnKind = kind.charAt(0).toLowerCase() + kind.slice(1);
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = typeof inputs["bucket"] === "string" ? inputs["bucket"] : `${name}-${suffix}`;
      return { id: bucket, state: { ...inputs, bucket, arn: `arn:aws:s3:::${bucket}` } };
    }
    case "aws:kms/key:Key":
      return {
        id: suffix,
        state: { ...inputs, keyId: suffix, arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${suffix}` },
      };
    case "aws:sqs/queue:Queue": {
      const url = `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${physical}`;
      return {
        id: url,
        state: { ...inputs, name: physical, url, arn: `arn:aws:sqs:${region}:${ACCOUNT}:${physical}` },
      };
    }
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return {
        id: `${ACCOUNT}:${physical}`,
        state: { ...inputs, name: physical, arn: `arn:aws:glue:${region}:${ACCOUNT}:database/${physical}` },
      };
    case "aws:glue/catalogTable:CatalogTable":
      return {
        id: physical,
        state: {
          ...inputs,
          name: physical,
          arn: `arn:aws:glue:${region}:${ACCOUNT}:table/${String(inputs["databaseName"])}/${physical}`,
        },
      };
  }
  const arn =
    service === "iam"
      ? `arn:aws:iam::${ACCOUNT}:${arnKind}/${physical}`
      : `arn:aws:${service}:${region}:${ACCOUNT}:${arnKind}/${physical}`;
  return { id: physical, state: { ...inputs, name: physical, arn } };
}

function mocks(region: string): pulumi.runtime.Mocks {
  return {
    newResource({ type, name, inputs }) {
      if (type === "pulumi:pulumi:StackReference") {
        const outputs = upstreamOutputs[String(inputs["name"])];
        if (!outputs) throw new Error(`test has no outputs for StackReference ${String(inputs["name"])}`);
        return {
          id: String(inputs["name"]),
          state: { name: inputs["name"], outputs, secretOutputNames: [] },
        };
      }
      return stateFor(type, name, inputs as Record<string, unknown>, region);
    },
    call({ token }) {
      if (token === "aws:index/getCallerIdentity:getCallerIdentity")
        return { accountId: ACCOUNT, arn: "", userId: "" };
      if (token === "aws:index/getRegion:getRegion") return { name: region, region, id: region };
      if (token === "aws:index/getPartition:getPartition")
        return { partition: "aws", dnsSuffix: "amazonaws.com" };
      throw new Error(`no mock for ${token}`);
    },
  };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Register = (req: RegisterRequest, cb: (err: unknown, resp: unknown) => void) => unknown;

/** Resets the mocks for one evaluation of the stack named `stack`, with the given upstream stack outputs. */
export async function startStack(
  stack: string,
  region = "eu-west-1",
  upstream: Record<string, Record<string, unknown>> = {},
): Promise<void> {
  registered.length = 0;
  upstreamOutputs = upstream;
  await pulumi.runtime.setMocks(mocks(region), PROJECT, stack, false);
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: Register };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    original(req, (err, resp) => {
      if (!err) {
        registered.push({
          type: req.getType(),
          name: req.getName(),
          inputs: req.getObject()?.toJavaScript() ?? {},
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
        });
      }
      cb(err, resp);
    });
}

/** Waits until every resource of the evaluation is registered. */
export async function finishStack(): Promise<void> {
  await pulumi.runtime.disconnect();
}

export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((ok) => output.apply((v) => ok(v)));
}

/** The committed `Pulumi.<stack>.yaml` as the plain object the config parser takes (namespace stripped). */
export function stackFileConfig(stack: string): Record<string, unknown> {
  const doc = YAML.parse(readFileSync(new URL(`../Pulumi.${stack}.yaml`, import.meta.url), "utf8")) as {
    config: Record<string, unknown>;
  };
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.config)) {
    if (key === "aws:region") raw["region"] = value;
    else if (key.startsWith(`${PROJECT}:`)) raw[key.slice(PROJECT.length + 1)] = value;
  }
  return raw;
}

/** Sets the committed `Pulumi.<stack>.yaml` as the engine would, for tests that import `src/index.ts`. */
export function setProgramConfig(stack: string): void {
  const file = stackFileConfig(stack);
  pulumi.runtime.setAllConfig({
    "aws:region": String(file["region"]),
    ...Object.fromEntries(
      Object.entries(file)
        .filter(([k]) => k !== "region")
        .map(([k, v]) => [`${PROJECT}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
    ),
  });
}

/** Every IAM-style policy document registered: role policies, trust policies, bucket and key policies. */
export function policyDocuments(
  resources: readonly Registered[] = registered,
): { resource: string; field: string; json: string }[] {
  const fields = ["policy", "assumeRolePolicy"];
  return resources.flatMap((r) =>
    fields
      .filter((f) => typeof r.inputs[f] === "string" && (r.inputs[f] as string).includes('"Statement"'))
      .map((f) => ({ resource: `${r.type} ${r.name}`, field: f, json: r.inputs[f] as string })),
  );
}

/** Policy documents that grant a wildcard action on a wildcard resource, with where they are; [] when none do. */
export function wildcardGrants(resources: readonly Registered[]): { where: string; reasons: string[] }[] {
  return policyDocuments(resources)
    .map((doc) => ({
      where: `${doc.resource} ${doc.field}`,
      reasons: findWildcardGrants(doc.json).map((g) => g.reason),
    }))
    .filter((found) => found.reasons.length > 0);
}

/**
 * One evaluation per key, shared by the tests that only read it. Tests of a file run one after another, and an
 * evaluation owns the mocks until it finishes, so a cached result is never half-built.
 */
export function evaluateOnce<T>(cache: Map<string, T>, key: string, run: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  return cached ? Promise.resolve(cached) : run().then((result) => (cache.set(key, result), result));
}
