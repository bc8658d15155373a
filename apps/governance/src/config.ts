import {
  ATHENA_MIN_BYTES_SCANNED_CUTOFF,
  CROSS_ACCOUNT_VERSIONS,
  PERSONA_SERVICES,
  type PersonaPrincipal,
  type PersonaSpec,
} from "@lake/lake-components";
import { CLASSIFICATIONS, LAYERS } from "@lake/schemas";
import {
  environmentSchema,
  jsonConfig,
  namePrefixSchema,
  stackConfig,
  stackReferenceSchema,
} from "@lake/stacks";
import { z } from "zod";

/** Personas that must never see a pii column, whatever their config says. */
export const NO_PII_PERSONAS = ["analyst", "regional_analyst", "bi"] as const;

const iamPrincipalArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
    "must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)",
  );
const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");

const principalSchema = z.union([
  z.strictObject({ arn: iamPrincipalArn }),
  z.strictObject({ role: z.enum(Object.keys(PERSONA_SERVICES) as [keyof typeof PERSONA_SERVICES]) }),
  z.strictObject({ account: accountId }),
  z.strictObject({ pipeline: z.literal(true) }),
]);

const personaSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be snake_case, like regional_analyst"),
    /** An IAM principal ARN, a role the stack creates (`sagemaker`, `quicksight`), an account, or the pipeline. */
    principal: principalSchema,
    /** Layers whose tables the persona reads (the pipeline's come from its jobs). Defaults to none. */
    layers: z.array(z.enum(LAYERS)).default([]),
    /** Column classifications the persona sees. Defaults to public only. */
    classifications: z.array(z.enum(CLASSIFICATIONS)).default(["public"]),
    /** Row-level rules, as data cells filters. Defaults to none. */
    rowFilters: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be snake_case"),
          table: z.string(),
          expression: z.string(),
        }),
      )
      .default([]),
    /** An Athena workgroup of the persona's own, with this scan limit. Defaults to none. */
    athena: z
      .strictObject({
        bytesScannedCutoffPerQuery: z
          .int()
          .min(ATHENA_MIN_BYTES_SCANNED_CUTOFF, "must be at least 10485760 bytes (10 MB), Athena's minimum"),
      })
      .optional(),
  })
  .refine(
    (p) => !(NO_PII_PERSONAS as readonly string[]).includes(p.name) || !p.classifications.includes("pii"),
    { message: `${NO_PII_PERSONAS.join(", ")} never see pii columns: remove pii from classifications` },
  );

export const governanceConfigSchema = z.strictObject({
  environment: environmentSchema,
  /** Prefix of the roles and workgroups this stack creates: `lake-dev`. */
  namePrefix: namePrefixSchema,
  /** Prefix of every LF-tag key, so two lakes can share one account's catalog. Defaults to "lake". */
  tagPrefix: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "use lowercase letters, digits and underscores")
    .default("lake"),
  /** The silver and gold stacks whose buckets, databases, key and job roles this stack governs. */
  silverStack: stackReferenceSchema,
  goldStack: stackReferenceSchema,
  /** Data lake administrators. */
  admins: jsonConfig(z.array(iamPrincipalArn).min(1, "name at least one data lake administrator")),
  readOnlyAdmins: jsonConfig(z.array(iamPrincipalArn)).default([]),
  /** How Lake Formation reaches the registered buckets. */
  registrationRole: z.enum(["dedicated", "service-linked"]).default("dedicated"),
  hybridAccess: jsonConfig(z.boolean()).default(false),
  crossAccountVersion: jsonConfig(z.union(CROSS_ACCOUNT_VERSIONS.map((v) => z.literal(v)))).default(4),
  /** Share gold (without pii) with a consumer account through a cross-account grant. Off by default. */
  crossAccountSharing: jsonConfig(
    z.union([
      z.strictObject({ enabled: z.literal(false) }),
      z.strictObject({ enabled: z.literal(true), consumerAccountId: accountId }),
    ]),
  ).default({ enabled: false }),
  personas: jsonConfig(z.array(personaSchema).min(1)),
  tags: jsonConfig(z.record(z.string(), z.string())).default({}),
});

export type GovernanceConfig = z.output<typeof governanceConfigSchema>;
export type PersonaConfig = GovernanceConfig["personas"][number];

function principalOf(p: PersonaConfig["principal"]): PersonaPrincipal {
  if ("arn" in p) return { kind: "arn", arn: p.arn };
  if ("role" in p) return { kind: "service-role", service: p.role };
  if ("account" in p) return { kind: "account", accountId: p.account };
  return { kind: "pipeline" };
}

/** The name of the persona cross-account sharing adds. */
export const CONSUMER_PERSONA = "consumer_account";

/** The personas of the access model: the configured ones, and the consumer account when sharing is on. */
export function personaSpecs(config: GovernanceConfig): PersonaSpec[] {
  const configured = config.personas.map((p) => ({
    name: p.name,
    principal: principalOf(p.principal),
    layers: p.layers,
    classifications: p.classifications,
    rowFilters: p.rowFilters,
  }));
  const sharing = config.crossAccountSharing;
  return sharing.enabled
    ? [
        ...configured,
        {
          name: CONSUMER_PERSONA,
          principal: { kind: "account", accountId: sharing.consumerAccountId },
          layers: ["gold"],
          classifications: ["public", "confidential"],
          rowFilters: [],
        },
      ]
    : configured;
}

/** The stack's config: `load()` in the program, `parse`/`parseConfig` in tests (errors name stack, file, key). */
export const governanceConfig = stackConfig(governanceConfigSchema, { project: "governance" });
