import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  assumeRolePolicy,
  findWildcardGrants,
  knownWildcardGrants,
  policyJson,
  type PolicyStatement,
  type WildcardGrant,
} from "./policy-document.js";
import { autoNamed } from "../physical-names.js";

const describe = (grants: WildcardGrant[]) =>
  grants.map((g) => `statement ${g.sid ?? g.index}: ${g.reason}`).join("; ");

export interface ServiceRoleArgs {
  /** The service principal that assumes the role, e.g. `glue.amazonaws.com`. */
  readonly service: string;
  /**
   * The role's inline policy. Plain statements (their ARNs may be inputs), so the wildcard check runs on the
   * literal parts before anything is created, and again on the whole document once the ARNs resolve.
   */
  readonly statements: readonly PolicyStatement[];
  /** Account whose use of the service may assume the role (the trust policy's `aws:SourceAccount`). */
  readonly sourceAccount?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One IAM role for one job, crawler or function, with its least-privilege inline policy. Refuses a policy
 * that grants a wildcard action on a wildcard resource.
 */
export class ServiceRole extends pulumi.ComponentResource {
  /** The role ARN to hand to Glue or Lambda. */
  public readonly roleArn: pulumi.Output<string>;
  /** The role name. */
  public readonly roleName: pulumi.Output<string>;
  /** The inline policy JSON, for tests and policy checks. */
  public readonly policy: pulumi.Output<string>;

  constructor(name: string, args: ServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:iam:ServiceRole", name, {}, opts);
    if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(args.service)) {
      throw new pulumi.ResourceError(
        `ServiceRole ${name}: service "${args.service}" is not a service principal (expected e.g. glue.amazonaws.com)`,
        this,
      );
    }
    const known = knownWildcardGrants(args.statements);
    if (known.length > 0) {
      throw new pulumi.ResourceError(
        `ServiceRole ${name}: the policy grants wildcards: ${describe(known)}`,
        this,
      );
    }

    const role = new aws.iam.Role(
      autoNamed("aws:iam/role:Role", `${name}-role`),
      {
        assumeRolePolicy: assumeRolePolicy(args.service, args.sourceAccount),
        description: args.description,
        tags: args.tags,
      },
      { parent: this },
    );

    this.policy = policyJson(args.statements).apply((json) => {
      const grants = findWildcardGrants(json);
      if (grants.length > 0) {
        throw new pulumi.ResourceError(
          `ServiceRole ${name}: the policy grants wildcards: ${describe(grants)}`,
          this,
        );
      }
      return json;
    });

    new aws.iam.RolePolicy(
      autoNamed("aws:iam/rolePolicy:RolePolicy", `${name}-policy`),
      { role: role.id, policy: this.policy },
      { parent: this },
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName, policy: this.policy });
  }
}
