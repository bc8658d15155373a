// The functions as Lambda deploys them: each entry bundled by esbuild into one CommonJS file for the Node.js 22
// runtime, with the AWS SDK v3 left out (the runtime ships it). Built when a stack is planned, never committed.
// The bytes are a function of the sources alone: paths in the bundle are relative to this package, there are
// no timestamps, and the hash names the content, so a plan changes only when the code does.
import { buildSync, type BuildOptions } from "esbuild";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";

/** The entry of each function, relative to this package. */
export const FUNCTION_ENTRIES = {
  cataloging: "src/cataloging/lambda.ts",
  puller: "src/puller/lambda.ts",
} as const;

export type IngestFunctionName = keyof typeof FUNCTION_ENTRIES;

/** Imports the bundle leaves to the runtime. */
export const RUNTIME_PROVIDED = ["@aws-sdk/*"];

export interface FunctionBundle {
  readonly name: IngestFunctionName;
  /** The file in the deployment package, and the handler Lambda calls in it. */
  readonly fileName: "index.js";
  readonly handler: "index.handler";
  readonly code: string;
  /** Hex SHA-256 of `code`. */
  readonly sha256: string;
  /** The modules the bundle still imports (AWS SDK packages and Node.js built-ins), sorted. */
  readonly imports: readonly string[];
}

const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
const built = new Map<IngestFunctionName, FunctionBundle>();

/** How a function is built: the one place its esbuild settings are written. */
export function esbuildOptions(name: IngestFunctionName): BuildOptions & { write: false; metafile: true } {
  return {
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: [FUNCTION_ENTRIES[name]],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    external: RUNTIME_PROVIDED,
    write: false,
    metafile: true,
    outfile: "index.js",
    legalComments: "none",
    charset: "utf8",
    // Whitespace and syntax only: identifiers stay readable in the stack traces Lambda logs.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    logLevel: "silent",
  };
}

/** The bundle of one function, built once per process. */
export function functionBundle(name: IngestFunctionName): FunctionBundle {
  const cached = built.get(name);
  if (cached) return cached;
  const result = buildSync(esbuildOptions(name));
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild wrote nothing for the ${name} function`);
  const imports = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path))
    .filter((path, i, all) => all.indexOf(path) === i)
    .sort();
  const bundle: FunctionBundle = {
    name,
    fileName: "index.js",
    handler: "index.handler",
    code: output.text,
    sha256: createHash("sha256").update(output.text).digest("hex"),
    imports,
  };
  built.set(name, bundle);
  return bundle;
}
