import { parseArgs } from "node:util";

/** Parses `--name value` options; an unknown or missing option exits with the usage line. */
export function parseOptions<K extends string>(
  usage: string,
  names: { readonly [P in K]: { required: boolean } },
): { [P in K]?: string } {
  try {
    const { values } = parseArgs({
      options: Object.fromEntries(Object.keys(names).map((n) => [n, { type: "string" as const }])),
      strict: true,
      allowPositionals: false,
    });
    for (const [name, spec] of Object.entries(names) as [K, { required: boolean }][]) {
      if (spec.required && values[name] === undefined) throw new Error(`--${name} is required`);
    }
    return values as { [P in K]?: string };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nusage: ${usage}\n`);
    process.exit(2);
  }
}
