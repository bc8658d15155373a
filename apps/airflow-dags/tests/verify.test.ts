import { MWAAClient } from "@aws-sdk/client-mwaa";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAirflowCli } from "../src/verify/airflow-cli.js";
import { exceptionOf, parseDagList, parseImportErrors, verifyProblems } from "../src/verify/verdict.js";
import { verifyEnvironment } from "../src/verify/verify.js";
import { verifyArguments, verifyCommand } from "../src/cli/verify.js";

// What Airflow 3.0.6 (this repository's Airflow environment) prints for `dags list --local -o json` and
// `dags list-import-errors --local -o json` over this app's DAG folder, healthy and with a manifest naming an
// unknown task type, with MWAA's DAG folder path in place of the local one. Empty listings print [].
const DAG_LIST = JSON.stringify([
  {
    dag_id: "lake_medallion",
    fileloc: "/usr/local/airflow/dags/lake_pipeline.py",
    owners: "data-platform",
    is_paused: null,
    bundle_name: null,
    bundle_version: null,
  },
]);
const BROKEN = JSON.stringify([
  {
    filepath: "/usr/local/airflow/dags/lake_pipeline.py",
    error:
      "Traceback (most recent call last):\n" +
      '  File "/usr/local/airflow/dags/lake_dags/manifest.py", line 222, in parse_manifest\n' +
      "    problems.raise_if_any()\n" +
      '  File "/usr/local/airflow/dags/lake_dags/manifest.py", line 94, in raise_if_any\n' +
      '    raise ManifestError(f"{self.source}: {len(self.found)} problem(s):\\n  {listed}")\n' +
      "lake_dags.manifest.ManifestError: /usr/local/airflow/dags/lake_pipeline.manifest.json: 1 problem(s):\n" +
      "  dataset customers, task crawl_customers: unknown task type 'emr' (known: glue_crawler, glue_job, not_deployed)\n",
  },
]);
const GRAPHVIZ_WARNING =
  "dag_command.py:46 UserWarning: Could not import graphviz. Rendering graph to the graphical format will not be possible.\n";

interface Scenario {
  /** stdout per CLI command (stderr is Airflow's graphviz warning), or both streams. */
  outputs: Record<string, string | { stdout: string; stderr: string }>;
  /** HTTP status of the CLI endpoint's first answers, before it answers normally. */
  failFirst?: number[];
  /** Answer with this body instead of base64 JSON. */
  rawBody?: string;
  /** No environment of that name: CreateCliToken answers 404. */
  noEnvironment?: boolean;
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => resolve(body));
  });

/** A local server answering as MWAA's API (CreateCliToken) and as the web server's CLI endpoint. */
class FakeMwaa {
  server: Server = createServer((req, res) => void this.handle(req, res));
  scenario: Scenario = { outputs: {} };
  issued: string[] = [];
  calls: { token: string; command: string; contentType: string | undefined }[] = [];
  tokenRequests: string[] = [];
  port = 0;

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  reset(scenario: Scenario) {
    this.scenario = { ...scenario, failFirst: [...(scenario.failFirst ?? [])] };
    this.issued = [];
    this.calls = [];
    this.tokenRequests = [];
  }

  encoded(output: string | { stdout: string; stderr: string }) {
    const { stdout, stderr } =
      typeof output === "string" ? { stdout: output, stderr: GRAPHVIZ_WARNING } : output;
    return { stdout: b64(stdout), stderr: b64(stderr) };
  }

  async handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
    const body = await read(req);
    const token = /^\/clitoken\/(.+)$/.exec(req.url ?? "");
    if (req.method === "POST" && token) {
      this.tokenRequests.push(decodeURIComponent(token[1] as string));
      if (this.scenario.noEnvironment) {
        res.writeHead(404, {
          "content-type": "application/json",
          "x-amzn-errortype": "ResourceNotFoundException",
        });
        res.end(JSON.stringify({ message: "Environment lake-dev-airflow not found" }));
        return;
      }
      const issued = `token-${this.issued.length + 1}`;
      this.issued.push(issued);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ CliToken: issued, WebServerHostname: `127.0.0.1:${this.port}` }));
      return;
    }
    if (req.method === "POST" && req.url === "/aws_mwaa/cli") {
      const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      this.calls.push({ token: bearer, command: body, contentType: req.headers["content-type"] });
      // Only the newest token is valid: an older one has expired (CLI tokens live 60 s).
      if (bearer !== this.issued.at(-1)) {
        res.writeHead(403, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Token expired" }));
        return;
      }
      const status = this.scenario.failFirst?.shift();
      if (status) {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 403 ? "Forbidden" : "Service Unavailable");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        this.scenario.rawBody ??
          JSON.stringify(this.encoded(this.scenario.outputs[body] ?? { stdout: "", stderr: "" })),
      );
      return;
    }
    res.writeHead(404);
    res.end();
  }
}

