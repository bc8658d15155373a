// A Pulumi project's committed files, read as the Pulumi CLI reads them: `Pulumi.yaml` (the project's name and
// entry point) and `Pulumi.<stack>.yaml` (the stack's configuration, handed to the program as strings).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";

export interface PulumiProject {
  readonly name: string;
  /** The program's entry file, relative to the project folder. */
  readonly main: string;
}

/** A stack's configuration as the engine passes it to the program. */
export interface StackFile {
  /** Fully qualified keys (`<project>:<key>`, `aws:region`) to the string values the program receives. */
  readonly config: Record<string, string>;
  /** Keys whose values are Pulumi secrets; they cannot be decrypted offline, so their value is `[secret]`. */
  readonly secretKeys: string[];
}

/** The value a secret config key has outside the engine that could decrypt it. */
export const SECRET_PLACEHOLDER = "[secret]";

function readYaml(file: string): unknown {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  try {
    return YAML.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not valid YAML: ${(err as Error).message}`);
  }
}

export function readPulumiProject(projectDir: string): PulumiProject {
  const file = join(projectDir, "Pulumi.yaml");
  const doc = readYaml(file) as { name?: unknown; main?: unknown } | null;
  if (!doc || typeof doc.name !== "string") throw new Error(`${file}: "name" must be a string`);
  return { name: doc.name, main: typeof doc.main === "string" ? doc.main : "index.ts" };
}

/**
 * The `config` of a stack file's document: keys without a namespace belong to the project, structured values and
 * numbers become JSON text, `secure:` values are secrets.
 */
export function stackFileFromDocument(projectName: string, doc: unknown, where: string): StackFile {
  const section = (doc as { config?: unknown } | null)?.config ?? {};
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    throw new Error(`${where}: "config" must be a mapping of keys to values`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(section as Record<string, unknown>)) {
    const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      config[key] = SECRET_PLACEHOLDER;
      secretKeys.push(key);
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { config, secretKeys: secretKeys.sort() };
}

/** `Pulumi.<stack>.yaml` of the project in `projectDir`. */
export function readStackFile(projectDir: string, stack: string): StackFile {
  const file = join(projectDir, `Pulumi.${stack}.yaml`);
  return stackFileFromDocument(readPulumiProject(projectDir).name, readYaml(file), file);
}
