// IAM policy documents as plain data. Builders take ARNs (plain strings or Pulumi inputs) and return statements;
// `policyJson` serializes them once every ARN is known. Least privilege is the point: every builder is scoped
// to the bucket, prefix, table or key it is given, and `findWildcardGrants` proves no statement grants a
// wildcard action on a wildcard resource.
import * as pulumi from "@pulumi/pulumi";

export type Effect = "Allow" | "Deny";

/** A condition block: operator -> context key -> value(s), exactly as IAM writes it. */
export type Conditions = Record<
  string,
  Record<string, pulumi.Input<string> | pulumi.Input<string>[] | boolean>
>;

export interface Principal {
  readonly Service?: string | string[];
  readonly AWS?: pulumi.Input<string> | pulumi.Input<string>[];
}

/** One statement whose resources (and condition values) may still be Pulumi inputs. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Principal?: Principal | "*";
  readonly Action: string[];
  /** Omitted only in trust policies, where IAM rejects a Resource element. */
  readonly Resource?: pulumi.Input<string>[];
  readonly Condition?: Conditions;
}

/** A resolved policy document, as AWS stores it (single strings or lists). */
export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: ResolvedStatement[] | ResolvedStatement;
}

export interface ResolvedStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: unknown;
}

export const POLICY_VERSION = "2012-10-17";

/** The policy document JSON once every input is known; `Version` is always the current language version. */
export function policyJson(statements: readonly PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: POLICY_VERSION, Statement: statements });
}

/** Trust policy letting one AWS service assume a role (`glue.amazonaws.com`, `lambda.amazonaws.com`). */
export function assumeRolePolicy(
  service: string,
  sourceAccount?: pulumi.Input<string>,
): pulumi.Output<string> {
  return policyJson([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: ["sts:AssumeRole"],
      // aws:SourceAccount keeps another account's use of the service from assuming the role (confused deputy).
      ...(sourceAccount === undefined
        ? {}
        : { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } }),
    },
  ]);
}

/** `prefix` without a leading slash and with exactly one trailing slash ("" stays "": the whole bucket). */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" ? "" : `${trimmed}/`;
}

/** Where a principal may read or write: a bucket and, optionally, only some key prefixes of it. */
export interface S3Scope {
  readonly bucketArn: pulumi.Input<string>;
  /** Key prefixes; omitted or empty means the whole bucket. */
  readonly prefixes?: readonly string[];
}

function objectArns(scope: S3Scope): pulumi.Input<string>[] {
  const prefixes = scope.prefixes?.length ? scope.prefixes.map(normalizePrefix) : [""];
  return prefixes.map((p) => pulumi.interpolate`${scope.bucketArn}/${p}*`);
}

function listStatement(scope: S3Scope, sid: string): PolicyStatement {
  return s3ListStatement(scope, sid);
}

/**
 * List only the prefixes of the scope (and GetBucketLocation, which SDKs and services call first); `extra`
 * bucket-level actions join it (Firehose also lists multipart uploads).
 */
export function s3ListStatement(scope: S3Scope, sid: string, extra: readonly string[] = []): PolicyStatement {
  const prefixes = scope.prefixes?.length ? scope.prefixes.map(normalizePrefix) : [];
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["s3:ListBucket", "s3:GetBucketLocation", ...extra],
    Resource: [scope.bucketArn],
    // s3:prefix is the ListObjects prefix parameter: the folder itself and everything below it.
    ...(prefixes.length
      ? { Condition: { StringLike: { "s3:prefix": prefixes.flatMap((p) => [p, `${p}*`]) } } }
      : {}),
  };
}

/** Read objects under the prefixes and list only those prefixes. */
export function s3ReadStatements(scope: S3Scope, sid = "Read"): PolicyStatement[] {
  return [
    listStatement(scope, `${sid}List`),
    {
      Sid: `${sid}Objects`,
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: objectArns(scope),
    },
  ];
}

/** Exactly `actions` on the objects under the scope's prefixes, nothing on the bucket itself. */
export function s3ObjectStatement(scope: S3Scope, actions: readonly string[], sid: string): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Action: [...actions], Resource: objectArns(scope) };
}

/** Read and replace the tags of the objects (and object versions) under the scope: the cataloging function. */
export function s3TaggingStatement(scope: S3Scope, sid = "TagObjects"): PolicyStatement {
  return s3ObjectStatement(
    scope,
    [
      "s3:GetObjectTagging",
      "s3:GetObjectVersionTagging",
      "s3:PutObjectTagging",
      "s3:PutObjectVersionTagging",
    ],
    sid,
  );
}

/** One S3 object, by bucket and key. */
export interface S3Object {
  readonly bucketArn: pulumi.Input<string>;
  readonly key: pulumi.Input<string>;
}

/** Read the current value of exactly these Secrets Manager secrets (their KMS keys are granted separately). */
export function secretReadStatement(
  secretArns: readonly pulumi.Input<string>[],
  sid = "ReadSecrets",
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
    Resource: [...secretArns],
  };
}

