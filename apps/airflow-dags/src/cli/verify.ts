// `nx run airflow-dags:verify -- --stack <stack>`: after `pulumi up`, the deployed environment's DAGs and import
// errors through its Airflow CLI endpoint; exits 1 on an import error or a missing DAG. Needs AWS credentials
// allowed airflow:CreateCliToken, and a route to the private web server (from inside the VPC, or a VPN).
import { MWAAClient } from "@aws-sdk/client-mwaa";
import { readStackFile } from "@lake/pulumi-mocks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { airflowConfig } from "../config.js";
import { PIPELINE_DAG_ID } from "../manifest.js";
import { environmentNameOf } from "../stack.js";
import type { CliCallOptions } from "../verify/airflow-cli.js";
import { verifyEnvironment } from "../verify/verify.js";

const APP = fileURLToPath(new URL("../..", import.meta.url));
const USAGE = "usage: nx run airflow-dags:verify -- --stack <stack> [--endpoint <MWAA API URL>]";

export function verifyArguments(argv: readonly string[]): { stack: string; endpoint?: string } {
  const { values } = parseArgs({
    args: [...argv],
    options: { stack: { type: "string" }, endpoint: { type: "string" } },
    strict: true,
  });
  if (!values.stack) throw new Error(USAGE);
  return { stack: values.stack, endpoint: values.endpoint };
}

/** Where the command writes, and what a test replaces: the SDK client's settings and the CLI endpoint's. */
export interface VerifyCommandOptions {
  readonly log?: (line: string) => void;
  readonly error?: (line: string) => void;
  readonly client?: Partial<ConstructorParameters<typeof MWAAClient>[0]>;
  readonly cli?: CliCallOptions;
}

/** The command: the stack's environment (from its committed config), its listings, the verdict; the exit code. */
export async function verifyCommand(
  argv: readonly string[],
  options: VerifyCommandOptions = {},
): Promise<number> {
  const log = options.log ?? console.log;
  const error = options.error ?? console.error;
  const args = verifyArguments(argv);
  const config = airflowConfig.parseConfig(readStackFile(APP, args.stack).config, args.stack);
  const environmentName = environmentNameOf(config.namePrefix);
  const client = new MWAAClient({
    region: config.region,
    // CreateCliToken's host carries an "env." prefix, which an endpoint given by URL already names.
    ...(args.endpoint ? { endpoint: args.endpoint, disableHostPrefix: true } : {}),
    ...options.client,
  });
  const result = await verifyEnvironment({
    client,
    environmentName,
    expectedDagIds: [PIPELINE_DAG_ID],
    cli: options.cli,
  });
  log(`${environmentName} (${config.region}): ${result.dags.length} DAG(s)`);
  for (const dag of result.dags) log(`  ${dag.dagId}  ${dag.fileloc}`);
  for (const problem of result.problems) error(`problem: ${problem}`);
  return result.problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  verifyCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`verify: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
