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
import { verifyEnvironment } from "../verify/verify.js";

const APP = fileURLToPath(new URL("../..", import.meta.url));

export function verifyArguments(argv: readonly string[]): { stack: string; endpoint?: string } {
  const { values } = parseArgs({
    args: [...argv],
    options: { stack: { type: "string" }, endpoint: { type: "string" } },
    strict: true,
  });
  if (!values.stack)
    throw new Error("usage: nx run airflow-dags:verify -- --stack <stack> [--endpoint <MWAA API URL>]");
  return { stack: values.stack, endpoint: values.endpoint };
}

async function main(): Promise<number> {
  const args = verifyArguments(process.argv.slice(2));
  const config = airflowConfig.parseConfig(readStackFile(APP, args.stack).config, args.stack);
  const environmentName = environmentNameOf(config.namePrefix);
  const client = new MWAAClient({
    region: config.region,
    ...(args.endpoint ? { endpoint: args.endpoint, disableHostPrefix: true } : {}),
  });
  const result = await verifyEnvironment({ client, environmentName, expectedDagIds: [PIPELINE_DAG_ID] });
  console.log(`${environmentName} (${config.region}): ${result.dags.length} DAG(s)`);
  for (const dag of result.dags) console.log(`  ${dag.dagId}  ${dag.fileloc}`);
  for (const problem of result.problems) console.error(`problem: ${problem}`);
  return result.problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`verify: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
