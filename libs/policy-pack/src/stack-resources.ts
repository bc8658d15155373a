// Joining the resources of a stack: a companion resource names its subject (a bucket, a queue, a function) by a
// physical name, a URL or an ARN, which the subject either sets as an input or gets from Pulumi's auto-naming.
import type { PolicyResource } from "@pulumi/policy";
import { typeToken, type ResourceClass } from "./policy.js";

/** Pulumi auto-names a resource whose name input is not set: `<logical name>-<7 random hex characters>`. */
const AUTO_NAME_SUFFIX = /^-[0-9a-f]{7}$/;

export function ofType(resources: readonly PolicyResource[], ...classes: ResourceClass[]): PolicyResource[] {
  const tokens = new Set(classes.map(typeToken));
  return resources.filter((r) => tokens.has(r.type));
}

/**
 * The physical name of `resource` is `reference`: its `nameProperty` input when set, else (auto-naming) its
 * logical name with Pulumi's random suffix, or a name starting with its `prefixProperty` input.
 */
export function isNamed(
  resource: PolicyResource,
  reference: unknown,
  nameProperty = "name",
  prefixProperty = "namePrefix",
): boolean {
  if (typeof reference !== "string" || reference === "") return false;
  const explicit: unknown = resource.props[nameProperty];
  if (typeof explicit === "string") return reference === explicit;
  const prefix: unknown = resource.props[prefixProperty];
  if (typeof prefix === "string") return reference.startsWith(prefix);
  return reference.startsWith(resource.name) && AUTO_NAME_SUFFIX.test(reference.slice(resource.name.length));
}

/** The name at the end of an ARN or URL: `arn:aws:sqs:r:a:q` -> `q`, `https://sqs.../a/q` -> `q`. */
export function trailingName(arnOrUrl: unknown): string | undefined {
  if (typeof arnOrUrl !== "string" || arnOrUrl === "") return undefined;
  if (/^https?:\/\//.test(arnOrUrl)) return arnOrUrl.replace(/\/+$/, "").split("/").pop();
  return arnOrUrl.split(":").pop();
}

/** A Lambda function's name from its name, its ARN, or a qualified ARN (`...:function:<name>:<alias>`). */
export function functionNameOf(reference: unknown): string | undefined {
  if (typeof reference !== "string" || reference === "") return undefined;
  const match = /:function:([^:]+)/.exec(reference);
  return match ? match[1] : reference;
}

/** The ARN of a bucket in any partition's form, for comparing with policy resources. */
export function bucketArn(bucket: string, partition = "aws"): string {
  return `arn:${partition}:s3:::${bucket}`;
}
