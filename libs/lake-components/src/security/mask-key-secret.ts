import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { autoNamed } from "../physical-names.js";

/** Characters of the key: 64 alphanumerics carry about 380 bits, well above the jobs' 32-byte minimum. */
export const MASK_KEY_LENGTH = 64;

export interface MaskKeySecretArgs {
  /** The customer-managed key the secret is encrypted with (the lake key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days Secrets Manager keeps a deleted secret recoverable, 7 to 30. Defaults to 30. */
  readonly recoveryWindowInDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The key of the jobs' `hash` mask (HMAC-SHA-256) outside production: random, generated once and kept in the
 * stack's state, stored in Secrets Manager encrypted with the lake key. The same key for every run and every
 * dataset, so a value masks to the same text everywhere and joins on masked columns still match; never in a job
 * definition, only its secret's ARN (`--mask-key-secret-id`). Rotating it means a new value: every masked value
 * changes with it.
 */
export class MaskKeySecret extends pulumi.ComponentResource {
  public readonly secretArn: pulumi.Output<string>;
  public readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: MaskKeySecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:security:MaskKeySecret", name, {}, opts);
    const recoveryWindowInDays = args.recoveryWindowInDays ?? 30;
    if (!Number.isInteger(recoveryWindowInDays) || recoveryWindowInDays < 7 || recoveryWindowInDays > 30) {
      throw new pulumi.ResourceError(
        `MaskKeySecret ${name}: recoveryWindowInDays must be a whole number from 7 to 30 (Secrets Manager DeleteSecret), got ${recoveryWindowInDays}`,
        this,
      );
    }
    const value = new random.RandomPassword(
      `${name}-value`,
      { length: MASK_KEY_LENGTH, special: false },
      { parent: this },
    );
    const secret = new aws.secretsmanager.Secret(
      autoNamed("aws:secretsmanager/secret:Secret", `${name}-secret`),
      {
        description: "Key of the lake jobs' hash mask (HMAC-SHA-256) outside production",
        kmsKeyId: args.kmsKeyArn,
        recoveryWindowInDays,
        tags: args.tags,
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-version`,
      { secretId: secret.id, secretString: value.result },
      { parent: secret },
    );
    this.secretArn = secret.arn;
    this.kmsKeyArn = pulumi.output(args.kmsKeyArn);
    this.registerOutputs({ secretArn: this.secretArn });
  }
}
