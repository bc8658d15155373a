// Runs the pack's policies outside the Pulumi engine, the way @pulumi/policy's analyzer server does: the same
// validation arguments (properties wrapped so that reading an unknown value throws), the same type filtering,
// enforcement levels from the pack configuration, an unknown value downgrading the policy to an advisory
// "cannot decide during preview", and `notApplicable` ending a policy for a resource without a finding.
import type {
  EnforcementLevel,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { LakePolicy, LakeResourcePolicy, LakeStackPolicy } from "./policy.js";
import { isUnknownValueError, unknownChecking } from "./preview-values.js";

/** A resource as the engine hands it to policies: its properties with unknown values as the engine's sentinel. */
export interface PolicyInput {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string | null;
  readonly props: Record<string, unknown>;
}

/** `--policy-pack-config`: per policy, an enforcement level or an object with one and the policy's settings. */
export type PackConfig = Readonly<
  Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>
>;

export interface Finding {
  readonly policy: string;
  readonly level: "mandatory" | "advisory";
  /** The resource the finding is about; for a stack policy that names none, the empty string. */
  readonly urn: string;
  readonly message: string;
  /** The policy could not decide because it read a value that is unknown until the update. */
  readonly undecided: boolean;
}

class NotApplicable extends Error {}

const OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

const typeOf = (cls: unknown): string | undefined =>
  (cls as { __pulumiType?: string } | undefined)?.__pulumiType;

/** The level a policy runs at; remediation is not run offline, so a remediating policy reports as mandatory. */
function levelOf(policy: LakePolicy, config: PackConfig): "mandatory" | "advisory" | "disabled" {
  const entry = config[policy.name];
  const configured = typeof entry === "string" ? entry : entry?.enforcementLevel;
  const level = configured ?? policy.enforcementLevel;
  return level === "remediate" ? "mandatory" : level;
}

function settingsOf(policy: LakePolicy, config: PackConfig) {
  return <T extends object>(): T => {
    const entry = config[policy.name];
    if (entry === undefined || typeof entry === "string") return {} as T;
    const { enforcementLevel: _level, ...settings } = entry;
    return settings as T;
  };
}

/** What resource and stack validations both get: identity, properties wrapped like the server does, type tests. */
function policyView(input: PolicyInput) {
  const props = unknownChecking({ ...input.props });
  return {
    type: input.type,
    props,
    urn: input.urn,
    name: input.name,
    opts: { ...OPTIONS, ...(input.parent ? { parent: input.parent } : {}) },
    isType: (cls: unknown) => typeOf(cls) === input.type,
    asType: (cls: unknown) => (typeOf(cls) === input.type ? (props as never) : undefined),
  };
}

const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "Policy does not apply");
};

/** Runs `validate`, turning a read of an unknown value into an advisory finding and notApplicable into none. */
async function guarded(
  policy: LakePolicy,
  urn: string,
  findings: Finding[],
  validate: () => void | Promise<void>,
): Promise<void> {
  try {
    await validate();
  } catch (err) {
    if (err instanceof NotApplicable) return;
    if (!isUnknownValueError(err)) throw err;
    findings.push({
      policy: policy.name,
      level: "advisory",
      urn,
      message: `cannot decide during preview: ${err.message}`,
      undecided: true,
    });
  }
}

function reporter(
  policy: LakePolicy,
  level: "mandatory" | "advisory",
  defaultUrn: string,
  findings: Finding[],
) {
  return (message: string, urn?: string) =>
    findings.push({ policy: policy.name, level, urn: urn ?? defaultUrn, message, undecided: false });
}

const isStackPolicy = (p: LakePolicy): p is LakeStackPolicy => "validateStack" in p;

/** The findings of every resource policy on one resource. */
export async function runResourcePolicies(
  policies: readonly LakePolicy[],
  resource: PolicyInput,
  config: PackConfig = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const policy of policies.filter((p): p is LakeResourcePolicy => !isStackPolicy(p))) {
    const level = levelOf(policy, config);
    if (level === "disabled") continue;
    const args: ResourceValidationArgs = {
      ...policyView(resource),
      stackTags: new Map(),
      getConfig: settingsOf(policy, config),
      notApplicable: throwNotApplicable,
    };
    for (const validation of policy.validateResource) {
      const token = typeOf(validation);
      if (token !== undefined && token !== resource.type) continue;
      await guarded(policy, resource.urn, findings, () =>
        validation(args, reporter(policy, level, resource.urn, findings)),
      );
    }
  }
  return findings;
}

/** The findings of every stack policy on the resources of one stack. */
export async function runStackPolicies(
  policies: readonly LakePolicy[],
  resources: readonly PolicyInput[],
  config: PackConfig = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const policyResources: PolicyResource[] = resources.map((r) => ({
    ...policyView(r),
    dependencies: [],
    propertyDependencies: {},
  }));
  const byUrn = new Map(policyResources.map((r) => [r.urn, r]));
  resources.forEach((r, i) => {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (parent) (policyResources[i] as { parent?: PolicyResource }).parent = parent;
  });
  for (const policy of policies.filter(isStackPolicy)) {
    const level = levelOf(policy, config);
    if (level === "disabled") continue;
    const args: StackValidationArgs = {
      resources: policyResources,
      stackTags: new Map(),
      getConfig: settingsOf(policy, config),
      notApplicable: throwNotApplicable,
    };
    await guarded(policy, "", findings, () =>
      policy.validateStack(args, reporter(policy, level, "", findings)),
    );
  }
  return findings;
}

/** Every finding of the pack on one stack: each resource's resource policies, then the stack policies. */
export async function runPolicies(
  policies: readonly LakePolicy[],
  resources: readonly PolicyInput[],
  config: PackConfig = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const resource of resources) findings.push(...(await runResourcePolicies(policies, resource, config)));
  findings.push(...(await runStackPolicies(policies, resources, config)));
  return findings;
}
