// ARN arithmetic. The Glue database ARN carries partition, region and account, so the catalog, table and log
// group ARNs a role needs are derived from it instead of looked up.

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; the resource keeps any further colons. */
export function parseArn(arn: string): ArnParts {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") {
    throw new Error(
      `not an ARN: "${arn}" (expected arn:<partition>:<service>:<region>:<account>:<resource>)`,
    );
  }
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

function glueDatabase(databaseArn: string): ArnParts & { database: string } {
  const parts = parseArn(databaseArn);
  const match = /^database\/(.+)$/.exec(parts.resource);
  if (parts.service !== "glue" || !match) {
    throw new Error(
      `not a Glue database ARN: "${databaseArn}" (expected arn:...:glue:<region>:<account>:database/<name>)`,
    );
  }
  return { ...parts, database: match[1] as string };
}

/** `arn:<p>:glue:<r>:<a>:catalog`: every Glue catalog call is also authorized on the catalog itself. */
export function glueCatalogArn(databaseArn: string): string {
  const d = glueDatabase(databaseArn);
  return `arn:${d.partition}:glue:${d.region}:${d.account}:catalog`;
}

/** `arn:<p>:glue:<r>:<a>:table/<database>/<table>`; `table` may be `*` for every table of the database. */
export function glueTableArn(databaseArn: string, table: string): string {
  const d = glueDatabase(databaseArn);
  return `arn:${d.partition}:glue:${d.region}:${d.account}:table/${d.database}/${table}`;
}

/** The ARN prefix of CloudWatch Logs groups named `<namePrefix>...` in the database's account and region. */
export function logGroupArnPrefix(databaseArn: string, namePrefix: string): string {
  const d = glueDatabase(databaseArn);
  return `arn:${d.partition}:logs:${d.region}:${d.account}:log-group:${namePrefix}`;
}

/** Another database of the same catalog: `arn:<p>:glue:<r>:<a>:database/<name>`. */
export function glueDatabaseArn(databaseArn: string, name: string): string {
  const d = glueDatabase(databaseArn);
  return `arn:${d.partition}:glue:${d.region}:${d.account}:database/${name}`;
}

/** Where a resource lives, for ARNs built from names (resources another stack created, named in its outputs). */
export interface AccountScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

function regionalArn(scope: AccountScope, service: string, resource: string): string {
  if (!/^\d{12}$/.test(scope.account)) {
    throw new Error(`not an AWS account id: "${scope.account}" (expected 12 digits)`);
  }
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** `arn:<p>:glue:<r>:<a>:job/<name>`: what StartJobRun, GetJobRun and BatchStopJobRun are authorized on. */
export function glueJobArn(scope: AccountScope, jobName: string): string {
  return regionalArn(scope, "glue", `job/${jobName}`);
}

/**
 * `arn:<p>:glue:<r>:<a>:dataQualityRuleset/<name>`: what a ruleset's evaluation run and results are authorized
 * on; `*` for every ruleset of the account (what the evaluation-run actions take, per the Glue DQ actions table).
 */
export function glueDataQualityRulesetArn(scope: AccountScope, rulesetName: string): string {
  return regionalArn(scope, "glue", `dataQualityRuleset/${rulesetName}`);
}

/** `arn:<p>:glue:<r>:<a>:crawler/<name>`: what GetCrawler and StartCrawler are authorized on. */
export function glueCrawlerArn(scope: AccountScope, crawlerName: string): string {
  return regionalArn(scope, "glue", `crawler/${crawlerName}`);
}

/** `arn:<p>:airflow:<r>:<a>:environment/<name>`: an MWAA environment (PublishMetrics, the trust's SourceArn). */
export function mwaaEnvironmentArn(scope: AccountScope, environmentName: string): string {
  return regionalArn(scope, "airflow", `environment/${environmentName}`);
}

/** `arn:<p>:logs:<r>:<a>:log-group:<pattern>`; the pattern may end in `*` for a name prefix. */
export function logGroupArn(scope: AccountScope, namePattern: string): string {
  return regionalArn(scope, "logs", `log-group:${namePattern}`);
}
