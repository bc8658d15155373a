// Physical names, bounded by the limits of the services that hold them. A stack names a component after its
// prefix, its purpose and a dataset (`lake-dev-quality-support_tickets`); the component names its children after
// itself (`...-job-role`), and Pulumi's auto-naming appends 8 characters (`-` and 7 random hex). A dataset name
// may be 255 characters (a Glue table name), far beyond an IAM role's 64, so every name a service sees goes
// through this module: one that fits is left exactly as it is (URNs and plans do not change), one that does not
// is shortened deterministically, keeping its start readable and a hash of the whole name that keeps it unique.
import { createHash } from "node:crypto";

/** Characters Pulumi's default auto-naming appends to a logical name: `-` and 7 random hex characters. */
export const AUTO_NAME_SUFFIX_LENGTH = 8;

export interface NameLimit {
  /** What holds the name, for messages: "IAM role". */
  readonly what: string;
  /** The most characters the service accepts, from the API reference of the create call. */
  readonly max: number;
  /**
   * The input that sets the physical name (a dotted path for a nested one); when the program leaves it unset,
   * Pulumi auto-names the resource.
   */
  readonly field: string;
}

/**
 * The name limit of each AWS resource type the lake creates or will create, by Pulumi type token. Sources: the
 * API references' `Name` constraints (IAM CreateRole RoleName 1-64, PutRolePolicy PolicyName 1-128, S3 bucket
 * naming rules 3-63, SQS CreateQueue QueueName 1-80, Lambda CreateFunction FunctionName 1-64 (the name, not the
 * ARN), Glue CreateJob/CreateCrawler/CreateSecurityConfiguration/CreateDataQualityRuleset/CreateClassifier Name
 * 1-255, Glue database and table names 1-255, KMS CreateAlias AliasName 1-256, Athena CreateWorkGroup 1-128 and
 * CreateNamedQuery 1-128, CreatePreparedStatement 1-256, Lake Formation LF-tag key 1-128 and data cells filter
 * 1-255, Kinesis CreateStream 1-128, Firehose CreateDeliveryStream 1-64, DMS identifiers 1-255, EventBridge
 * Scheduler CreateSchedule and CreateScheduleGroup 1-64, Secrets Manager 1-512, CloudWatch Logs log group and
 * log stream 1-512, MWAA environment 1-80, EC2 security group 1-255, IAM CreatePolicy 1-128).
 */
export const NAME_LIMITS: Readonly<Record<string, NameLimit>> = {
  "aws:iam/role:Role": { what: "IAM role", max: 64, field: "name" },
  "aws:iam/rolePolicy:RolePolicy": { what: "IAM inline policy", max: 128, field: "name" },
  "aws:iam/policy:Policy": { what: "IAM policy", max: 128, field: "name" },
  "aws:s3/bucket:Bucket": { what: "S3 bucket", max: 63, field: "bucket" },
  "aws:sqs/queue:Queue": { what: "SQS queue", max: 80, field: "name" },
  "aws:lambda/function:Function": { what: "Lambda function", max: 64, field: "name" },
  "aws:glue/job:Job": { what: "Glue job", max: 255, field: "name" },
  "aws:glue/crawler:Crawler": { what: "Glue crawler", max: 255, field: "name" },
  "aws:glue/classifier:Classifier": { what: "Glue classifier", max: 255, field: "name" },
  "aws:glue/securityConfiguration:SecurityConfiguration": {
    what: "Glue security configuration",
    max: 255,
    field: "name",
  },
  "aws:glue/dataQualityRuleset:DataQualityRuleset": {
    what: "Glue Data Quality ruleset",
    max: 255,
    field: "name",
  },
  "aws:glue/catalogDatabase:CatalogDatabase": { what: "Glue database", max: 255, field: "name" },
  "aws:glue/catalogTable:CatalogTable": { what: "Glue table", max: 255, field: "name" },
  "aws:kms/alias:Alias": { what: "KMS alias", max: 256, field: "name" },
  "aws:athena/workgroup:Workgroup": { what: "Athena workgroup", max: 128, field: "name" },
  "aws:athena/namedQuery:NamedQuery": { what: "Athena named query", max: 128, field: "name" },
  "aws:athena/preparedStatement:PreparedStatement": {
    what: "Athena prepared statement",
    max: 256,
    field: "name",
  },
  "aws:lakeformation/lfTag:LfTag": { what: "LF-tag key", max: 128, field: "key" },
  "aws:lakeformation/dataCellsFilter:DataCellsFilter": {
    what: "data cells filter",
    max: 255,
    field: "tableData.name",
  },
  "aws:kinesis/stream:Stream": { what: "Kinesis stream", max: 128, field: "name" },
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
    what: "Firehose delivery stream",
    max: 64,
    field: "name",
  },
  "aws:scheduler/schedule:Schedule": { what: "EventBridge schedule", max: 64, field: "name" },
  "aws:scheduler/scheduleGroup:ScheduleGroup": { what: "EventBridge schedule group", max: 64, field: "name" },
  "aws:cloudwatch/logStream:LogStream": { what: "CloudWatch log stream", max: 512, field: "name" },
  "aws:dms/endpoint:Endpoint": { what: "DMS endpoint", max: 255, field: "endpointId" },
  "aws:dms/s3Endpoint:S3Endpoint": { what: "DMS endpoint", max: 255, field: "endpointId" },
  "aws:dms/replicationConfig:ReplicationConfig": {
    what: "DMS replication config",
    max: 255,
    field: "replicationConfigIdentifier",
  },
  "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup": {
    what: "DMS replication subnet group",
    max: 255,
    field: "replicationSubnetGroupId",
  },
  "aws:secretsmanager/secret:Secret": { what: "Secrets Manager secret", max: 512, field: "name" },
  "aws:cloudwatch/logGroup:LogGroup": { what: "CloudWatch log group", max: 512, field: "name" },
  "aws:mwaa/environment:Environment": { what: "MWAA environment", max: 80, field: "name" },
  "aws:ec2/securityGroup:SecurityGroup": { what: "security group", max: 255, field: "name" },
};

