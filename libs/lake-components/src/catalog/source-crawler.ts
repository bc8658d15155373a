import type { DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { glueCatalogArn, glueTableArn, logGroupArnPrefix } from "../iam/arns.js";
import {
  glueCatalogStatements,
  kmsStatements,
  logsStatements,
  s3ReadStatements,
  sqsConsumeStatements,
} from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";
import type { LakeLayer } from "../naming.js";
import type { QueueNotificationTarget } from "../storage/bucket-notifications.js";
import type { BucketRef } from "../storage/lake-bucket.js";
import { encryptedQueue } from "../storage/encrypted-queue.js";
import {
  allowBucketToSendMessages,
  crawlerConfiguration,
  crawlerPolicies,
  CRAWLER_EXCLUSIONS,
  tableLevelOf,
  type CrawlMode,
} from "./crawler-settings.js";
import { glueSecurityConfigurationArgs } from "../compute/glue-job.js";
import { autoNamed } from "../physical-names.js";

/** The bronze database the crawler writes to (a LayerDatabase fits). */
export interface CrawlerDatabaseRef {
  readonly databaseName: pulumi.Input<string>;
  readonly databaseArn: pulumi.Input<string>;
  /** When known, must be `bronze`: contract tables of silver and gold are owned by Pulumi, not crawled. */
  readonly layer?: LakeLayer;
}

export interface SourceCrawlerArgs {
  /** A contract with a bronze source; the crawler covers its `source.tablePrefix`. */
  readonly contract: DatasetContract;
  readonly database: CrawlerDatabaseRef;
  /** The bronze bucket. */
  readonly bucket: BucketRef;
  /** Defaults to `event` (S3 event notifications through an SQS queue instead of listing the prefix). */
  readonly mode?: CrawlMode;
  /** Glue cron schedule. Defaults to none: the orchestrator starts the crawler before bronze -> silver. */
  readonly schedule?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Discovers one source's raw files in bronze: a Glue crawler over `s3://<bronze>/source=<name>/`, its own
 * least-privilege role, and in event mode an encrypted SQS queue (plus a dead-letter queue for events the
 * crawler cannot process) that only the bronze bucket may send to. The bucket's notification configuration
 * is shared by all sources, so it is not created here: pass every crawler's `notification` to one
 * BucketQueueNotifications for the bronze bucket.
 */
export class SourceCrawler extends pulumi.ComponentResource {
  /** Crawler name, for the orchestrator's start-crawler call. */
  public readonly crawlerName: pulumi.Output<string>;
  /** Crawler ARN. */
  public readonly crawlerArn: pulumi.Output<string>;
  /** The crawler's role. */
  public readonly roleArn: pulumi.Output<string>;
  /** `s3://<bronze>/<tablePrefix>`: `source=<name>/`, or `source=<name>/<schema>/<table>/` for DMS. */
  public readonly targetPath: pulumi.Output<string>;
  /** The event queue ARN (event mode), else undefined. */
  public readonly queueArn?: pulumi.Output<string>;
  /** What the bronze bucket's BucketQueueNotifications needs for this source (event mode), else undefined. */
  public readonly notification?: QueueNotificationTarget;

  constructor(name: string, args: SourceCrawlerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:catalog:SourceCrawler", name, {}, opts);
    const c = args.contract;
    const mode = args.mode ?? "event";
    const problems = [
      ...(c.source === null ? [`dataset ${c.name} has no source: there is nothing in bronze to crawl`] : []),
      ...(args.database.layer !== undefined && args.database.layer !== "bronze"
        ? [
            `database is the ${args.database.layer} layer: only bronze is crawled, silver and gold tables come from contracts`,
          ]
        : []),
      ...(c.source !== null && !c.source.bronzePrefix.startsWith("source=")
        ? [`bronzePrefix "${c.source.bronzePrefix}" is not a source=<name>/ folder`]
        : []),
    ];
    if (problems.length > 0 || c.source === null) {
      throw new pulumi.ResourceError(`SourceCrawler ${name}: ${problems.join("; ")}`, this);
    }
    // The raw table's folder: the source folder in the hive layout, `<schema>/<table>/` below it for DMS.
    const prefix = c.source.tablePrefix;
    this.targetPath = pulumi.interpolate`s3://${args.bucket.bucketName}/${prefix}`;
    const ctx = awsContext(this);

    let queues: { queue: aws.sqs.Queue; dlq: aws.sqs.Queue } | undefined;
    if (mode === "event") {
      // SSE-KMS with the bronze key, whose policy lets S3 publish encrypted notifications (LakeKey
      // s3EventNotifications).
      const dlq = encryptedQueue(
        `${name}-events-dlq`,
        { kmsKeyArn: args.bucket.kmsKeyArn, tags: args.tags },
        this,
      );
      // An event the crawler fails to process 5 times moves to the dead-letter queue instead of blocking it.
      const events = encryptedQueue(
        `${name}-events`,
        {
          kmsKeyArn: args.bucket.kmsKeyArn,
          deadLetter: { queue: dlq.queue, maxReceiveCount: 5 },
          allow: (queueArn) => [allowBucketToSendMessages(queueArn, args.bucket.bucketArn, ctx.accountId)],
          tags: args.tags,
        },
        this,
      );
      queues = { queue: events.queue, dlq: dlq.queue };
      this.queueArn = events.queue.arn;
      // Resolves only once the policy exists, so the bucket notification that uses it is created after it.
      this.notification = {
        queueArn: pulumi.all([events.queue.arn, events.policy.id]).apply(([arn]) => arn),
        filterPrefix: prefix,
        events: ["s3:ObjectCreated:*"],
      };
    }

    const databaseArn = pulumi.output(args.database.databaseArn);
    const role = new ServiceRole(
      `${name}-crawler`,
      {
        service: "glue.amazonaws.com",
        sourceAccount: ctx.accountId,
        description: `Glue crawler of bronze source ${c.name}`,
        statements: [
          ...s3ReadStatements({ bucketArn: args.bucket.bucketArn, prefixes: [prefix] }, "BronzeSource"),
          ...kmsStatements([args.bucket.kmsKeyArn], "decrypt", "BronzeKey"),
          ...glueCatalogStatements(
            {
              catalogArn: databaseArn.apply(glueCatalogArn),
              databaseArn,
              // The crawler names the tables it discovers, so it gets its own database's tables.
              tableArns: [databaseArn.apply((arn) => glueTableArn(arn, "*"))],
            },
            "crawl",
          ),
          ...logsStatements(databaseArn.apply((arn) => logGroupArnPrefix(arn, "/aws-glue/crawlers"))),
          ...(queues ? sqsConsumeStatements([queues.queue.arn, queues.dlq.arn]) : []),
        ],
        tags: args.tags,
      },
      { parent: this },
    );

    const classifiers =
      c.source.format === "csv"
        ? [
            // The built-in CSV classifier guesses whether the first row is a header; the contract says it is.
            new aws.glue.Classifier(
              autoNamed("aws:glue/classifier:Classifier", `${name}-csv`),
              { csvClassifier: { containsHeader: "PRESENT", delimiter: ",", quoteSymbol: '"' } },
              { parent: this },
            ).name,
          ]
        : undefined;

    // CloudWatch Logs, S3 writes and bookmarks of the crawler encrypted with the bronze key (Glue security
    // configuration; the key policy lets CloudWatch Logs use it for /aws-glue/ log groups).
    const security = new aws.glue.SecurityConfiguration(
      autoNamed("aws:glue/securityConfiguration:SecurityConfiguration", `${name}-security`),
      glueSecurityConfigurationArgs(args.bucket.kmsKeyArn),
      { parent: this },
    );
    const policies = crawlerPolicies(mode);
    const crawler = new aws.glue.Crawler(
      autoNamed("aws:glue/crawler:Crawler", `${name}-crawler`),
      {
        databaseName: args.database.databaseName,
        role: role.roleArn,
        description: `Bronze discovery for ${c.name} (${c.source.kind} source, ${c.source.format})`,
        s3Targets: [
          {
            path: this.targetPath,
            exclusions: CRAWLER_EXCLUSIONS,
            ...(queues ? { eventQueueArn: queues.queue.arn, dlqEventQueueArn: queues.dlq.arn } : {}),
          },
        ],
        recrawlPolicy: policies.recrawlPolicy,
        schemaChangePolicy: policies.schemaChangePolicy,
        configuration: crawlerConfiguration(tableLevelOf(prefix)),
        securityConfiguration: security.name,
        classifiers,
        schedule: args.schedule,
        tags: args.tags,
      },
      { parent: this },
    );

    this.crawlerName = crawler.name;
    this.crawlerArn = crawler.arn;
    this.roleArn = role.roleArn;
    this.registerOutputs({
      crawlerName: this.crawlerName,
      crawlerArn: this.crawlerArn,
      roleArn: this.roleArn,
      targetPath: this.targetPath,
      queueArn: this.queueArn,
    });
  }
}
