import { functionBundle } from "@lake/ingest-functions";
import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { findWildcardGrants } from "../../src/iam/policy-document.js";
import { FileIngestion } from "../../src/ingest/file-ingestion.js";
import { policyOf, resolve, resource, resourcesOf, settled, statementsBySid } from "../helpers.js";

const bucket = {
  bucketName: "lake-bronze",
  bucketArn: "arn:aws:s3:::lake-bronze",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/bronze",
};
const crawlerArn = "arn:aws:glue:eu-west-1:123456789012:crawler/customers-crawler";

describe("FileIngestion", async () => {
  const ingestion = new FileIngestion("files", {
    sources: [{ contract: registry.get("customers"), crawlerName: "customers-crawler", crawlerArn }],
    bucket,
  });
  const [queueArn, notified] = await Promise.all([
    resolve(ingestion.queueArn),
    resolve(ingestion.notifications[0]!.queueArn as never),
  ]);
  await settled();
  const fn = resource("aws:lambda/function:Function", "files-cataloging-fn");
  const queue = resource("aws:sqs/queue:Queue", "files-events");
  const dlq = resource("aws:sqs/queue:Queue", "files-events-dlq");

  it("sends the file sources' bucket events to one encrypted queue with a dead-letter queue", () => {
    expect(ingestion.notifications).toHaveLength(1);
    expect(ingestion.notifications[0]).toMatchObject({
      filterPrefix: "source=customers/",
      events: ["s3:ObjectCreated:*"],
    });
    expect(notified).toBe(queueArn);
    for (const q of [queue, dlq]) expect(q.inputs.kmsMasterKeyId).toBe(bucket.kmsKeyArn);
    expect(JSON.parse(String(queue.inputs.redrivePolicy))).toEqual({
      deadLetterTargetArn: dlq.state.arn,
      maxReceiveCount: 5,
    });
    // Six times the function's timeout.
    expect(queue.inputs.visibilityTimeoutSeconds).toBe(360);
    const policy = policyOf(resource("aws:sqs/queuePolicy:QueuePolicy", "files-events-policy"));
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "AllowBucketNotifications"]);
  });

  it("runs the cataloging bundle on Node.js 22 with bounded concurrency and its crawlers in the environment", () => {
    const bundle = functionBundle("cataloging");
    expect(fn.inputs).toMatchObject({
      name: "files-cataloging",
      runtime: "nodejs22.x",
      handler: "index.handler",
      architectures: ["arm64"],
      timeout: 60,
      reservedConcurrentExecutions: 2,
      loggingConfig: { logFormat: "JSON", logGroup: "/aws/lambda/files-cataloging" },
    });
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    expect(variables.LAKE_BRONZE_BUCKET).toBe("lake-bronze");
    expect(JSON.parse(variables.LAKE_CRAWLERS!)).toEqual({ customers: "customers-crawler" });
    const code = fn.wireInputs.code as { assets: Record<string, { text: string }> };
    expect(Object.keys(code.assets)).toEqual(["index.js"]);
    expect(code.assets["index.js"]?.text).toBe(bundle.code);
    const logs = resource("aws:cloudwatch/logGroup:LogGroup", "files-cataloging-logs");
    expect(logs.inputs).toMatchObject({
      name: "/aws/lambda/files-cataloging",
      kmsKeyId: bucket.kmsKeyArn,
      retentionInDays: 30,
    });
  });

  it("maps the queue to the function with partial batch responses", () => {
    const mapping = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "files-events-mapping");
    expect(mapping.inputs).toMatchObject({
      eventSourceArn: queueArn,
      functionName: fn.state.arn,
      batchSize: 10,
      maximumBatchingWindowInSeconds: 30,
      functionResponseTypes: ["ReportBatchItemFailures"],
      scalingConfig: { maximumConcurrency: 2 },
    });
  });

  it("lets the function receive its queue, tag the sources' objects and start their crawlers, nothing more", () => {
    const policy = policyOf(resourcesOf("aws:iam/rolePolicy:RolePolicy", "files-cataloging")[0]!);
    const bySid = Object.fromEntries(
      Object.entries(
        statementsBySid(resourcesOf("aws:iam/rolePolicy:RolePolicy", "files-cataloging")[0]!),
      ).map(([sid, st]) => [sid, [st.Action, st.Resource]]),
    );
    expect(bySid).toEqual({
      ReceiveEvents: [
        ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
        [queueArn],
      ],
      QueueKey: [["kms:Decrypt", "kms:DescribeKey"], [bucket.kmsKeyArn]],
      TagObjects: [
        [
          "s3:GetObjectTagging",
          "s3:GetObjectVersionTagging",
          "s3:PutObjectTagging",
          "s3:PutObjectVersionTagging",
        ],
        ["arn:aws:s3:::lake-bronze/source=customers/*"],
      ],
      StartCrawlers: [["glue:StartCrawler", "glue:GetCrawler"], [crawlerArn]],
      WriteLogs: [
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [`${String(resource("aws:cloudwatch/logGroup:LogGroup", "files-cataloging-logs").state.arn)}:*`],
      ],
    });
    expect(findWildcardGrants(JSON.stringify(policy))).toEqual([]);
  });

  it("refuses sources that are not files, and batching the API refuses", () => {
    expect(() => new FileIngestion("bad", { sources: [], bucket })).toThrow(/sources is empty/);
    expect(
      () =>
        new FileIngestion("bad2", {
          sources: [{ contract: registry.get("web_events"), crawlerName: "c", crawlerArn }],
          bucket,
          batching: { maximumConcurrency: 1 },
        }),
    ).toThrow(
      /web_events is a stream source, not a file source; maximumConcurrency must be 2 to 1000, got 1/,
    );
  });
});
