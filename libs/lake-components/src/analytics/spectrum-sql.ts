// Redshift Spectrum reads the gold tables through the Glue catalog. The external schema is created by SQL in
// Redshift (CREATE EXTERNAL SCHEMA); no AWS API creates it without a connection to a cluster or a serverless
// workgroup, which is why the stack runs it through the Redshift Data API only when one is configured.

export interface ExternalSchemaArgs {
  readonly schemaName: string;
  readonly glueDatabase: string;
  readonly roleArn: string;
  readonly region: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function createExternalSchemaSql(args: ExternalSchemaArgs): string {
  for (const [what, value] of [
    ["schemaName", args.schemaName],
    ["glueDatabase", args.glueDatabase],
  ] as const) {
    if (!IDENTIFIER.test(value)) {
      throw new Error(`Spectrum ${what} "${value}" must be lowercase letters, digits and underscores`);
    }
  }
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(args.roleArn)) {
    throw new Error(`Spectrum role "${args.roleArn}" is not an IAM role ARN`);
  }
  return [
    `CREATE EXTERNAL SCHEMA IF NOT EXISTS ${args.schemaName}`,
    `FROM DATA CATALOG DATABASE '${args.glueDatabase}'`,
    `IAM_ROLE '${args.roleArn}'`,
    `REGION '${args.region}';`,
  ].join("\n");
}
