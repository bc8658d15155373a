import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

export const governanceConfigSchema = z.object({
  environment: z.enum(["dev", "prod"]),
  /** Prefix of every LF-tag key, so two lakes can share one account's catalog. Defaults to "lake". */
  tagPrefix: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "use lowercase letters, digits and underscores")
    .default("lake"),
});

export type GovernanceConfig = z.infer<typeof governanceConfigSchema>;

/** Parses the stack's config; the error names the stack and every bad key. */
export function parseGovernanceConfig(raw: Record<string, unknown>, stack: string): GovernanceConfig {
  const parsed = governanceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid config for stack "${stack}" of governance:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export function loadGovernanceConfig(): GovernanceConfig {
  const config = new pulumi.Config();
  return parseGovernanceConfig(
    { environment: config.get("environment"), tagPrefix: config.get("tagPrefix") },
    pulumi.getStack(),
  );
}
