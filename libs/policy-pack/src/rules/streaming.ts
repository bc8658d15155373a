import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy } from "../policy.js";

export const kinesisStreamKmsEncryption = resourcePolicy({
  name: "kinesis-stream-kms-encryption",
  description:
    "Kinesis data streams are encrypted at rest (encryptionType KMS) with a customer managed key, not the AWS managed alias/aws/kinesis.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-KDS1", "AwsSolutions-KDS3", "cfn_nag W49"],
  validateResource: [
    validateResourceOfType(aws.kinesis.Stream, (stream, _args, report) => {
      if (stream.encryptionType !== "KMS") {
        report(`is not encrypted at rest (encryptionType ${stream.encryptionType ?? "NONE, the default"})`);
      } else if (!stream.kmsKeyId || /alias\/aws\/kinesis$/.test(stream.kmsKeyId)) {
        report(
          "is encrypted with the AWS managed key alias/aws/kinesis; name a customer managed key in kmsKeyId",
        );
      }
    }),
  ],
});

export const firehoseStreamEncryption = resourcePolicy({
  name: "firehose-stream-encryption",
  description:
    "Firehose streams fed by Direct PUT encrypt their buffer with a customer managed key (serverSideEncryption CUSTOMER_MANAGED_CMK); streams fed by Kinesis or MSK must not set it, their source's encryption applies.",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-KDF1", "cfn_nag W88"],
  validateResource: [
    validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
      const sse = stream.serverSideEncryption;
      const source = stream.kinesisSourceConfiguration
        ? "a Kinesis stream"
        : stream.mskSourceConfiguration
          ? "an MSK topic"
          : undefined;
      if (source) {
        if (sse?.enabled === true) {
          report(
            `reads from ${source} and enables serverSideEncryption, which Firehose rejects for that source`,
          );
        }
        return;
      }
      if (sse?.enabled !== true) report("takes Direct PUT records without server-side encryption");
      else if (sse.keyType !== "CUSTOMER_MANAGED_CMK" || !sse.keyArn) {
        report(
          `encrypts with ${sse.keyType ?? "AWS_OWNED_CMK (the default)"}; use CUSTOMER_MANAGED_CMK with keyArn`,
        );
      }
    }),
  ],
});

export const firehoseS3DestinationKms = resourcePolicy({
  name: "firehose-s3-destination-kms",
  description:
    "Firehose streams delivering to S3 (extended_s3) encrypt the objects they write with a KMS key (extendedS3Configuration.kmsKeyArn; without it Firehose requests no encryption).",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, args, report) => {
      if (stream.destination !== "extended_s3") args.notApplicable(`delivers to ${stream.destination}`);
      if (!stream.extendedS3Configuration?.kmsKeyArn) {
        report("delivers to S3 without extendedS3Configuration.kmsKeyArn");
      }
    }),
  ],
});

export const streamingPolicies = [
  kinesisStreamKmsEncryption,
  firehoseStreamEncryption,
  firehoseS3DestinationKms,
];
