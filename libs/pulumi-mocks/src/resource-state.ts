// What the mocked AWS provider answers for a new resource: its id and the attributes the provider computes, as a
// pure function of the type, the logical name and the inputs, so two evaluations of one program register
// byte-identical resources. The offline plan, the stack tests and the component tests all read this one table.
import { createHash } from "node:crypto";

/** The account every mocked deployment is in (the documentation account of the AWS docs). */
export const MOCK_ACCOUNT = "123456789012";
/** The region when neither the test nor the stack config names one. */
export const MOCK_REGION = "eu-west-1";

type State = Record<string, unknown>;

/** Hex digits of sha-256 over the type and logical name: stands in for every random part a provider makes. */
export function mockDigest(type: string, name: string, length: number): string {
  return createHash("sha256").update(`${type}::${name}`).digest("hex").slice(0, length);
}

/**
 * The name Pulumi's default auto-naming gives a resource whose program set none: the logical name, a hyphen and
 * seven random hex characters (stable here). Names that must fit a service's limit count these 8 characters.
 */
export function mockAutoName(type: string, name: string): string {
  return `${name}-${mockDigest(type, name, 7)}`;
}

/** `aws:glue/dataQualityRuleset:DataQualityRuleset` -> service `glue`, kind `dataQualityRuleset` (as ARNs spell it). */
export function parseTypeToken(type: string): { pkg: string; service: string; kind: string } {
  const [pkg = "", module = "", kind = ""] = type.split(":");
  const service = module.split("/")[0] ?? module;
  return { pkg, service, kind: kind.charAt(0).toLowerCase() + kind.slice(1) };
}

