// IAM policy documents as the rules read them: every element as a list, whatever form (single string or list,
// JSON string or object) the resource was given. Wildcard grants are found by `findWildcardGrants` of
// @lake/lake-components, the check the stacks' own tests run; this module adds what the resource policies need.

export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  /** `"*"` or the principal map as written; undefined when the statement has none (identity policies). */
  readonly principal: unknown;
  readonly hasNotPrincipal: boolean;
  readonly actions: readonly string[];
  readonly hasNotAction: boolean;
  readonly resources: readonly string[];
  readonly hasNotResource: boolean;
  /** operator -> condition key -> values */
  readonly condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export class PolicyDocumentError extends Error {}

/** A value of a policy document as text: strings as they are, anything else as its JSON. */
const asText = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));

const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(asText) : [asText(v)];

/** The document as an object: `value` is its JSON (what most resources take) or the object itself. */
export function documentObject(value: unknown): { Statement?: unknown } {
  let doc: unknown = value;
  if (typeof value === "string") {
    try {
      doc = JSON.parse(value);
    } catch (err) {
      throw new PolicyDocumentError(`is not valid JSON (${(err as Error).message})`);
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || !("Statement" in doc)) {
    throw new PolicyDocumentError("is not a policy document: it has no Statement");
  }
  return doc;
}

/** The statements of a policy document, each element normalized to a list. */
export function statements(value: unknown): Statement[] {
  const doc = documentObject(value);
  const raw = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return raw.map((s, i) => {
    if (s === null || typeof s !== "object") throw new PolicyDocumentError(`statement ${i} is not an object`);
    const st = s as Record<string, unknown>;
    const condition: Record<string, Record<string, string[]>> = {};
    const rawCondition = (st["Condition"] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [operator, keys] of Object.entries(rawCondition)) {
      condition[operator] = Object.fromEntries(Object.entries(keys ?? {}).map(([k, v]) => [k, list(v)]));
    }
    return {
      ...(typeof st["Sid"] === "string" ? { sid: st["Sid"] } : {}),
      effect: typeof st["Effect"] === "string" ? st["Effect"] : "",
      principal: st["Principal"],
      hasNotPrincipal: st["NotPrincipal"] !== undefined,
      actions: list(st["Action"]),
      hasNotAction: st["NotAction"] !== undefined,
      resources: list(st["Resource"]),
      hasNotResource: st["NotResource"] !== undefined,
      condition,
    };
  });
}

/** How a statement is named in a message: its Sid, else its position. */
export function statementLabel(s: Statement, index: number): string {
  return s.sid ? `statement "${s.sid}"` : `statement ${index}`;
}

/** `"*"`, `{ AWS: "*" }` or an AWS list holding `"*"`: anyone, in any account. */
export function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal === null || typeof principal !== "object") return false;
  return list((principal as Record<string, unknown>)["AWS"]).includes("*");
}

const lower = (s: string) => s.toLowerCase();

/**
 * Condition keys that, with fixed values, make a wildcard-principal grant non-public: the list of S3's "The meaning
 * of public" (PublicAccessBlockConfiguration), plus the organization and account keys IAM Access Analyzer treats
 * the same way.
 */
export const RESTRICTING_CONDITION_KEYS = [
  "aws:SourceIp",
  "aws:SourceArn",
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:SourceOwner",
  "aws:SourceAccount",
  "s3:x-amz-server-side-encryption-aws-kms-key-id",
  "aws:userid",
  "aws:PrincipalOrgID",
  "aws:PrincipalAccount",
] as const;

/** Whether the condition fixes one of `keys` (a positive operator, no wildcard in the values). */
export function conditionFixesOneOf(statement: Statement, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map(lower));
  return Object.entries(statement.condition).some(
    ([operator, byKey]) =>
      !/Not|Null/i.test(operator) &&
      Object.entries(byKey).some(
        ([key, values]) =>
          wanted.has(lower(key)) && values.length > 0 && values.every((v) => !v.includes("*")),
      ),
  );
}

