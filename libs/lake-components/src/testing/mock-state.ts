// What the mocked AWS provider answers: an id and the provider-computed attributes per resource type, and the
// account, region and partition calls. Pure functions of the type, the logical name and the inputs, so two
// evaluations of one program register byte-identical resources.
import { createHash } from "node:crypto";

/** The account every mocked deployment pretends to be in (the documentation account of the AWS docs). */
export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "eu-west-1";

type State = Record<string, unknown>;

/** A short, stable stand-in for the random suffix of Pulumi's auto-naming. */
export function mockSuffix(type: string, name: string, length = 7): string {
  return createHash("sha256").update(`${type}::${name}`).digest("hex").slice(0, length);
}

/** The physical name: the `field` input when the program set one, otherwise `<logical name>-<suffix>`. */
export function mockPhysicalName(type: string, name: string, inputs: State, field = "name"): string {
  const given = inputs[field];
  return typeof given === "string" ? given : `${name}-${mockSuffix(type, name)}`;
}

/** The id and state (inputs plus computed attributes) the mocked provider returns for a new resource. */
export function mockResourceState(
  type: string,
  name: string,
  inputs: State,
  region: string = MOCK_REGION,
): { id: string; state: State } {
  const [, module = "", kind = ""] = type.split(":");
  const service = module.split("/")[0] ?? "";
  const physical = mockPhysicalName(type, name, inputs);
  const regional = (resource: string) => `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${resource}`;
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = mockPhysicalName(type, name, inputs, "bucket");
      return { id: bucket, state: { ...inputs, bucket, arn: `arn:aws:s3:::${bucket}` } };
    }
    case "aws:s3/bucketObjectv2:BucketObjectv2": {
      const key = String(inputs["key"]);
      return { id: key, state: { ...inputs, key, etag: mockSuffix(type, name, 32), versionId: "v1" } };
    }
    case "aws:kms/key:Key": {
      const keyId = mockSuffix(type, name);
      return { id: keyId, state: { ...inputs, keyId, arn: regional(`key/${keyId}`) } };
    }
    case "aws:sqs/queue:Queue": {
      const url = `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT}/${physical}`;
      return { id: url, state: { ...inputs, name: physical, url, arn: regional(physical) } };
    }
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return {
        id: `${MOCK_ACCOUNT}:${physical}`,
        state: { ...inputs, name: physical, catalogId: MOCK_ACCOUNT, arn: regional(`database/${physical}`) },
      };
    case "aws:glue/catalogTable:CatalogTable": {
      const database = String(inputs["databaseName"]);
      return {
        id: `${MOCK_ACCOUNT}:${database}:${physical}`,
        state: { ...inputs, name: physical, arn: regional(`table/${database}/${physical}`) },
      };
    }
    case "aws:emrserverless/application:Application": {
      // EMR Serverless ids are 16 lowercase alphanumerics, and its ARNs spell `/applications/<id>`.
      const id = mockSuffix(type, name, 16);
      return {
        id,
        state: { ...inputs, arn: `arn:aws:emr-serverless:${region}:${MOCK_ACCOUNT}:/applications/${id}` },
      };
    }
  }
  const arnKind = kind.charAt(0).toLowerCase() + kind.slice(1);
  const arn =
    service === "iam"
      ? `arn:aws:iam::${MOCK_ACCOUNT}:${arnKind}/${physical}`
      : regional(`${arnKind}/${physical}`);
  return { id: physical, state: { ...inputs, name: physical, arn } };
}

/** The provider functions the components call; any other is an error naming it, so a test never gets undefined. */
export function mockCall(token: string, region: string = MOCK_REGION): State {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: MOCK_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/ci`,
        userId: "AIDAEXAMPLE",
        id: MOCK_ACCOUNT,
      };
    case "aws:index/getRegion:getRegion":
      return { name: region, region, id: region };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
  }
  throw new Error(`no mock for the provider function ${token}`);
}
