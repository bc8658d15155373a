// Row filters of Lake Formation data cells filters, checked before any plan against what the service accepts
// (https://docs.aws.amazon.com/lake-formation/latest/dg/partiql-support.html): a PartiQL subset where a column is
// compared with a constant only, no function of any kind, operators = > < >= <= <> != BETWEEN IN LIKE NOT
// IS [NOT] NULL joined with AND/OR and parentheses, no IS NULL on a partition column, fewer than 2048 characters,
// columns of the supported types only. The same parse renders the filter for Spark SQL, so the local lake's persona
// views apply exactly the expression Lake Formation enforces.
import type { Column, DatasetContract, LakeType } from "@lake/schemas";

/** "Total length of the expression must be less than 2048 characters." */
export const ROW_FILTER_MAX_LENGTH = 2047;

type Token =
  | { kind: "ident"; text: string; quoted: boolean; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "number"; text: string; at: number }
  | { kind: "op"; text: string; at: number }
  | { kind: "punct"; text: "(" | ")" | "," | "."; at: number };

const KEYWORDS = new Set(["and", "or", "not", "between", "in", "like", "is", "null", "true", "false"]);
const COMPARISONS = new Set(["=", ">", "<", ">=", "<=", "<>", "!="]);

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let j = i + 1;
      let text = "";
      for (;;) {
        if (j >= expression.length) throw new Error(`unterminated string constant at character ${i + 1}`);
        if (expression[j] === "'" && expression[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (expression[j] === "'") break;
        else text += expression[j++];
      }
      tokens.push({ kind: "string", text, at: i });
      i = j + 1;
    } else if (c === '"') {
      const end = expression.indexOf('"', i + 1);
      if (end < 0) throw new Error(`unterminated quoted column name at character ${i + 1}`);
      tokens.push({ kind: "ident", text: expression.slice(i + 1, end), quoted: true, at: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(expression[i + 1] ?? ""))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(expression.slice(i))!;
      tokens.push({ kind: "number", text: match[0], at: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(i))!;
      tokens.push({ kind: "ident", text: match[0], quoted: false, at: i });
      i += match[0].length;
    } else if ("(),".includes(c) || c === ".") {
      tokens.push({ kind: "punct", text: c as "(" | ")" | "," | ".", at: i });
      i += 1;
    } else {
      const two = expression.slice(i, i + 2);
      const op = COMPARISONS.has(two) ? two : COMPARISONS.has(c) ? c : undefined;
      if (!op) throw new Error(`unexpected character "${c}" at character ${i + 1}`);
      tokens.push({ kind: "op", text: op, at: i });
      i += op.length;
    }
  }
  return tokens;
}

/** A column reference of a filter: the path from the top-level column down (`customer.customerId`). */
export interface FilterColumn {
  readonly path: readonly string[];
}

/** A parsed filter: the columns it reads, and the same expression in Spark SQL. */
export interface ParsedRowFilter {
  readonly expression: string;
  readonly spark: string;
  readonly columns: readonly FilterColumn[];
  /** The columns an IS [NOT] NULL tests (not allowed on partition columns). */
  readonly nullTested: readonly FilterColumn[];
}

const isKeyword = (t: Token | undefined, word: string) =>
  t?.kind === "ident" && !t.quoted && t.text.toLowerCase() === word;

/** Parses `expression` in Lake Formation's row filter language; throws naming what is not allowed and where. */
export function parseRowFilter(expression: string): ParsedRowFilter {
  if (expression.trim() === "") throw new Error("the row filter expression is empty");
  if (expression.length > ROW_FILTER_MAX_LENGTH) {
    throw new Error(
      `the row filter expression is ${expression.length} characters; Lake Formation allows fewer than 2048`,
    );
  }
  const tokens = tokenize(expression);
  let pos = 0;
  const spark: string[] = [];
  const columns: FilterColumn[] = [];
  const nullTested: FilterColumn[] = [];
  const peek = () => tokens[pos];
  const where = (t: Token | undefined) => (t ? `at character ${t.at + 1}` : "at the end");
  const fail = (message: string, t: Token | undefined = peek()): never => {
    throw new Error(`${message} ${where(t)}`);
  };
  const expectPunct = (text: string) => {
    const t = peek();
    if (t?.kind !== "punct" || t.text !== text) fail(`expected "${text}"`);
    pos += 1;
  };

  const constant = (): void => {
    const t = peek();
    if (t?.kind === "string") spark.push(`'${t.text.replaceAll("'", "''")}'`);
    else if (t?.kind === "number") spark.push(t.text);
    else if (isKeyword(t, "true") || isKeyword(t, "false")) spark.push(t!.text.toUpperCase());
    else if (t?.kind === "ident" && tokens[pos + 1]?.kind === "punct" && tokens[pos + 1]?.text === "(") {
      fail(`functions are not allowed in a row filter ("${t.text}(...)")`, t);
    } else if (t?.kind === "ident") {
      fail(`a column can only be compared with a constant, not with the column "${t.text}"`, t);
    } else fail("expected a constant (a 'string', a number, TRUE or FALSE)");
    pos += 1;
  };

  const column = (): FilterColumn => {
    const first = peek();
    if (first?.kind !== "ident" || (!first.quoted && KEYWORDS.has(first.text.toLowerCase()))) {
      return fail("expected a column name");
    }
    if (tokens[pos + 1]?.kind === "punct" && tokens[pos + 1]?.text === "(") {
      fail(`functions are not allowed in a row filter ("${first.text}(...)")`, first);
    }
    const path = [first.text];
    pos += 1;
    while (peek()?.kind === "punct" && peek()?.text === ".") {
      pos += 1;
      const next = peek();
      if (next?.kind !== "ident") fail("expected a nested field name after '.'");
      path.push((next as { text: string }).text);
      pos += 1;
    }
    spark.push(path.map((p) => `\`${p}\``).join("."));
    const ref = { path };
    columns.push(ref);
    return ref;
  };

  const predicate = (): void => {
    const ref = column();
    const negated = isKeyword(peek(), "not");
    if (negated) {
      pos += 1;
      spark.push("NOT");
    }
    const t = peek();
    if (t?.kind === "op" && !negated) {
      spark.push(t.text);
      pos += 1;
      constant();
    } else if (isKeyword(t, "between")) {
      pos += 1;
      spark.push("BETWEEN");
      constant();
      if (!isKeyword(peek(), "and")) fail('expected "AND" in BETWEEN');
      pos += 1;
      spark.push("AND");
      constant();
    } else if (isKeyword(t, "in")) {
      pos += 1;
      expectPunct("(");
      const values: string[] = [];
      for (;;) {
        const before = spark.length;
        constant();
        values.push(spark.splice(before).join(" "));
        if (peek()?.kind === "punct" && peek()?.text === ",") pos += 1;
        else break;
      }
      expectPunct(")");
      spark.push(`IN (${values.join(", ")})`);
    } else if (isKeyword(t, "like")) {
      pos += 1;
      spark.push("LIKE");
      if (peek()?.kind !== "string") fail("LIKE takes a 'string' pattern");
      constant();
    } else if (isKeyword(t, "is") && !negated) {
      pos += 1;
      spark.push("IS");
      if (isKeyword(peek(), "not")) {
        pos += 1;
        spark.push("NOT");
      }
      if (!isKeyword(peek(), "null")) fail('expected "NULL" after IS');
      pos += 1;
      spark.push("NULL");
      nullTested.push(ref);
    } else if (t?.kind === "punct" && t.text === "(") {
      fail(`functions are not allowed in a row filter ("${ref.path.join(".")}(...)")`, t);
    } else {
      fail("expected a comparison (= > < >= <= <> !=), BETWEEN, IN, LIKE or IS [NOT] NULL");
    }
  };

  const primary = (): void => {
    if (isKeyword(peek(), "not")) {
      pos += 1;
      spark.push("NOT");
      primary();
    } else if (peek()?.kind === "punct" && peek()?.text === "(") {
      pos += 1;
      spark.push("(");
      disjunction();
      expectPunct(")");
      spark.push(")");
    } else predicate();
  };
  const conjunction = (): void => {
    primary();
    while (isKeyword(peek(), "and")) {
      pos += 1;
      spark.push("AND");
      primary();
    }
  };
  const disjunction = (): void => {
    conjunction();
    while (isKeyword(peek(), "or")) {
      pos += 1;
      spark.push("OR");
      conjunction();
    }
  };

  disjunction();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]!.text}"`);
  return {
    expression,
    spark: spark.join(" ").replaceAll("( ", "(").replaceAll(" )", ")"),
    columns,
    nullTested,
  };
}

