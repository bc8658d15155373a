import { environmentSchema, stackConfig } from "@lake/lake-components";
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

const governanceConfig = stackConfig(governanceConfigSchema, { project: "governance" });

/** Validates a configuration (a stack file's, in tests); the error names the stack, the file and each bad key. */
export const parseGovernanceConfig = governanceConfig.parse;

/** The configuration `pulumi up` (or the offline plan) passes to this program, validated. */
export const loadGovernanceConfig = governanceConfig.load;
