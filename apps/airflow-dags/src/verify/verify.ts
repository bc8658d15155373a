import { CreateCliTokenCommand, type MWAAClient } from "@aws-sdk/client-mwaa";
import { runAirflowCli, type CliCallOptions, type CliToken } from "./airflow-cli.js";
import {
  parseDagList,
  parseImportErrors,
  verifyProblems,
  type ImportError,
  type ListedDag,
} from "./verdict.js";

export interface VerifyOptions {
  readonly client: MWAAClient;
  readonly environmentName: string;
  readonly expectedDagIds: readonly string[];
  readonly cli?: CliCallOptions;
}

export interface VerifyResult {
  readonly dags: ListedDag[];
  readonly importErrors: ImportError[];
  readonly problems: string[];
}

/** The listings verify runs, in this order, one CLI token each. */
export const IMPORT_ERRORS_COMMAND = "dags list-import-errors --local -o json";
export const DAG_LIST_COMMAND = "dags list --local -o json";

/**
 * The environment's DAGs and import errors, through the Airflow CLI endpoint. In Airflow 3 both listings read
 * the metadata database by default, which the dag processor fills on its own schedule (a file changed a minute
 * ago may still show its old errors, or none); `--local` makes the CLI parse the DAG folder MWAA has synced to
 * the web server now, so the verdict is about the files just deployed.
 */
export async function verifyEnvironment(options: VerifyOptions): Promise<VerifyResult> {
  const newToken = async (): Promise<CliToken> => {
    const answer = await options.client.send(new CreateCliTokenCommand({ Name: options.environmentName }));
    if (!answer.CliToken || !answer.WebServerHostname) {
      throw new Error(
        `CreateCliToken for ${options.environmentName} returned no token or web server host name`,
      );
    }
    return { token: answer.CliToken, hostname: answer.WebServerHostname };
  };
  const errors = await runAirflowCli(newToken, IMPORT_ERRORS_COMMAND, options.cli);
  const listing = await runAirflowCli(newToken, DAG_LIST_COMMAND, options.cli);
  const importErrors = parseImportErrors(errors, IMPORT_ERRORS_COMMAND);
  const dags = parseDagList(listing, DAG_LIST_COMMAND);
  return { dags, importErrors, problems: verifyProblems(options.expectedDagIds, dags, importErrors) };
}
