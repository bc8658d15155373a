import { describe, expect, it } from "vitest";
import { BucketQueueNotifications, overlappingTargets } from "../../src/storage/bucket-notifications.js";
import { resource, settled, resolve } from "../helpers.js";

const q = (filterPrefix: string, events?: string[]) => ({
  queueArn: "arn:aws:sqs:eu-west-1:1:q",
  filterPrefix,
  events,
});

describe("overlappingTargets", () => {
  it.each([
    ["disjoint sources", [q("source=customers/"), q("source=transactions/")], 0],
    ["a prefix of another", [q("source=cust"), q("source=customers/")], 1],
    ["equal prefixes", [q("a/"), q("a/")], 1],
    ["same prefix, disjoint events", [q("a/", ["s3:ObjectCreated:*"]), q("a/", ["s3:ObjectRemoved:*"])], 0],
    [
      "wildcard covers a specific event",
      [q("a/", ["s3:ObjectCreated:*"]), q("a/", ["s3:ObjectCreated:Put"])],
      1,
    ],
  ])("%s", (_label, targets, count) => expect(overlappingTargets(targets)).toHaveLength(count));
});

describe("BucketQueueNotifications", async () => {
  const n = new BucketQueueNotifications("bronze-events", {
    bucketName: "bronze-bucket",
    targets: [q("source=customers/"), q("source=transactions/")],
  });
  await resolve(n.bucketName);
  await settled();

  it("sets every queue in one notification configuration, on object creation", () => {
    const config = resource("aws:s3/bucketNotification:BucketNotification", "bronze-events-notification");
    expect(config.inputs.bucket).toBe("bronze-bucket");
    expect(config.inputs.queues).toEqual([
      {
        queueArn: "arn:aws:sqs:eu-west-1:1:q",
        events: ["s3:ObjectCreated:*"],
        filterPrefix: "source=customers/",
      },
      {
        queueArn: "arn:aws:sqs:eu-west-1:1:q",
        events: ["s3:ObjectCreated:*"],
        filterPrefix: "source=transactions/",
      },
    ]);
  });

  it("rejects overlapping or empty targets", () => {
    expect(
      () => new BucketQueueNotifications("x", { bucketName: "b", targets: [q("a/"), q("a/b/")] }),
    ).toThrow(/overlap/);
    expect(() => new BucketQueueNotifications("y", { bucketName: "b", targets: [] })).toThrow(
      /targets is empty/,
    );
  });
});
