import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureQueueAccess } from "../catalog/crawler-settings.js";
import { policyJson, type PolicyStatement } from "../iam/policy-document.js";
import { autoNamed } from "../physical-names.js";

export interface EncryptedQueueArgs {
  /** The customer managed key; every sender needs kms:GenerateDataKey on it, every receiver kms:Decrypt. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Defaults to SQS's 30 seconds. */
  readonly visibilityTimeoutSeconds?: number;
  /** Where a message goes after `maxReceiveCount` failed receives. Defaults to none: the queue is a dead end. */
  readonly deadLetter?: { readonly queue: aws.sqs.Queue; readonly maxReceiveCount: number };
  /** Statements the queue policy grants beyond refusing insecure transport (S3 sending, for instance). */
  readonly allow?: (queueArn: pulumi.Output<string>) => PolicyStatement[];
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface EncryptedQueue {
  readonly queue: aws.sqs.Queue;
  readonly policy: aws.sqs.QueuePolicy;
}

/**
 * A queue as the lake makes every queue: SSE-KMS with the lake's key (data keys reused for 5 minutes to keep KMS
 * calls few), messages kept 14 days (SQS's maximum, the time an operator has to look at a dead letter), a policy
 * that refuses any request not made over TLS, and a redrive policy when it has a dead-letter queue.
 */
export function encryptedQueue(
  name: string,
  args: EncryptedQueueArgs,
  parent: pulumi.Resource,
): EncryptedQueue {
  const queue = new aws.sqs.Queue(
    autoNamed("aws:sqs/queue:Queue", name),
    {
      kmsMasterKeyId: args.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 1_209_600,
      visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
      redrivePolicy: args.deadLetter
        ? pulumi.jsonStringify({
            deadLetterTargetArn: args.deadLetter.queue.arn,
            maxReceiveCount: args.deadLetter.maxReceiveCount,
          })
        : undefined,
      tags: args.tags,
    },
    { parent },
  );
  const policy = new aws.sqs.QueuePolicy(
    `${name}-policy`,
    {
      queueUrl: queue.url,
      policy: policyJson([denyInsecureQueueAccess(queue.arn), ...(args.allow?.(queue.arn) ?? [])]),
    },
    { parent },
  );
  return { queue, policy };
}
