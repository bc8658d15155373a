// The key policy of the lake's customer-managed KMS key. Pure: plain strings in, statements out.
import type { PolicyStatement } from "../iam/policy-document.js";

export interface KeyPolicyContext {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** CloudWatch Logs group name prefixes whose logs may be encrypted with the key (Glue). */
  readonly logGroupPrefixes: readonly string[];
  /** Let S3 publish bucket event notifications to queues encrypted with the key. */
  readonly s3EventNotifications?: boolean;
}

// Written out rather than `kms:*`: the account keeps every administrative and cryptographic action
// (so IAM policies decide who uses the key), and no statement grants a wildcard action on the key.
const ACCOUNT_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
];

/**
 * Statements of the key policy. In a key policy `Resource: "*"` means this key. The account statement
 * delegates access to IAM; the CloudWatch Logs statement is what encrypting log groups with a customer key
 * requires (CloudWatch Logs user guide, "Encrypt log data using AWS KMS"), limited by the encryption context
 * to the log groups under the given prefixes.
 */
export function lakeKeyPolicyStatements(ctx: KeyPolicyContext): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: "AccountAdministersAndUsesKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
      Action: [...ACCOUNT_ACTIONS],
      Resource: ["*"],
    },
  ];
  if (ctx.logGroupPrefixes.length > 0) {
    statements.push({
      Sid: "CloudWatchLogsEncryptsLakeLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: ["*"],
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": ctx.logGroupPrefixes.map(
            (p) => `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${p}*`,
          ),
        },
      },
    });
  }
  if (ctx.s3EventNotifications) {
    // S3 encrypts the event notifications it sends to an SSE-KMS queue with the queue's key (S3 user guide,
    // "Walkthrough: Configuring a bucket for notifications": the key policy must allow s3.amazonaws.com to
    // GenerateDataKey and Decrypt), only on behalf of this account's buckets.
    statements.push({
      Sid: "S3PublishesEncryptedEventNotifications",
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
    });
  }
  return statements;
}
