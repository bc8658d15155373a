import * as pulumi from "@pulumi/pulumi";
import { environmentSchema, parseStackConfig, readStackConfig } from "@lake/lake-components";
import { z } from "zod";

export const governanceConfigSchema = z.object({
  environment: environmentSchema,
  /** Prefix of every LF-tag key, so two lakes can share one account's catalog. Defaults to "lake". */
  tagPrefix: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "use lowercase letters, digits and underscores")
    .default("lake"),
});

export type GovernanceConfig = z.output<typeof governanceConfigSchema>;

/** Parses the stack's config; the error names the stack, the file and every bad key. */
export function parseGovernanceConfig(raw: Record<string, unknown>, stack: string): GovernanceConfig {
  return parseStackConfig(governanceConfigSchema, raw, { project: "governance", stack });
}

export function loadGovernanceConfig(): GovernanceConfig {
  return parseGovernanceConfig(readStackConfig(), pulumi.getStack());
}
