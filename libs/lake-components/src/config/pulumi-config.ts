// Reading a program's configuration from the Pulumi engine: the one part of stack config that is not pure.
import * as pulumi from "@pulumi/pulumi";

/** The foreign key of the stacks that deploy to a region: `aws:region`, parsed as `region`. */
export const AWS_REGION_KEY: Readonly<Record<string, string>> = { region: "aws:region" };

/**
 * The project's config keys without their namespace, as the engine passed them (strings), plus each foreign key
 * under its local name (`{ region: "aws:region" }` reads `aws:region` as `region`).
 */
export function readStackConfig(foreignKeys: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const namespace = `${pulumi.getProject()}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(namespace)) raw[key.slice(namespace.length)] = value;
  }
  for (const [local, full] of Object.entries(foreignKeys)) {
    const separator = full.lastIndexOf(":");
    raw[local] = new pulumi.Config(full.slice(0, separator)).get(full.slice(separator + 1));
  }
  return raw;
}