/**
 * Resource types whose identity is another resource's name or a key, not a name of their own: bucket settings,
 * objects, notifications, policies attached to a queue, keys (KMS key ids are generated), stack references.
 */
export const UNNAMED_TYPES: readonly string[] = [
  "aws:kms/key:Key",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLogging:BucketLogging",
  "aws:s3/bucketNotification:BucketNotification",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sqs/redrivePolicy:RedrivePolicy",
  "aws:lambda/permission:Permission",
  "aws:lambda/eventSourceMapping:EventSourceMapping",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:lakeformation/permissions:Permissions",
  "aws:lakeformation/resource:Resource",
  "aws:lakeformation/resourceLfTags:ResourceLfTags",
  "aws:lakeformation/dataLakeSettings:DataLakeSettings",
  "aws:redshiftdata/statement:Statement",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "pulumi:pulumi:StackReference",
  // The private network: EC2 gives these ids, not names (a Name tag is only a label).
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/flowLog:FlowLog",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
];

function limitOf(type: string): NameLimit {
  const limit = NAME_LIMITS[type];
  if (!limit)
    throw new Error(`no name limit is known for ${type}: add it to NAME_LIMITS (physical-names.ts)`);
  return limit;
}

/**
 * `name` if it has at most `max` characters; otherwise its first characters, a hyphen and 8 hex characters of
 * its sha-256, `max` characters in all. The same name always gives the same result, and two names that differ
 * anywhere give different ones.
 */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  if (max < 12) throw new Error(`cannot shorten "${name}" to ${max} characters and keep it unique`);
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, max - 9).replace(/[-_.]+$/, "")}-${hash}`;
}

/**
 * The logical name to give a resource of `type` that Pulumi auto-names, so that the name the service sees (the
 * logical name and Pulumi's 8-character suffix) fits the service's limit.
 */
export function autoNamed(type: string, logicalName: string): string {
  return fitName(logicalName, limitOf(type).max - AUTO_NAME_SUFFIX_LENGTH);
}

/** An explicit physical name for a resource of `type`, shortened to the service's limit if needed. */
export function physicalName(type: string, name: string): string {
  return fitName(name, limitOf(type).max);
}

/**
 * A DMS identifier (endpoint, replication config, subnet group) for `name`: DMS allows only ASCII letters, digits
 * and hyphens, starting with a letter, without a trailing hyphen or two in a row (CreateEndpoint
 * EndpointIdentifier), so underscores and other characters become hyphens before the name is fitted.
 */
export function dmsIdentifier(type: string, name: string): string {
  const plain = name
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^[^A-Za-z]+/, "")
    .replace(/-+$/, "");
  if (plain === "")
    throw new Error(`cannot make a DMS identifier of "${name}": it has no letter to start with`);
  return physicalName(type, plain).replace(/-+$/, "");
}

/** A registered resource as the naming check sees it (a mocked evaluation's registration fits). */
export interface NamedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/**
 * Each resource whose physical name would be refused by its service, and each AWS resource type the table does
 * not know (so a new type gets its limit written down): [] when every name fits. An auto-named resource counts
 * its logical name plus Pulumi's suffix; a name that is still being computed is not checked.
 */
export function physicalNameProblems(resources: readonly NamedResource[]): string[] {
  const problems: string[] = [];
  for (const r of resources) {
    if (!r.type.startsWith("aws:") || UNNAMED_TYPES.includes(r.type)) continue;
    const limit = NAME_LIMITS[r.type];
    if (!limit) {
      problems.push(`${r.type} ${r.name}: no name limit is known for this type (add it to NAME_LIMITS)`);
      continue;
    }
    const given = limit.field
      .split(".")
      .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], r.inputs);
    const length =
      typeof given === "string"
        ? given.length
        : given === undefined
          ? r.name.length + AUTO_NAME_SUFFIX_LENGTH
          : 0;
    if (length > limit.max) {
      const shown = typeof given === "string" ? given : `${r.name}-xxxxxxx`;
      problems.push(
        `${r.type} ${r.name}: the ${limit.what} name "${shown}" has ${length} characters, over ${limit.max}`,
      );
    }
  }
  return problems;
}