const mwaa = new FakeMwaa();
const client = () =>
  new MWAAClient({
    region: "eu-west-1",
    endpoint: `http://127.0.0.1:${mwaa.port}`,
    // The SDK prefixes CreateCliToken's host with "env."; the local server has no such name.
    disableHostPrefix: true,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
const verify = () =>
  verifyEnvironment({
    client: client(),
    environmentName: "lake-dev-airflow",
    expectedDagIds: ["lake_medallion"],
    cli: { url: (host) => `http://${host}/aws_mwaa/cli`, backoffMs: 1 },
  });
const HEALTHY = {
  "dags list-import-errors --local -o json": "[]\n",
  "dags list --local -o json": `${DAG_LIST}\n`,
};

beforeAll(() => mwaa.start());
afterAll(() => new Promise<void>((resolve) => mwaa.server.close(() => resolve())));
beforeEach(() => mwaa.reset({ outputs: HEALTHY }));

describe("verifyEnvironment against a local MWAA CLI endpoint", () => {
  it("lists the DAGs and no import errors, with a fresh token per command, in order", async () => {
    const result = await verify();
    expect(result.problems).toEqual([]);
    expect(result.dags).toEqual([
      { dagId: "lake_medallion", fileloc: "/usr/local/airflow/dags/lake_pipeline.py" },
    ]);
    expect(mwaa.tokenRequests).toEqual(["lake-dev-airflow", "lake-dev-airflow"]);
    expect(mwaa.calls).toEqual([
      { token: "token-1", command: "dags list-import-errors --local -o json", contentType: "text/plain" },
      { token: "token-2", command: "dags list --local -o json", contentType: "text/plain" },
    ]);
  });

  it("fails on an import error, naming the file and the error, and on the DAG it hides", async () => {
    mwaa.reset({
      outputs: {
        "dags list-import-errors --local -o json": BROKEN,
        "dags list --local -o json": "[]\n",
      },
    });
    const result = await verify();
    expect(result.problems).toEqual([
      "import error in /usr/local/airflow/dags/lake_pipeline.py: lake_dags.manifest.ManifestError: " +
        "/usr/local/airflow/dags/lake_pipeline.manifest.json: 1 problem(s):\n" +
        "  dataset customers, task crawl_customers: unknown task type 'emr' " +
        "(known: glue_crawler, glue_job, not_deployed)",
      "DAG lake_medallion is not listed",
    ]);
  });

  it("fails on a listing that printed nothing, showing what the CLI wrote to stderr", async () => {
    mwaa.reset({
      outputs: {
        ...HEALTHY,
        "dags list-import-errors --local -o json": {
          stdout: "",
          stderr: "airflow command error: argument GROUP_OR_COMMAND: invalid choice, see help above.\n",
        },
      },
    });
    await expect(verify()).rejects.toThrow(
      /"dags list-import-errors --local -o json" printed no JSON list \(stdout: ""; stderr: "airflow command error: argument GROUP_OR_COMMAND: invalid choice/,
    );
  });

  it("replaces a refused (expired) token once", async () => {
    mwaa.reset({ outputs: HEALTHY, failFirst: [403] });
    expect((await verify()).problems).toEqual([]);
    expect(mwaa.calls.map((c) => c.token)).toEqual(["token-1", "token-2", "token-3"]);
  });

  it("gives up when a fresh token is refused too", async () => {
    mwaa.reset({ outputs: HEALTHY, failFirst: [403, 403] });
    await expect(verify()).rejects.toThrow(/refused a fresh token \(HTTP 403: Forbidden\)/);
  });

  it("retries a 5xx with backoff, and fails after the last attempt naming the status", async () => {
    mwaa.reset({ outputs: HEALTHY, failFirst: [503, 503] });
    expect((await verify()).problems).toEqual([]);
    mwaa.reset({ outputs: HEALTHY, failFirst: [503, 503, 503] });
    await expect(verify()).rejects.toThrow(/answered HTTP 503 3 times: Service Unavailable/);
  });

  it("refuses an answer that is not the documented base64 JSON", async () => {
    mwaa.reset({ outputs: HEALTHY, rawBody: "<html>proxy error</html>" });
    await expect(verify()).rejects.toThrow(/answered with no JSON: <html>proxy error/);
    mwaa.reset({ outputs: HEALTHY, rawBody: JSON.stringify({ output: "x" }) });
    await expect(verify()).rejects.toThrow(/without base64 stdout and stderr/);
  });

  it("says so when there is no such environment", async () => {
    mwaa.reset({ outputs: HEALTHY, noEnvironment: true });
    await expect(verify()).rejects.toThrow(/Environment lake-dev-airflow not found/);
  });
});

describe("runAirflowCli", () => {
  it("decodes stdout and stderr", async () => {
    const fetch = () =>
      Promise.resolve(new Response(JSON.stringify({ stdout: b64("out é"), stderr: b64("err") })));
    const output = await runAirflowCli(() => Promise.resolve({ token: "t", hostname: "h" }), "version", {
      fetch,
    });
    expect(output).toEqual({ stdout: "out é", stderr: "err" });
  });
});

describe("the verdict", () => {
  const out = (stdout: string) => ({ stdout, stderr: GRAPHVIZ_WARNING });

  it.each([
    ["[]\n", []],
    [`${DAG_LIST}\n`, ["lake_medallion"]],
    // A warning a DAG file prints while it is parsed lands before the JSON.
    [`${GRAPHVIZ_WARNING}${DAG_LIST}`, ["lake_medallion"]],
  ])("reads the dags list %j", (stdout, ids) => {
    expect(parseDagList(out(stdout)).map((d) => d.dagId)).toEqual(ids);
  });

  it.each(["", "No data found", "Traceback: boom", '{"dag_id": "x"}'])(
    "names output %j that is no listing",
    (stdout) => {
      expect(() => parseImportErrors(out(stdout))).toThrow(
        /"dags list-import-errors" printed no JSON list \(stdout: .*; stderr: "dag_command.py:46 UserWarning/,
      );
    },
  );

  it("reports a traceback's exception and the lines after it, not its frames", () => {
    expect(exceptionOf('Traceback (most recent call last):\n  File "x.py", line 1\nValueError: bad\n')).toBe(
      "ValueError: bad",
    );
    expect(exceptionOf("one line")).toBe("one line");
  });

  it("is clean when every expected DAG is listed and nothing failed to import", () => {
    expect(verifyProblems(["lake_medallion"], parseDagList(out(DAG_LIST)), [])).toEqual([]);
    expect(verifyProblems(["lake_medallion", "other"], parseDagList(out(DAG_LIST)), [])).toEqual([
      "DAG other is not listed",
    ]);
  });
});

describe("the command line", () => {
  it("takes the stack and an optional API endpoint", () => {
    expect(verifyArguments(["--stack", "dev"])).toEqual({ stack: "dev", endpoint: undefined });
    expect(() => verifyArguments([])).toThrow(/usage: nx run airflow-dags:verify -- --stack <stack>/);
    expect(() => verifyArguments(["--stack", "dev", "--region", "x"])).toThrow(/region/);
  });

  /** The command for `stack` against the local server; its exit code and what it wrote. */
  async function command(stack: string) {
    const lines: string[] = [];
    const code = await verifyCommand(["--stack", stack, "--endpoint", `http://127.0.0.1:${mwaa.port}`], {
      log: (l) => lines.push(l),
      error: (l) => lines.push(`stderr: ${l}`),
      client: { credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } },
      cli: { url: (host) => `http://${host}/aws_mwaa/cli`, backoffMs: 1 },
    });
    return { code, lines };
  }

  it("asks for the stack's environment (from its committed config) and exits 0 when healthy", async () => {
    expect(await command("prod")).toEqual({
      code: 0,
      lines: [
        "lake-prod-airflow (eu-west-1): 1 DAG(s)",
        "  lake_medallion  /usr/local/airflow/dags/lake_pipeline.py",
      ],
    });
    expect(mwaa.tokenRequests).toEqual(["lake-prod-airflow", "lake-prod-airflow"]);
  });

  it("exits 1 and prints each problem on an import error", async () => {
    mwaa.reset({ outputs: { ...HEALTHY, "dags list-import-errors --local -o json": BROKEN } });
    const { code, lines } = await command("dev");
    expect(code).toBe(1);
    expect(lines.filter((l) => l.startsWith("stderr: "))).toEqual([
      expect.stringMatching(
        /^stderr: problem: import error in \/usr\/local\/airflow\/dags\/lake_pipeline.py: lake_dags.manifest.ManifestError/,
      ),
    ]);
  });

  it("refuses a stack without a committed config", async () => {
    await expect(command("staging")).rejects.toThrow(/Pulumi\.staging\.yaml/);
  });
});
