import * as aws from "@pulumi/aws";
import { validateResourceOfType, type PolicyResource } from "@pulumi/policy";
import { deniesInsecureTransport, publicGrants, reportDocumentProblems, someDocument } from "../documents.js";
import { resourcePolicy, stackPolicy } from "../policy.js";
import { isNamed, ofType, trailingName } from "../stack-resources.js";

export const sqsQueueKmsEncryption = resourcePolicy({
  name: "sqs-queue-kms-encryption",
  description:
    "Queues are encrypted with a customer managed KMS key (kmsMasterKeyId); SSE-SQS and the AWS managed key alias/aws/sqs are keys no key policy of yours controls.",
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag W48", "AwsSolutions-SQS2"],
  validateResource: [
    validateResourceOfType(aws.sqs.Queue, (queue, _args, report) => {
      const key = queue.kmsMasterKeyId;
      if (!key) {
        report(
          queue.sqsManagedSseEnabled === false
            ? "is not encrypted (sqsManagedSseEnabled false, no kmsMasterKeyId)"
            : "is encrypted with SSE-SQS, not a customer managed KMS key (set kmsMasterKeyId; its key policy must let the senders, such as s3.amazonaws.com, use the key)",
        );
      } else if (/alias\/aws\/sqs$/.test(key)) {
        report("uses the AWS managed key alias/aws/sqs, whose key policy cannot grant other services");
      }
    }),
  ],
});

