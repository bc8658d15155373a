// moto's AWS API server (from the workspace's Python environment, python/requirements.lock) on loopback: started
// once before the test files run, stopped after them. Tests reach it through `inject("motoEndpoint")`.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

const PYTHON = fileURLToPath(new URL("../../../.venv/bin/python", import.meta.url));

/** A port the kernel has just handed out on loopback (released again for moto to bind). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no TCP port on 127.0.0.1");
  return address.port;
}

async function waitUntilServing(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto did not answer on ${endpoint} within 30 s:\n${output()}`);
}

export default async function startMoto(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is missing: run \`make setup\` (moto comes from python/requirements.lock)`);
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(PYTHON, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  await waitUntilServing(endpoint, child, () => stderr);
  project.provide("motoEndpoint", endpoint);
  return async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  };
}