function uuidFrom(type: string, name: string): string {
  const h = mockDigest(type, name, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** S3 version ids are 32 URL-safe characters; a versioned bucket (every lake bucket) returns one per write. */
function s3VersionId(type: string, name: string, inputs: State): string {
  const content = JSON.stringify([
    inputs["key"],
    inputs["content"],
    inputs["contentBase64"],
    inputs["source"],
  ]);
  return createHash("sha256").update(`${type}::${name}::${content}`).digest("base64url").slice(0, 32);
}

/** A string input, or `fallback` when the program left it unset. */
function text(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

/** Inputs longer than this are not echoed into a resource's outputs. */
export const MAX_ECHOED_STRING = 4096;

/**
 * The id and state (inputs plus computed attributes) the mocked provider returns for a new resource. Inputs are
 * echoed as outputs, as the provider does, except large strings (inlined archives, scripts): nothing reads them
 * back, and every copy the runtime keeps of them costs memory and collection time at scale.
 */
export function mockResourceState(
  type: string,
  name: string,
  inputs: State,
  region: string = MOCK_REGION,
  account: string = MOCK_ACCOUNT,
): { id: string; state: State } {
  const { pkg, service, kind } = parseTypeToken(type);
  const autoName = mockAutoName(type, name);
  const physical = typeof inputs["name"] === "string" ? inputs["name"] : autoName;
  const regional = (resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const base: State = Object.fromEntries(
    Object.entries(inputs).filter(([, v]) => !(typeof v === "string" && v.length > MAX_ECHOED_STRING)),
  );
  if (type === "random:index/randomPassword:RandomPassword") {
    // A value of the asked length, as stable as the rest (the real one is random once, then kept in the state).
    const length = typeof inputs["length"] === "number" ? inputs["length"] : 16;
    const result = createHash("sha256").update(`${type}::${name}`).digest("hex").repeat(4).slice(0, length);
    return { id: physical, state: { ...base, result } };
  }
  if (pkg !== "aws") return { id: physical, state: base };

  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = typeof inputs["bucket"] === "string" ? inputs["bucket"] : autoName;
      return {
        id: bucket,
        state: {
          ...base,
          bucket,
          arn: `arn:aws:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    }
    case "aws:kms/key:Key": {
      // KMS key ids are UUIDs.
      const keyId = uuidFrom(type, name);
      return { id: keyId, state: { ...base, keyId, arn: regional(`key/${keyId}`) } };
    }
    case "aws:kms/alias:Alias":
      return { id: physical, state: { ...base, name: physical, arn: regional(physical) } };
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return {
        id: `${account}:${physical}`,
        state: { ...base, name: physical, catalogId: account, arn: regional(`database/${physical}`) },
      };
    case "aws:glue/catalogTable:CatalogTable": {
      const db = text(inputs["databaseName"], "");
      return {
        id: `${account}:${db}:${physical}`,
        state: { ...base, name: physical, catalogId: account, arn: regional(`table/${db}/${physical}`) },
      };
    }
    case "aws:sqs/queue:Queue": {
      const url = `https://sqs.${region}.amazonaws.com/${account}/${physical}`;
      return { id: url, state: { ...base, name: physical, url, arn: regional(physical) } };
    }
    case "aws:lambda/function:Function":
      return { id: physical, state: { ...base, name: physical, arn: regional(`function:${physical}`) } };
    case "aws:cloudwatch/logGroup:LogGroup":
      // CloudWatch Logs ARNs are under the `logs` service, `log-group:<name>`.
      return {
        id: physical,
        state: { ...base, name: physical, arn: `arn:aws:logs:${region}:${account}:log-group:${physical}` },
      };
    case "aws:mwaa/environment:Environment":
      // MWAA's ARNs name the service `airflow`.
      return {
        id: physical,
        state: {
          ...base,
          name: physical,
          arn: `arn:aws:airflow:${region}:${account}:environment/${physical}`,
          webserverUrl: `${mockDigest(type, name, 8)}-vpce.c${mockDigest(type, name, 2)}.${region}.airflow.amazonaws.com`,
        },
      };
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
      return {
        id: `arn:aws:firehose:${region}:${account}:deliverystream/${physical}`,
        state: {
          ...base,
          name: physical,
          arn: `arn:aws:firehose:${region}:${account}:deliverystream/${physical}`,
        },
      };
    case "aws:scheduler/schedule:Schedule": {
      const group = text(inputs["groupName"], "default");
      return {
        id: `${group}/${physical}`,
        state: { ...base, name: physical, groupName: group, arn: regional(`schedule/${group}/${physical}`) },
      };
    }
    case "aws:scheduler/scheduleGroup:ScheduleGroup":
      return {
        id: physical,
        state: { ...base, name: physical, arn: regional(`schedule-group/${physical}`) },
      };
    case "aws:dms/endpoint:Endpoint":
    case "aws:dms/s3Endpoint:S3Endpoint": {
      // DMS ARNs end in a generated 26-character upper-case identifier, not the endpoint id.
      const endpointArn = regional(`endpoint:${mockDigest(type, name, 26).toUpperCase()}`);
      return { id: text(inputs["endpointId"], physical), state: { ...base, endpointArn } };
    }
    case "aws:dms/replicationConfig:ReplicationConfig": {
      const arn = regional(`replication-config:${mockDigest(type, name, 26).toUpperCase()}`);
      return { id: arn, state: { ...base, arn } };
    }
    case "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup":
      return {
        id: text(inputs["replicationSubnetGroupId"], physical),
        state: {
          ...base,
          replicationSubnetGroupArn: regional(`subgrp:${text(inputs["replicationSubnetGroupId"], physical)}`),
        },
      };
    case "aws:s3/bucketObject:BucketObject":
    case "aws:s3/bucketObjectv2:BucketObjectv2": {
      const key = text(inputs["key"], name);
      return {
        id: key,
        state: {
          ...base,
          key,
          etag: mockDigest(type, name, 32),
          versionId: s3VersionId(type, name, inputs),
        },
      };
    }
  }
  if (service === "iam") {
    const arn = `arn:aws:iam::${account}:${kind}/${physical}`;
    return {
      id: physical,
      state: { ...base, name: physical, arn, uniqueId: `AID${mockDigest(type, name, 17).toUpperCase()}` },
    };
  }
  if (service === "s3" && kind.startsWith("bucket") && kind !== "bucket") {
    // Bucket sub-resources (versioning, encryption, policy, ...) are identified by their bucket.
    return { id: text(inputs["bucket"], physical), state: base };
  }
  return { id: physical, state: { ...base, name: physical, arn: regional(`${kind}/${physical}`) } };
}
