import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";

export interface PulumiProject {
  readonly name: string;
  /** The program's entry file, relative to the project folder. */
  readonly main: string;
}

export interface StackConfig {
  /** Fully qualified keys to the string values the Pulumi engine would hand the program. */
  readonly config: Record<string, string>;
  /** Keys whose values are Pulumi secrets; their values are the placeholder `[secret]` offline. */
  readonly secretKeys: string[];
}

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
 * The configuration of `Pulumi.<stack>.yaml` as the engine passes it to a program: keys without a namespace belong
 * to the project, structured values are JSON strings, `secure:` values are secrets (which cannot be decrypted
 * offline, so their value is a placeholder).
 */
export function stackConfigFromDocument(projectName: string, doc: unknown, where: string): StackConfig {
  const configSection = (doc as { config?: unknown } | null)?.config ?? {};
  if (typeof configSection !== "object" || configSection === null || Array.isArray(configSection)) {
    throw new Error(`${where}: "config" must be a mapping of keys to values`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(configSection as Record<string, unknown>)) {
    const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      config[key] = "[secret]";
      secretKeys.push(key);
    } else if (typeof value === "string") {
      config[key] = value;
    } else {
      config[key] = JSON.stringify(value);
    }
  }
  return { config, secretKeys: secretKeys.sort() };
}

export function readStackConfig(projectDir: string, projectName: string, stack: string): StackConfig {
  const file = join(projectDir, `Pulumi.${stack}.yaml`);
  return stackConfigFromDocument(projectName, readYaml(file), file);
}

/**
 * `organization/infra-bronze/dev` or `infra-bronze/dev` -> the project and stack whose plan feeds a StackReference.
 */
export function parseStackName(name: string): { project: string; stack: string } {
  const parts = name.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length === 0)) {
    throw new Error(
      `StackReference "${name}" must name the project and the stack ("<organization>/<project>/<stack>") so the offline plan can find its upstream plan`,
    );
  }
  const [project, stack] = parts.slice(-2) as [string, string];
  return { project, stack };
}