/**
 * Allow statements that grant to anyone: a wildcard principal (or NotPrincipal) not narrowed by a fixed value of a
 * restricting condition key. `extraKeys` adds keys a service documents for this purpose (`kms:CallerAccount`).
 */
export function publicGrants(value: unknown, extraKeys: readonly string[] = []): string[] {
  return statements(value).flatMap((s, i) => {
    if (s.effect !== "Allow") return [];
    if (s.hasNotPrincipal) return [`${statementLabel(s, i)} allows with NotPrincipal (everyone but a list)`];
    if (!isWildcardPrincipal(s.principal)) return [];
    if (conditionFixesOneOf(s, [...RESTRICTING_CONDITION_KEYS, ...extraKeys])) return [];
    return [
      `${statementLabel(s, i)} allows principal "*" without a condition that fixes the caller or source`,
    ];
  });
}

const isFalse = (values: readonly string[]) => values.length > 0 && values.every((v) => lower(v) === "false");

/**
 * Whether a Deny statement refuses every request that does not use TLS (`aws:SecureTransport` false), from any
 * principal, for every action of `service` (or all actions), on resources that `covers` accepts (`*` always does).
 */
export function deniesInsecureTransport(
  value: unknown,
  service: string,
  covers: (resources: readonly string[]) => boolean,
): boolean {
  return statements(value).some((s) => {
    if (s.effect !== "Deny" || !isWildcardPrincipal(s.principal)) return false;
    if (!s.actions.some((a) => a === "*" || lower(a) === `${service}:*`)) return false;
    const secureTransport = Object.entries(s.condition)
      .filter(([operator]) => operator === "Bool")
      .flatMap(([, byKey]) => Object.entries(byKey).filter(([key]) => lower(key) === "aws:securetransport"));
    if (!secureTransport.some(([, values]) => isFalse(values))) return false;
    return s.resources.includes("*") || covers(s.resources);
  });
}

/** Two ARNs name the same resource, whatever their partition (`aws`, `aws-cn`, `aws-us-gov`). */
export function sameArn(a: string, b: string): boolean {
  const resourcePart = (arn: string) => arn.replace(/^arn:aws[a-z-]*:/, "arn::");
  return resourcePart(a) === resourcePart(b);
}

/**
 * Reports each problem `check` finds in the document `value` (a missing optional document has none), prefixed
 * with `where`; a document that cannot be read is a problem too, since AWS would refuse it.
 */
export function reportDocumentProblems(
  value: unknown,
  where: string,
  report: (message: string) => void,
  check: (document: unknown) => readonly string[],
): void {
  if (value === undefined || value === null || value === "") return;
  try {
    for (const problem of check(value)) report(`${where}: ${problem}`);
  } catch (err) {
    if (!(err instanceof PolicyDocumentError)) throw err;
    report(`${where} ${err.message}`);
  }
}

/**
 * Whether one of `documents` passes `test`: true, false, or undefined when none passes and one could not be read
 * (reported already, so the caller need not report the missing statement as well).
 */
export function someDocument(
  documents: readonly { readonly where: string; readonly value: unknown }[],
  report: (message: string) => void,
  test: (document: unknown) => boolean,
): boolean | undefined {
  let found = false;
  let unreadable = false;
  for (const doc of documents) {
    reportDocumentProblems(
      doc.value,
      doc.where,
      (message) => {
        unreadable = true;
        report(message);
      },
      (value) => {
        if (test(value)) found = true;
        return [];
      },
    );
  }
  return found ? true : unreadable ? undefined : false;
}

/** `reportDocumentProblems` over the Allow statements of a document: `check` gets each with its label. */
export function reportAllowProblems(
  value: unknown,
  where: string,
  report: (message: string) => void,
  check: (statement: Statement, label: string) => readonly string[],
): void {
  reportDocumentProblems(value, where, report, (doc) =>
    statements(doc).flatMap((s, i) => (s.effect === "Allow" ? check(s, statementLabel(s, i)) : [])),
  );
}