/** Read exactly one object (a shared job package): no listing, nothing else in its bucket. */
export function s3ObjectReadStatement(object: S3Object, sid = "ReadObject"): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:GetObjectVersion"],
    Resource: [pulumi.interpolate`${object.bucketArn}/${object.key}`],
  };
}

/**
 * Read, write and delete objects under the prefixes. Delete is part of writing: Spark's dynamic partition
 * overwrite and Iceberg/Delta commits replace files, and multipart uploads may need aborting.
 */
export function s3WriteStatements(scope: S3Scope, sid = "Write"): PolicyStatement[] {
  return [
    listStatement(scope, `${sid}List`),
    {
      Sid: `${sid}Objects`,
      Effect: "Allow",
      Action: [
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts",
      ],
      Resource: objectArns(scope),
    },
  ];
}

export type KmsAccess = "decrypt" | "encrypt";

/**
 * Use of customer-managed keys. Reading SSE-KMS objects needs kms:Decrypt; writing needs GenerateDataKey,
 * and Decrypt too because multipart uploads read back their data key. Encrypt covers Glue's CSE-KMS bookmarks.
 */
export function kmsStatements(
  keyArns: readonly pulumi.Input<string>[],
  access: KmsAccess,
  sid = "Kms",
): PolicyStatement[] {
  if (keyArns.length === 0) return [];
  const actions =
    access === "decrypt"
      ? ["kms:Decrypt", "kms:DescribeKey"]
      : ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];
  return [{ Sid: sid, Effect: "Allow", Action: actions, Resource: [...keyArns] }];
}

export type GlueAccess = "read" | "write" | "crawl";

const GLUE_READ = [
  "glue:GetDatabase",
  "glue:GetTable",
  "glue:GetTables",
  "glue:GetPartition",
  "glue:GetPartitions",
  "glue:BatchGetPartition",
];
// Writers register partitions (Parquet) and move the table pointer on each commit (Iceberg, Delta).
const GLUE_WRITE = [
  ...GLUE_READ,
  "glue:UpdateTable",
  "glue:CreatePartition",
  "glue:BatchCreatePartition",
  "glue:UpdatePartition",
  "glue:BatchUpdatePartition",
  "glue:DeletePartition",
  "glue:BatchDeletePartition",
];
// A crawler also creates the tables it discovers.
const GLUE_CRAWL = [...GLUE_WRITE, "glue:CreateTable", "glue:CreatePartitionIndex"];

/** The catalog resources a principal touches: every Glue call is authorized on catalog, database and table. */
export interface GlueScope {
  readonly catalogArn: pulumi.Input<string>;
  readonly databaseArn: pulumi.Input<string>;
  /** Table ARNs; a crawler gets `table/<database>/*` (its own database, nothing else). */
  readonly tableArns: readonly pulumi.Input<string>[];
}

export function glueCatalogStatements(
  scope: GlueScope,
  access: GlueAccess,
  sid = "Catalog",
): PolicyStatement[] {
  const actions = access === "read" ? GLUE_READ : access === "write" ? GLUE_WRITE : GLUE_CRAWL;
  return [
    {
      Sid: sid,
      Effect: "Allow",
      Action: [...actions],
      Resource: [scope.catalogArn, scope.databaseArn, ...scope.tableArns],
    },
  ];
}

/**
 * Lake Formation's temporary credentials for the data of the tables a principal was granted: what Glue, Athena
 * and EMR call for a table whose location Lake Formation governs. GetDataAccess is authorized on no resource of
 * its own, so IAM takes only "*" for it; the grants decide what it returns.
 */
export function lakeFormationDataAccessStatement(sid = "LakeFormationDataAccess"): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Action: ["lakeformation:GetDataAccess"], Resource: ["*"] };
}

/**
 * Write to CloudWatch Logs groups under one name prefix (Glue writes `/aws-glue/...`). AssociateKmsKey is
 * what a Glue security configuration with CloudWatch encryption calls on the job's log groups.
 */
export function logsStatements(logGroupArnPrefix: pulumi.Input<string>, sid = "Logs"): PolicyStatement[] {
  return [
    {
      Sid: sid,
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
      Resource: [pulumi.interpolate`${logGroupArnPrefix}*`],
    },
  ];
}

/** What a crawler in S3 event mode does with its queues (per the Glue crawler event-mode documentation). */
export function sqsConsumeStatements(
  queueArns: readonly pulumi.Input<string>[],
  sid = "EventQueue",
): PolicyStatement[] {
  return [
    {
      Sid: sid,
      Effect: "Allow",
      Action: [
        "sqs:DeleteMessage",
        "sqs:DeleteMessageBatch",
        "sqs:GetQueueUrl",
        "sqs:ListDeadLetterSourceQueues",
        "sqs:ReceiveMessage",
        "sqs:GetQueueAttributes",
        "sqs:ListQueueTags",
        "sqs:SetQueueAttributes",
        "sqs:PurgeQueue",
      ],
      Resource: [...queueArns],
    },
  ];
}

/** What a Lambda event source mapping does with its queue (Lambda developer guide, "Using Lambda with Amazon SQS"). */
export function sqsReceiveStatement(
  queueArns: readonly pulumi.Input<string>[],
  sid = "ReceiveEvents",
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ChangeMessageVisibility",
    ],
    Resource: [...queueArns],
  };
}

