// The Airflow CLI of an MWAA environment, over its web server's `/aws_mwaa/cli` endpoint (MWAA user guide,
// "Creating an Apache Airflow CLI token"): a CLI token (valid 60 s) as a bearer token, the command as the text
// body without `airflow`, and `{stdout, stderr}` back, each base64-encoded.

/** A CLI token and the web server it is valid for, as CreateCliToken answers. */
export interface CliToken {
  readonly token: string;
  readonly hostname: string;
}

export interface CliOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export class CliEndpointError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "CliEndpointError";
  }
}

export interface CliCallOptions {
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** The endpoint of a web server host name. Defaults to `https://<hostname>/aws_mwaa/cli`. */
  readonly url?: (hostname: string) => string;
  /** Attempts when the web server answers 5xx. Defaults to 3. */
  readonly attempts?: number;
  /** The first wait between attempts, doubled each time. Defaults to 2000 ms. */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function decoded(body: unknown, command: string): CliOutput {
  const fields = body as Partial<Record<"stdout" | "stderr", unknown>> | null;
  if (!fields || typeof fields.stdout !== "string" || typeof fields.stderr !== "string") {
    throw new CliEndpointError(`"${command}": the CLI endpoint answered without base64 stdout and stderr`);
  }
  const text = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
  return { stdout: text(fields.stdout), stderr: text(fields.stderr) };
}

/**
 * Runs one Airflow CLI `command` with a fresh token per request. A refused token (401 or 403, as when it has
 * expired) is replaced once; a 5xx is retried with exponential backoff; requests are sequential, as MWAA asks.
 */
export async function runAirflowCli(
  newToken: () => Promise<CliToken>,
  command: string,
  options: CliCallOptions = {},
): Promise<CliOutput> {
  const call = options.fetch ?? fetch;
  const url = options.url ?? ((hostname: string) => `https://${hostname}/aws_mwaa/cli`);
  const attempts = options.attempts ?? 3;
  const wait = options.sleep ?? sleep;
  let failures = 0;
  let refusals = 0;
  for (;;) {
    const { token, hostname } = await newToken();
    const response = await call(url(hostname), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      body: command,
    });
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      refusals += 1;
      if (refusals < 2) continue;
      throw new CliEndpointError(
        `"${command}": the CLI endpoint refused a fresh token (HTTP ${response.status}: ${text.slice(0, 200)}); ` +
          "check airflow:CreateCliToken on the environment and that the web server is reachable from here",
        response.status,
      );
    }
    if (response.status >= 500) {
      failures += 1;
      if (failures < attempts) {
        await wait((options.backoffMs ?? 2000) * 2 ** (failures - 1));
        continue;
      }
      throw new CliEndpointError(
        `"${command}": the web server answered HTTP ${response.status} ${attempts} times: ${text.slice(0, 200)}`,
        response.status,
      );
    }
    if (!response.ok) {
      throw new CliEndpointError(
        `"${command}": HTTP ${response.status}: ${text.slice(0, 200)}`,
        response.status,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliEndpointError(
        `"${command}": the CLI endpoint answered with no JSON: ${text.slice(0, 200)}`,
      );
    }
    return decoded(body, command);
  }
}
