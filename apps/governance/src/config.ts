import { environmentSchema, stackConfig } from "@lake/stacks";
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

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const governanceConfig = stackConfig(governanceConfigSchema, { project: "governance" });