/** Send to queues: dead-letter deliveries of a function's failures or a schedule's. */
export function sqsSendStatement(
  queueArns: readonly pulumi.Input<string>[],
  sid = "SendToQueue",
): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [...queueArns] };
}

/** Start (and read the state of) exactly these crawlers. */
export function glueStartCrawlerStatement(
  crawlerArns: readonly pulumi.Input<string>[],
  sid = "StartCrawlers",
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["glue:StartCrawler", "glue:GetCrawler"],
    Resource: [...crawlerArns],
  };
}

/** Invoke exactly these functions (a schedule's execution role). */
export function lambdaInvokeStatement(
  functionArns: readonly pulumi.Input<string>[],
  sid = "InvokeFunction",
): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [...functionArns] };
}

/** Read a Kinesis data stream as a consumer that polls its shards (Firehose's Kinesis source). */
export function kinesisReadStatement(
  streamArns: readonly pulumi.Input<string>[],
  sid = "ReadStream",
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetShardIterator",
      "kinesis:GetRecords",
      "kinesis:ListShards",
    ],
    Resource: [...streamArns],
  };
}

/** Write log events into the streams of one existing log group (Lambda and Firehose logs). */
export function logWriteStatement(logGroupArn: pulumi.Input<string>, sid = "WriteLogs"): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [pulumi.interpolate`${logGroupArn}:*`],
  };
}

/**
 * CloudWatch PutMetricData has no resource-level permissions (its only resource is `*`), so the grant is
 * narrowed by the namespace condition instead.
 */
export function metricsStatement(namespace: string, sid = "Metrics"): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["cloudwatch:PutMetricData"],
    Resource: ["*"],
    Condition: { StringEquals: { "cloudwatch:namespace": namespace } },
  };
}

/** A statement that grants a wildcard action on a wildcard resource (or the equivalent through Not*). */
export interface WildcardGrant {
  readonly index: number;
  readonly sid?: string;
  readonly reason: string;
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const isWildcardAction = (a: string) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a);

/**
 * Every Allow statement of `doc` that grants `*` (or `service:*`) on resource `*`. NotAction and NotResource
 * in an Allow count too: they grant everything except a list. Accepts the document or its JSON.
 */
export function findWildcardGrants(doc: PolicyDocument | string): WildcardGrant[] {
  const parsed: PolicyDocument = typeof doc === "string" ? (JSON.parse(doc) as PolicyDocument) : doc;
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  const found: WildcardGrant[] = [];
  statements.forEach((s, index) => {
    if (s.Effect !== "Allow") return;
    const sid = s.Sid;
    const wildcardActions = asList(s.Action).filter(isWildcardAction);
    const anyResource = asList(s.Resource).includes("*") || s.NotResource !== undefined;
    if (s.NotAction !== undefined && anyResource) {
      found.push({
        index,
        sid,
        reason: "NotAction on every resource grants all other actions on everything",
      });
    } else if (wildcardActions.length > 0 && anyResource) {
      found.push({
        index,
        sid,
        reason: `action ${wildcardActions.join(", ")} on resource ${s.NotResource !== undefined ? "NotResource" : "*"}`,
      });
    }
  });
  return found;
}

/**
 * `findWildcardGrants` over what is already known of unresolved statements: actions are plain, and a resource
 * that is a literal string (like `*`) is checked; resources still being computed are ARNs, never `*`.
 */
export function knownWildcardGrants(statements: readonly PolicyStatement[]): WildcardGrant[] {
  return findWildcardGrants({
    Version: POLICY_VERSION,
    Statement: statements.map((s) => ({
      Sid: s.Sid,
      Effect: s.Effect,
      Action: s.Action,
      Resource: (s.Resource ?? []).filter((r): r is string => typeof r === "string"),
    })),
  });
}

/** Every string in `value` that is a policy document (JSON with a Statement), with its path in `value`. */
export function policyDocumentsIn(value: unknown, path = ""): { path: string; json: string }[] {
  if (typeof value === "string") {
    if (!value.includes('"Statement"')) return [];
    try {
      const parsed = JSON.parse(value) as { Statement?: unknown } | null;
      return parsed && typeof parsed === "object" && "Statement" in parsed ? [{ path, json: value }] : [];
    } catch {
      return [];
    }
  }
  if (Array.isArray(value)) return value.flatMap((v: unknown, i) => policyDocumentsIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      policyDocumentsIn(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/**
 * The wildcard grants in every policy document among the resources' inputs (role, trust, bucket, key and queue
 * policies), with the resource and where in its inputs: the check every stack's tests and the offline plan run.
 */
export function wildcardGrantsIn<R extends { readonly inputs: unknown }>(
  resources: readonly R[],
): { resource: R; path: string; reason: string }[] {
  return resources.flatMap((resource) =>
    policyDocumentsIn(resource.inputs).flatMap((doc) =>
      findWildcardGrants(doc.json).map((g) => ({ resource, path: doc.path, reason: g.reason })),
    ),
  );
}
