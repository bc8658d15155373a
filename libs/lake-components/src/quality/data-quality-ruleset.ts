import { dqdlRuleset, type DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ServiceRole } from "../iam/service-role.js";
import { autoNamed } from "../physical-names.js";
import { dataQualityRunStatements } from "./data-quality-policy.js";

/** What an evaluation run of the ruleset reads: the role it runs as is scoped to exactly this. */
export interface DataQualityEvaluationArgs {
  /** ARN of the ruleset's database (the catalog, table and log group ARNs derive from it). */
  readonly databaseArn: pulumi.Input<string>;
  /** The bucket of the tables and their key prefixes: the evaluated table first, then referenced ones. */
  readonly bucketArn: pulumi.Input<string>;
  readonly tablePrefixes: readonly string[];
  /** The tables ReferentialIntegrity rules read besides the evaluated one. */
  readonly referencedTables: readonly string[];
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The account whose Glue may assume the role. */
  readonly accountId: pulumi.Input<string>;
}

export interface DataQualityRulesetArgs {
  /** The contract whose rules become the DQDL ruleset. */
  readonly contract: DatasetContract;
  /** Database of the table the ruleset evaluates (the contract's layer database). */
  readonly databaseName: pulumi.Input<string>;
  /** Table the ruleset evaluates. Defaults to the contract name. */
  readonly tableName?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** When given, the IAM role an evaluation run of this ruleset runs as (StartDataQualityRulesetEvaluationRun). */
  readonly evaluation?: DataQualityEvaluationArgs;
}

/**
 * A Glue Data Quality ruleset for a contract's table: the DQDL that `dqdlRuleset` generates from the contract,
 * bound to the table so a data quality run (started by the orchestrator) needs only the ruleset name.
 */
export class DataQualityRuleset extends pulumi.ComponentResource {
  /** Ruleset name, for StartDataQualityRulesetEvaluationRun. */
  public readonly rulesetName: pulumi.Output<string>;
  /** ARN of the ruleset. */
  public readonly rulesetArn: pulumi.Output<string>;
  /** The DQDL text. */
  public readonly ruleset: string;
  /** The role an evaluation run is started with, when `evaluation` was given. */
  public readonly evaluationRole?: ServiceRole;

  constructor(name: string, args: DataQualityRulesetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:quality:DataQualityRuleset", name, {}, opts);
    const c = args.contract;
    // dqdlRuleset throws a ContractError naming the dataset and rule when a rule has no DQDL form.
    let ruleset: string;
    try {
      ruleset = dqdlRuleset(c);
    } catch (err) {
      throw new pulumi.ResourceError(
        `DataQualityRuleset ${name} (dataset ${c.name}): ${(err as Error).message}`,
        this,
      );
    }

    const resource = new aws.glue.DataQualityRuleset(
      autoNamed("aws:glue/dataQualityRuleset:DataQualityRuleset", `${name}-ruleset`),
      {
        description: `Contract rules of ${c.layer}.${c.name}`,
        ruleset,
        targetTable: { databaseName: args.databaseName, tableName: args.tableName ?? c.name },
        tags: args.tags,
      },
      { parent: this },
    );

    this.rulesetName = resource.name;
    this.rulesetArn = resource.arn;
    this.ruleset = ruleset;
    const e = args.evaluation;
    if (e) {
      this.evaluationRole = new ServiceRole(
        `${name}-eval`,
        {
          service: "glue.amazonaws.com",
          sourceAccount: e.accountId,
          description: `Glue Data Quality evaluation of ${c.layer}.${c.name}: reads it, publishes to its ruleset`,
          statements: dataQualityRunStatements({
            rulesetArn: resource.arn,
            databaseArn: e.databaseArn,
            tables: [typeof args.tableName === "string" ? args.tableName : c.name, ...e.referencedTables],
            bucketArn: e.bucketArn,
            tablePrefixes: e.tablePrefixes,
            kmsKeyArn: e.kmsKeyArn,
          }),
          tags: args.tags,
        },
        { parent: this },
      );
    }
    this.registerOutputs({
      rulesetName: this.rulesetName,
      rulesetArn: this.rulesetArn,
      evaluationRoleArn: this.evaluationRole?.roleArn,
    });
  }
}
