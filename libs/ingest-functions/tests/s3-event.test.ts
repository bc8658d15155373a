import { describe, expect, it } from "vitest";
import { decodeS3Key, MalformedMessageError, objectsOfMessage } from "../src/cataloging/s3-event.js";

describe("decodeS3Key", () => {
  it.each([
    ["source%3Dcustomers%2Fyear%3D2026%2Fa.json", "source=customers/year=2026/a.json"],
    ["source=customers/year=2026/a.json", "source=customers/year=2026/a.json"],
    ["red+flower.jpg", "red flower.jpg"],
    ["a%2Bb.json", "a+b.json"],
    ["%C3%BCn%C3%AFc%C3%B6d%C3%A9", "ünïcödé"],
    ["%E2%82%AC%20%F0%9F%98%80", "€ 😀"],
  ])("decodes %s", (raw, key) => {
    expect(decodeS3Key(raw)).toBe(key);
  });

  it("throws on a broken escape", () => {
    expect(() => decodeS3Key("a%E0%A4%A.json")).toThrow(URIError);
  });
});

const record = (eventName: string, key: unknown, extra: Record<string, unknown> = {}) => ({
  eventSource: "aws:s3",
  eventName,
  s3: { bucket: { name: "bronze" }, object: { key, ...extra } },
});

describe("objectsOfMessage", () => {
  it("lists created objects with decoded keys and versions, and says what it passed over", () => {
    const body = JSON.stringify({
      Records: [
        record("ObjectCreated:Put", "source%3Dc%2Fa+b.json", { versionId: "v1" }),
        record("ObjectRemoved:Delete", "source%3Dc%2Fgone.json"),
        record("ObjectCreated:CompleteMultipartUpload", "bad%E0%A4%A"),
        { eventSource: "aws:sqs" },
      ],
    });
    expect(objectsOfMessage(body)).toEqual({
      created: [
        { bucket: "bronze", key: "source=c/a b.json", rawKey: "source%3Dc%2Fa+b.json", versionId: "v1" },
      ],
      ignored: [
        "Records[1] is ObjectRemoved:Delete, not an object creation",
        'Records[2] key "bad%E0%A4%A" is not URL-encoded text',
        "Records[3] is not an S3 event",
      ],
    });
  });

  it("passes over the test event S3 sends when notifications are configured", () => {
    expect(objectsOfMessage('{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"bronze"}')).toEqual({
      created: [],
      ignored: ["s3:TestEvent"],
    });
  });

  it.each([
    ["not json", /not JSON/],
    ["[1, 2]", /not a JSON object/],
    ['{"Message": "hi"}', /no Records list/],
    [JSON.stringify({ Records: [record("ObjectCreated:Put", 42)] }), /Records\[0\] names no s3.bucket.name/],
  ])("refuses %s", (body, message) => {
    expect(() => objectsOfMessage(body)).toThrow(MalformedMessageError);
    expect(() => objectsOfMessage(body)).toThrow(message);
  });
});
