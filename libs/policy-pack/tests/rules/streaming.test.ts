import {
  firehoseS3DestinationKms,
  firehoseStreamEncryption,
  kinesisStreamKmsEncryption,
} from "../../src/rules/streaming.js";
import { describeRule, resource, set, UNKNOWN } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describeRule({
  policy: kinesisStreamKmsEncryption,
  valid: resource("aws:kinesis/stream:Stream", "clicks", {
    encryptionType: "KMS",
    kmsKeyId: KEY,
    retentionPeriod: 24,
  }),
  violations: [
    [
      "no encryption",
      set("encryptionType", undefined),
      /not encrypted at rest \(encryptionType NONE, the default\)/,
    ],
    ["encryption NONE", set("encryptionType", "NONE"), /encryptionType NONE\)/],
    ["the AWS managed key", set("kmsKeyId", "alias/aws/kinesis"), /AWS managed key alias\/aws\/kinesis/],
    ["KMS without a key", set("kmsKeyId", undefined), /AWS managed key/],
  ],
  unknown: set("encryptionType", UNKNOWN),
});

const directPut = resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "events", {
  destination: "extended_s3",
  serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY },
  extendedS3Configuration: {
    bucketArn: "arn:aws:s3:::lake-bronze",
    roleArn: "arn:aws:iam::1:role/f",
    kmsKeyArn: KEY,
  },
});

describeRule({
  policy: firehoseStreamEncryption,
  valid: directPut,
  violations: [
    [
      "Direct PUT without encryption",
      set("serverSideEncryption", undefined),
      /takes Direct PUT records without server-side encryption/,
    ],
    [
      "Direct PUT with the AWS owned key",
      set("serverSideEncryption.keyType", "AWS_OWNED_CMK"),
      /encrypts with AWS_OWNED_CMK; use CUSTOMER_MANAGED_CMK/,
    ],
    [
      "a customer key type without the key",
      set("serverSideEncryption.keyArn", undefined),
      /use CUSTOMER_MANAGED_CMK with keyArn/,
    ],
    [
      "a Kinesis-sourced stream that enables encryption",
      set("kinesisSourceConfiguration", {
        kinesisStreamArn: "arn:aws:kinesis:eu-west-1:1:stream/s",
        roleArn: "r",
      }),
      /reads from a Kinesis stream and enables serverSideEncryption/,
    ],
  ],
  accepted: [
    [
      "a Kinesis-sourced stream without its own encryption",
      (s) =>
        set(
          "serverSideEncryption",
          undefined,
        )(
          set("kinesisSourceConfiguration", {
            kinesisStreamArn: "arn:aws:kinesis:eu-west-1:1:stream/s",
            roleArn: "r",
          })(s),
        ),
    ],
  ],
  unknown: set("serverSideEncryption.enabled", UNKNOWN),
});

describeRule({
  policy: firehoseS3DestinationKms,
  valid: directPut,
  violations: [
    [
      "S3 delivery without a key",
      set("extendedS3Configuration.kmsKeyArn", undefined),
      /delivers to S3 without extendedS3Configuration.kmsKeyArn/,
    ],
  ],
  accepted: [
    [
      "an HTTP endpoint destination",
      (s) => set("extendedS3Configuration", undefined)(set("destination", "http_endpoint")(s)),
    ],
  ],
  unknown: set("extendedS3Configuration.kmsKeyArn", UNKNOWN),
});
