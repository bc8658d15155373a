// The pack as the Pulumi CLI runs it, without the CLI: @pulumi/pulumi's policy-pack runner loads this folder
// (package.json main, then src/index.ts), the PolicyPack serves @pulumi/policy's analyzer over gRPC, and the test
// is the engine: it asks for the pack's policies and has it analyze resources, an unknown value and a stack.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policies } from "../src/policies.js";
import { UNKNOWN } from "./helpers.js";

const packDir = fileURLToPath(new URL("..", import.meta.url));
const pulumiDir = dirname(createRequire(import.meta.url).resolve("@pulumi/pulumi/package.json"));
/** The engine's own gRPC and protobuf modules, so messages are the classes the server checks for. */
const fromPulumi = createRequire(join(pulumiDir, "package.json"));

interface Message {
  [method: string]: (...args: unknown[]) => unknown;
}
type MessageClass = new () => Message;
const grpc = fromPulumi("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
const services = fromPulumi("./proto/analyzer_grpc_pb.js") as {
  AnalyzerClient: new (address: string, credentials: unknown) => Message & { close(): void };
};
const messages = fromPulumi("./proto/analyzer_pb.js") as Record<string, MessageClass> & {
  EnforcementLevel: Record<string, number>;
};
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb.js") as {
  Struct: { fromJavaScript(value: object): unknown };
};
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb.js") as { Empty: MessageClass };

let server: ChildProcess;
let client: Message & { close(): void };

function call<T>(method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method]!(request, (err: Error | null, response: T) => (err ? reject(err) : resolve(response))),
  );
}

function resource(cls: "AnalyzeRequest" | "AnalyzerResource", type: string, name: string, props: object) {
  const message = new messages[cls]!();
  message["setType"]!(type);
  message["setName"]!(name);
  message["setUrn"]!(`urn:pulumi:dev::lake::${type}::${name}`);
  message["setProperties"]!(Struct.fromJavaScript(props));
  message["setOptions"]!(new messages["AnalyzerResourceOptions"]!());
  return message;
}

interface Diagnostic {
  policy: string;
  level: number;
  message: string;
}

const diagnostics = (response: Message): Diagnostic[] =>
  (response["getDiagnosticsList"]!() as Message[]).map((d) => ({
    policy: d["getPolicyname"]!() as string,
    level: d["getEnforcementlevel"]!() as number,
    message: d["getMessage"]!() as string,
  }));

beforeAll(async () => {
  server = spawn(process.execPath, [join(pulumiDir, "cmd", "run-policy-pack"), "127.0.0.1:1", packDir], {
    cwd: packDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  server.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    server.stdout?.on("data", (d: Buffer) => {
      const line = d.toString().trim();
      if (/^\d+$/.test(line)) resolve(line);
    });
    server.on("exit", (code) => reject(new Error(`the policy pack exited with ${code}: ${stderr}`)));
  });
  client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 120_000);

afterAll(() => {
  client?.close();
  server?.kill();
});

describe("the pack under @pulumi/policy's analyzer server", () => {
  it("announces every rule with its enforcement level", async () => {
    const info = await call<Message>("getAnalyzerInfo", new Empty());
    expect(info["getName"]!()).toBe("lake-security");
    expect(info["getVersion"]!()).toBe("0.1.0");
    const served = (info["getPoliciesList"]!() as Message[]).map((p) => [
      p["getName"]!(),
      p["getEnforcementlevel"]!(),
    ]);
    expect(served).toEqual(
      policies.map((p) => [p.name, messages.EnforcementLevel[p.enforcementLevel.toUpperCase()]]),
    );
  });

  it("reports a resource violation as mandatory", async () => {
    const response = await call<Message>(
      "analyze",
      resource("AnalyzeRequest", "aws:kms/key:Key", "key", { enableKeyRotation: false }),
    );
    const [diagnostic, ...others] = diagnostics(response);
    expect(others).toEqual([]);
    expect(diagnostic).toMatchObject({
      policy: "kms-key-rotation",
      level: messages.EnforcementLevel["MANDATORY"],
    });
    expect(diagnostic?.message).toMatch(/\nhas enableKeyRotation unset or false$/);
  });

  it("downgrades a rule that reads an unknown value to an advisory, as the offline runner does", async () => {
    const response = await call<Message>(
      "analyze",
      resource("AnalyzeRequest", "aws:kms/key:Key", "key", { enableKeyRotation: UNKNOWN }),
    );
    expect(diagnostics(response)).toEqual([
      {
        policy: "kms-key-rotation",
        level: messages.EnforcementLevel["ADVISORY"],
        message:
          "can't run policy 'kms-key-rotation' from policy pack 'lake-security@v0.1.0' during preview: " +
          "string value at .enableKeyRotation can't be known during preview",
      },
    ]);
  });

  it("runs the stack rules over every resource of a stack", async () => {
    const request = new messages["AnalyzeStackRequest"]!();
    request["setResourcesList"]!([
      resource("AnalyzerResource", "aws:s3/bucket:Bucket", "data", { bucket: "lake-dev-data" }),
    ]);
    const found = diagnostics(await call<Message>("analyzeStack", request)).map((d) => d.policy);
    expect(found.sort()).toEqual([
      "s3-bucket-access-logging",
      "s3-bucket-kms-encryption",
      "s3-bucket-owner-enforced",
      "s3-bucket-public-access-block",
      "s3-bucket-tls-only",
      "s3-bucket-versioning",
    ]);
  });
});
