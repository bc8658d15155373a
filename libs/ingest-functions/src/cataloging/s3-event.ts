// S3 event notifications as they reach the queue (S3 user guide, "Event message structure"): one SQS message
// holds one notification, which holds Records; configuring a notification first sends an s3:TestEvent.

/**
 * The object key as stored. Notification keys are URL-encoded the way HTML forms are: a space arrives as `+`,
 * `=` as `%3D`, a non-ASCII character as its UTF-8 bytes in `%XX`. Throws URIError on a broken escape.
 */
export function decodeS3Key(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, " "));
}

/** One created object, as the notification names it. */
export interface CreatedObject {
  readonly bucket: string;
  /** Decoded. */
  readonly key: string;
  /** As the notification sent it, for logs. */
  readonly rawKey: string;
  /** Set when the bucket is versioned: the version the event is about. */
  readonly versionId?: string;
}

/** What a message says: the objects it reports created, and why anything else in it was passed over. */
export interface MessageObjects {
  readonly created: readonly CreatedObject[];
  readonly ignored: readonly string[];
}

/** A message that is not an S3 event notification: retrying cannot help, so it belongs in the dead-letter queue. */
export class MalformedMessageError extends Error {
  override readonly name = "MalformedMessageError";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The created objects of one message body; throws MalformedMessageError for a body that is not a notification. */
export function objectsOfMessage(body: string): MessageObjects {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new MalformedMessageError(`the message body is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new MalformedMessageError("the message body is not a JSON object");
  if (parsed["Event"] === "s3:TestEvent") return { created: [], ignored: ["s3:TestEvent"] };
  const records = parsed["Records"];
  if (!Array.isArray(records)) throw new MalformedMessageError("the message has no Records list");
  const created: CreatedObject[] = [];
  const ignored: string[] = [];
  records.forEach((record: unknown, i) => {
    const where = `Records[${i}]`;
    if (!isObject(record) || record["eventSource"] !== "aws:s3") {
      ignored.push(`${where} is not an S3 event`);
      return;
    }
    const eventName = typeof record["eventName"] === "string" ? record["eventName"] : "";
    if (!eventName.startsWith("ObjectCreated:")) {
      ignored.push(`${where} is ${eventName || "an event without a name"}, not an object creation`);
      return;
    }
    const s3 = isObject(record["s3"]) ? record["s3"] : {};
    const bucket = isObject(s3["bucket"]) ? s3["bucket"]["name"] : undefined;
    const object = isObject(s3["object"]) ? s3["object"] : {};
    const rawKey = object["key"];
    if (typeof bucket !== "string" || typeof rawKey !== "string") {
      throw new MalformedMessageError(`${where} names no s3.bucket.name and s3.object.key`);
    }
    let key: string;
    try {
      key = decodeS3Key(rawKey);
    } catch {
      ignored.push(`${where} key "${rawKey}" is not URL-encoded text`);
      return;
    }
    const versionId = typeof object["versionId"] === "string" ? object["versionId"] : undefined;
    created.push({ bucket, key, rawKey, ...(versionId ? { versionId } : {}) });
  });
  return { created, ignored };
}
