import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { policyJson } from "../iam/policy-document.js";
import { lakeKeyPolicyStatements } from "./key-policy.js";

export interface LakeKeyArgs {
  readonly description?: pulumi.Input<string>;
  /**
   * Waiting period before a scheduled deletion happens, 7 to 30 days (KMS ScheduleKeyDeletion). Plain so it
   * is validated before anything is created. Defaults to 30 days.
   */
  readonly deletionWindowInDays?: number;
  /**
   * CloudWatch Logs group name prefixes allowed to encrypt with the key: Glue security configurations write
   * there. Defaults to `["/aws-glue/"]`.
   */
  readonly logGroupPrefixes?: readonly string[];
  /**
   * Let S3 publish bucket event notifications to SQS queues encrypted with this key (the bronze key, whose
   * bucket notifies its sources' queues). Defaults to false.
   */
  readonly s3EventNotifications?: boolean;
  /** Optional alias, without the `alias/` prefix. */
  readonly aliasName?: pulumi.Input<string>;
  /** Keep the key in AWS when the stack is destroyed (the data encrypted with it outlives the stack). Defaults to false. */
  readonly retainOnDelete?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A customer-managed symmetric KMS key for one layer, with automatic yearly rotation. */
export class LakeKey extends pulumi.ComponentResource {
  /** Key ARN: what bucket encryption, Glue security configurations and IAM policies reference. */
  public readonly keyArn: pulumi.Output<string>;
  /** Key id. */
  public readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: LakeKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("lake:storage:LakeKey", name, {}, opts);
    const deletionWindowInDays = args.deletionWindowInDays ?? 30;
    if (!Number.isInteger(deletionWindowInDays) || deletionWindowInDays < 7 || deletionWindowInDays > 30) {
      throw new pulumi.ResourceError(
        `LakeKey ${name}: deletionWindowInDays must be a whole number from 7 to 30, got ${deletionWindowInDays}`,
        this,
      );
    }
    const logGroupPrefixes = args.logGroupPrefixes ?? ["/aws-glue/"];

    const ctx = awsContext(this);
    const policy = pulumi
      .all([ctx.partition, ctx.accountId, ctx.region])
      .apply(([partition, accountId, region]) =>
        policyJson(
          lakeKeyPolicyStatements({
            partition,
            accountId,
            region,
            logGroupPrefixes,
            s3EventNotifications: args.s3EventNotifications ?? false,
          }),
        ),
      );

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: args.description,
        enableKeyRotation: true,
        deletionWindowInDays,
        policy,
        tags: args.tags,
      },
      { parent: this, retainOnDelete: args.retainOnDelete ?? false },
    );
    if (args.aliasName !== undefined) {
      new aws.kms.Alias(
        `${name}-alias`,
        { name: pulumi.interpolate`alias/${args.aliasName}`, targetKeyId: key.keyId },
        { parent: this },
      );
    }

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId });
  }
}
