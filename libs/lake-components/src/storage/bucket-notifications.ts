import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** One queue that receives a bucket's events for one key prefix (a SourceCrawler's `notification`). */
export interface QueueNotificationTarget {
  /** The queue ARN. Pass an output that depends on the queue policy so S3 can validate the destination. */
  readonly queueArn: pulumi.Input<string>;
  /** Key prefix the events are filtered on. */
  readonly filterPrefix: string;
  /** S3 event types. Defaults to `["s3:ObjectCreated:*"]`. */
  readonly events?: readonly string[];
}

const DEFAULT_EVENTS = ["s3:ObjectCreated:*"];

/** `s3:ObjectCreated:*` covers `s3:ObjectCreated:Put`; equal types overlap too. */
function eventsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const covers = (x: string, y: string) => x === y || (x.endsWith(":*") && y.startsWith(x.slice(0, -1)));
  return a.some((x) => b.some((y) => covers(x, y) || covers(y, x)));
}

/**
 * Pairs of targets S3 would reject: two configurations of one bucket may not have overlapping prefixes for
 * overlapping event types (S3 user guide, "Configuring event notifications using object key name filtering").
 */
export function overlappingTargets(targets: readonly QueueNotificationTarget[]): string[] {
  const problems: string[] = [];
  targets.forEach((a, i) =>
    targets.slice(i + 1).forEach((b) => {
      const prefixesOverlap =
        a.filterPrefix.startsWith(b.filterPrefix) || b.filterPrefix.startsWith(a.filterPrefix);
      if (prefixesOverlap && eventsOverlap(a.events ?? DEFAULT_EVENTS, b.events ?? DEFAULT_EVENTS)) {
        problems.push(`"${a.filterPrefix}" and "${b.filterPrefix}" overlap for the same events`);
      }
    }),
  );
  return problems;
}

export interface BucketQueueNotificationsArgs {
  readonly bucketName: pulumi.Input<string>;
  /** Every queue of the bucket: S3 keeps one notification configuration per bucket, so they are set together. */
  readonly targets: readonly QueueNotificationTarget[];
}

/**
 * The bucket's whole event notification configuration. One per bucket: a second aws.s3.BucketNotification on
 * the same bucket would overwrite the first, so every SourceCrawler's queue is passed here at once.
 */
export class BucketQueueNotifications extends pulumi.ComponentResource {
  /** The bucket whose notifications are configured. */
  public readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: BucketQueueNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:storage:BucketQueueNotifications", name, {}, opts);
    const problems = [
      ...(args.targets.length === 0 ? ["targets is empty: nothing to notify"] : []),
      ...overlappingTargets(args.targets).map((p) => `targets ${p}`),
    ];
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`BucketQueueNotifications ${name}: ${problems.join("; ")}`, this);
    }

    new aws.s3.BucketNotification(
      `${name}-notification`,
      {
        bucket: args.bucketName,
        queues: args.targets.map((t) => ({
          queueArn: t.queueArn,
          events: [...(t.events ?? DEFAULT_EVENTS)],
          filterPrefix: t.filterPrefix,
        })),
      },
      { parent: this },
    );

    this.bucketName = pulumi.output(args.bucketName);
    this.registerOutputs({ bucketName: this.bucketName });
  }
}