/** Where a queue is referenced as the dead-letter queue of something else (by ARN). */
function deadLetterTargets(resources: readonly PolicyResource[], report: (m: string, urn: string) => void) {
  const targets: unknown[] = [];
  const redrive = (value: unknown, owner: PolicyResource) => {
    if (value === undefined || value === "") return;
    try {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      targets.push((JSON.parse(text) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn);
    } catch {
      report(`${owner.name} has a redrivePolicy that is not valid JSON`, owner.urn);
    }
  };
  for (const q of ofType(resources, aws.sqs.Queue)) redrive(q.props["redrivePolicy"], q);
  for (const p of ofType(resources, aws.sqs.RedrivePolicy)) redrive(p.props["redrivePolicy"], p);
  for (const c of ofType(resources, aws.glue.Crawler)) {
    const crawlTargets = [
      ...((c.props["s3Targets"] ?? []) as unknown[]),
      ...((c.props["catalogTargets"] ?? []) as unknown[]),
    ];
    for (const t of crawlTargets as { dlqEventQueueArn?: unknown }[]) targets.push(t.dlqEventQueueArn);
  }
  for (const f of ofType(resources, aws.lambda.Function)) {
    targets.push((f.props["deadLetterConfig"] as { targetArn?: unknown } | undefined)?.targetArn);
  }
  for (const c of ofType(resources, aws.lambda.FunctionEventInvokeConfig)) {
    const destinations = c.props["destinationConfig"] as
      { onFailure?: { destination?: unknown } } | undefined;
    targets.push(destinations?.onFailure?.destination);
  }
  for (const m of ofType(resources, aws.lambda.EventSourceMapping)) {
    const destinations = m.props["destinationConfig"] as
      { onFailure?: { destinationArn?: unknown } } | undefined;
    targets.push(destinations?.onFailure?.destinationArn);
  }
  for (const s of ofType(resources, aws.scheduler.Schedule)) {
    targets.push(
      (s.props["target"] as { deadLetterConfig?: { arn?: unknown } } | undefined)?.deadLetterConfig?.arn,
    );
  }
  return targets.map(trailingName).filter((n): n is string => n !== undefined);
}

/** Queues a Glue crawler consumes with a dead-letter queue of its own (dlqEventQueueArn next to eventQueueArn). */
function crawlerQueuesWithDeadLetter(resources: readonly PolicyResource[]): string[] {
  return ofType(resources, aws.glue.Crawler).flatMap((c) =>
    ((c.props["s3Targets"] ?? []) as { eventQueueArn?: unknown; dlqEventQueueArn?: unknown }[])
      .filter((t) => t.dlqEventQueueArn !== undefined && t.dlqEventQueueArn !== "")
      .map((t) => trailingName(t.eventQueueArn))
      .filter((n): n is string => n !== undefined),
  );
}

export const sqsQueueDeadLetter = stackPolicy({
  name: "sqs-queue-dead-letter",
  description:
    "Every queue has a dead-letter queue (a redrive policy, or its consumer's own, like a Glue crawler's dlqEventQueueArn) or is one (a redrive target, a redriveAllowPolicy, or the dead-letter target of a crawler, function, event source mapping or schedule).",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-SQS3", "SQSRedrivePolicy"],
  reads: [
    aws.sqs.Queue,
    aws.sqs.RedrivePolicy,
    aws.sqs.RedriveAllowPolicy,
    aws.glue.Crawler,
    aws.lambda.Function,
    aws.lambda.FunctionEventInvokeConfig,
    aws.lambda.EventSourceMapping,
    aws.scheduler.Schedule,
  ],
  validateStack: (args, report) => {
    const resources = args.resources;
    const deadLetterNames = deadLetterTargets(resources, report);
    const consumedWithDeadLetter = crawlerQueuesWithDeadLetter(resources);
    const byUrl = (
      cls: typeof aws.sqs.RedrivePolicy | typeof aws.sqs.RedriveAllowPolicy,
      queue: PolicyResource,
    ) => ofType(resources, cls).some((p) => isNamed(queue, trailingName(p.props["queueUrl"])));
    for (const queue of ofType(resources, aws.sqs.Queue)) {
      const named = (n: string) => isNamed(queue, n);
      const hasDeadLetter =
        (queue.props["redrivePolicy"] ?? "") !== "" ||
        byUrl(aws.sqs.RedrivePolicy, queue) ||
        consumedWithDeadLetter.some(named);
      const isDeadLetter =
        (queue.props["redriveAllowPolicy"] ?? "") !== "" ||
        byUrl(aws.sqs.RedriveAllowPolicy, queue) ||
        deadLetterNames.some(named);
      if (!hasDeadLetter && !isDeadLetter) {
        report(
          `queue ${queue.name} has no dead-letter queue and is none: messages that keep failing are retried until they expire`,
          queue.urn,
        );
      }
    }
  },
});

export const sqsQueueTlsOnly = stackPolicy({
  name: "sqs-queue-tls-only",
  description:
    "Every queue's policy (QueuePolicy or inline) denies all SQS actions to every principal when aws:SecureTransport is false.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-SQS4"],
  reads: [aws.sqs.Queue, aws.sqs.QueuePolicy],
  validateStack: (args, report) => {
    const queuePolicies = ofType(args.resources, aws.sqs.QueuePolicy);
    for (const queue of ofType(args.resources, aws.sqs.Queue)) {
      const documents = [
        { where: `queue ${queue.name}'s inline policy`, value: queue.props["policy"] as unknown },
        ...queuePolicies
          .filter((p) => isNamed(queue, trailingName(p.props["queueUrl"])))
          .map((p) => ({ where: `queue policy ${p.name}`, value: p.props["policy"] as unknown })),
      ].filter((d) => d.value !== undefined && d.value !== "");
      const forThisQueue = (resources: readonly string[]) =>
        resources.some((r) => isNamed(queue, trailingName(r)));
      const denies = someDocument(
        documents,
        (m) => report(m, queue.urn),
        (doc) => deniesInsecureTransport(doc, "sqs", forThisQueue),
      );
      if (denies === false) {
        report(
          `queue ${queue.name} has no policy statement denying sqs:* to "*" when aws:SecureTransport is false`,
          queue.urn,
        );
      }
    }
  },
});

export const sqsQueuePolicyNotPublic = resourcePolicy({
  name: "sqs-queue-policy-not-public",
  description:
    'No queue policy allows principal "*" (or uses NotPrincipal) unless a condition fixes the source or caller (aws:SourceArn, aws:SourceAccount, ...).',
  enforcementLevel: "mandatory",
  nagIds: ["cfn_nag F21", "cfn_nag F7"],
  validateResource: [
    validateResourceOfType(aws.sqs.QueuePolicy, (policy, _args, report) => {
      reportDocumentProblems(policy.policy, "the queue policy", report, (doc) => publicGrants(doc));
    }),
    validateResourceOfType(aws.sqs.Queue, (queue, _args, report) => {
      reportDocumentProblems(queue.policy, "the inline queue policy", report, (doc) => publicGrants(doc));
    }),
  ],
});

export const sqsPolicies = [
  sqsQueueKmsEncryption,
  sqsQueueDeadLetter,
  sqsQueueTlsOnly,
  sqsQueuePolicyNotPublic,
];