/** Whether Lake Formation's row filters can read a value of `type` (STRING, INT/LONG/BIGINT, FLOAT, DECIMAL, DOUBLE, BOOLEAN, STRUCT). */
export function rowFilterSupportsType(type: LakeType): boolean {
  return ["string", "int", "bigint", "float", "double", "decimal", "boolean", "struct"].includes(type.kind);
}

function typeAt(column: Column, path: readonly string[]): LakeType | undefined {
  let type: LakeType = column.type;
  for (const name of path.slice(1)) {
    if (type.kind !== "struct") return undefined;
    const field = type.fields.find((f) => f.name === name);
    if (!field) return undefined;
    type = field.type;
  }
  return type;
}

/**
 * `expression` checked against the table of `contract`: every column exists (nested fields too), is of a type
 * row filters support, and none tested with IS [NOT] NULL is a partition column. Throws naming the column.
 */
export function validateRowFilter(contract: DatasetContract, expression: string): ParsedRowFilter {
  const parsed = parseRowFilter(expression);
  const all = [...contract.columns, ...contract.auditColumns];
  for (const ref of parsed.columns) {
    const name = ref.path.join(".");
    const column = all.find((c) => c.name === ref.path[0]);
    if (!column) {
      throw new Error(`column ${name} is not a column of ${contract.layer}.${contract.name}`);
    }
    const type = typeAt(column, ref.path);
    if (!type)
      throw new Error(`column ${name}: ${ref.path[0]} has no nested field ${ref.path.slice(1).join(".")}`);
    if (!rowFilterSupportsType(type)) {
      throw new Error(
        `column ${name} is of type ${type.kind}, which Lake Formation row filters do not support ` +
          "(string, int, bigint, float, double, decimal, boolean, struct)",
      );
    }
    if (ref.path.length > 1 && contract.partitionKeys.includes(ref.path[0]!)) {
      throw new Error(`column ${name}: a row filter cannot read a nested field under a partition column`);
    }
  }
  for (const ref of parsed.nullTested) {
    if (contract.partitionKeys.includes(ref.path[0]!)) {
      throw new Error(
        `column ${ref.path.join(".")} is a partition column: IS [NOT] NULL is not allowed on it`,
      );
    }
  }
  return parsed;
}
