// Pulumi mocks that answer like AWS would: ARNs, ids and names per resource type, and the account, region and
// partition calls. Every registered resource is recorded so tests can assert on the inputs a component sent.
import * as pulumi from "@pulumi/pulumi";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";

export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  readonly state: Record<string, unknown>;
}

export const recorded: Recorded[] = [];

function physicalName(args: pulumi.runtime.MockResourceArgs, field = "name"): string {
  const given = args.inputs[field];
  return typeof given === "string" ? given : `${args.name}-1a2b3c4`;
}

function stateFor(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
  const arn = (service: string, resource: string, region = REGION) =>
    `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
  switch (args.type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = physicalName(args, "bucket");
      return { id: bucket, state: { bucket, arn: `arn:aws:s3:::${bucket}` } };
    }
    case "aws:kms/key:Key": {
      const keyId = `0d0c0b0a-${args.name.length.toString().padStart(4, "0")}-4000-8000-000000000000`;
      return { id: keyId, state: { keyId, arn: arn("kms", `key/${keyId}`) } };
    }
    case "aws:iam/role:Role": {
      const name = physicalName(args);
      return { id: name, state: { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}` } };
    }
    case "aws:sqs/queue:Queue": {
      const name = physicalName(args);
      const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      return { id: url, state: { name, url, arn: arn("sqs", name) } };
    }
    case "aws:glue/catalogDatabase:CatalogDatabase": {
      const name = physicalName(args);
      return { id: `${ACCOUNT}:${name}`, state: { name, catalogId: ACCOUNT, arn: arn("glue", `database/${name}`) } };
    }
    case "aws:glue/catalogTable:CatalogTable": {
      const name = physicalName(args);
      const db = String(args.inputs.databaseName);
      return { id: `${ACCOUNT}:${db}:${name}`, state: { name, arn: arn("glue", `table/${db}/${name}`) } };
    }
    case "aws:glue/crawler:Crawler": {
      const name = physicalName(args);
      return { id: name, state: { name, arn: arn("glue", `crawler/${name}`) } };
    }
    case "aws:glue/job:Job": {
      const name = physicalName(args);
      return { id: name, state: { name, arn: arn("glue", `job/${name}`) } };
    }
    case "aws:glue/classifier:Classifier":
    case "aws:glue/securityConfiguration:SecurityConfiguration": {
      const name = physicalName(args);
      return { id: name, state: { name } };
    }
    case "aws:glue/dataQualityRuleset:DataQualityRuleset": {
      const name = physicalName(args);
      return { id: name, state: { name, arn: arn("glue", `dataQualityRuleset/${name}`) } };
    }
    case "aws:emrserverless/application:Application": {
      const id = "00fabc123def4567";
      return { id, state: { arn: arn("emr-serverless", `/applications/${id}`) } };
    }
    case "aws:s3/bucketObjectv2:BucketObjectv2": {
      const key = String(args.inputs.key);
      return { id: key, state: { key, etag: "d41d8cd98f00b204e9800998ecf8427e", versionId: "v1" } };
    }
    default:
      return { id: `${args.name}-id`, state: {} };
  }
}

export const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    const { id, state } = stateFor(args);
    const full = { ...args.inputs, ...state };
    recorded.push({ type: args.type, name: args.name, inputs: args.inputs, id, state: full });
    return { id, state: full };
  },
  call(args) {
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci`, userId: "AIDEXAMPLE", id: ACCOUNT };
      case "aws:index/getRegion:getRegion":
        return { region: REGION, name: REGION, id: REGION };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      default:
        throw new Error(`unmocked call ${args.token}`);
    }
  },
};
