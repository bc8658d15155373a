// The shape every rule of this pack has: a @pulumi/policy resource or stack policy, plus the ids of the cdk-nag and
// cfn_nag rules it corresponds to and the resource types it reads (the report lists the types no rule reads).
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidation,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

export interface RuleMeta {
  /** cdk-nag (`AwsSolutions-S1`, `NIST.800.53.R5-...` rule names) and cfn_nag (`cfn_nag W35`) ids; empty where none exists. */
  readonly nagIds: readonly string[];
  /** The resource types the rule reads. */
  readonly resourceTypes: readonly string[];
}

export interface LakeResourcePolicy extends ResourceValidationPolicy, RuleMeta {
  readonly enforcementLevel: EnforcementLevel;
  readonly validateResource: ResourceValidation[];
}

export interface LakeStackPolicy extends StackValidationPolicy, RuleMeta {
  readonly enforcementLevel: EnforcementLevel;
}

export type LakePolicy = LakeResourcePolicy | LakeStackPolicy;

interface PolicyBase {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly nagIds: readonly string[];
  /** The settings `--policy-pack-config` may give the rule, read with `args.getConfig()`. */
  readonly configSchema?: PolicyConfigSchema;
}

/** A resource class of @pulumi/aws; its static `__pulumiType` is the type token the engine sends. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResourceClass = { new (...args: any[]): unknown };

/** The type token of a resource class (`aws:s3/bucket:Bucket`), the same one @pulumi/policy matches on. */
export function typeToken(cls: ResourceClass): string {
  const token = (cls as unknown as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error(`${cls.name} has no Pulumi type token`);
  return token;
}

/**
 * A rule decided by one resource: one validation per resource class, each from `validateResourceOfType`, which
 * tags it with its type token so the analyzer skips other types without calling it.
 */
export function resourcePolicy(
  def: PolicyBase & { readonly validateResource: ResourceValidation[] },
): LakeResourcePolicy {
  const resourceTypes = def.validateResource.map((v) => {
    const token = (v as unknown as { __pulumiType?: unknown }).__pulumiType;
    if (typeof token !== "string") {
      throw new Error(`${def.name}: every validation must come from validateResourceOfType`);
    }
    return token;
  });
  return { ...def, resourceTypes };
}

/** A rule that joins resources of the stack (a bucket and its separate encryption, versioning, policy resources). */
export function stackPolicy(
  def: PolicyBase & {
    /** Resource classes, or type tokens of engine resources without one (`pulumi:pulumi:StackReference`). */
    readonly reads: readonly (ResourceClass | string)[];
    readonly validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => void;
  },
): LakeStackPolicy {
  const { reads, ...rest } = def;
  const resourceTypes = reads.map((r) => (typeof r === "string" ? r : typeToken(r)));
  return {
    ...rest,
    resourceTypes,
    validateStack: (args, report) => {
      if (!args.resources.some((r) => resourceTypes.includes(r.type))) {
        args.notApplicable(`the stack has none of ${resourceTypes.join(", ")}`);
      }
      def.validateStack(args, report);
    },
  };
}
