import { dqdlRuleset, type DatasetContract } from "@lake/schemas";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { autoNamed } from "../physical-names.js";

export interface DataQualityRulesetArgs {
  /** The contract whose rules become the DQDL ruleset. */
  readonly contract: DatasetContract;
  /** Database of the table the ruleset evaluates (the contract's layer database). */
  readonly databaseName: pulumi.Input<string>;
  /** Table the ruleset evaluates. Defaults to the contract name. */
  readonly tableName?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A Glue Data Quality ruleset for a contract's table: the DQDL that `dqdlRuleset` generates from the contract,
 * bound to the table so a data quality run (started by the orchestrator) needs only the ruleset name.
 */
export class DataQualityRuleset extends pulumi.ComponentResource {
  /** Ruleset name, for StartDataQualityRulesetEvaluationRun. */
  public readonly rulesetName: pulumi.Output<string>;
  /** The DQDL text. */
  public readonly ruleset: string;

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
    this.ruleset = ruleset;
    this.registerOutputs({ rulesetName: this.rulesetName });
  }
}
