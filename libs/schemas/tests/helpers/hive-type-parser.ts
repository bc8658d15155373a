// A small recursive-descent parser for Hive type strings, independent of the generators it checks:
//   type      := primitive | decimal | array | map | struct
//   decimal   := "decimal(" digits "," digits ")"
//   array     := "array<" type ">"
//   map       := "map<" primitive "," type ">"
//   struct    := "struct<" name ":" type ("," name ":" type)* ">"
// No whitespace is allowed anywhere, which is the form Glue is given.

export type HiveAst =
  | { kind: "primitive"; name: string }
  | { kind: "decimal"; precision: number; scale: number }
  | { kind: "array"; element: HiveAst }
  | { kind: "map"; key: HiveAst; value: HiveAst }
  | { kind: "struct"; fields: { name: string; type: HiveAst }[] };

export const HIVE_PRIMITIVES = [
  "string",
  "int",
  "bigint",
  "smallint",
  "tinyint",
  "double",
  "float",
  "boolean",
  "date",
  "timestamp",
] as const;

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseAll(): HiveAst {
    const ast = this.type();
    if (this.pos !== this.text.length) this.fail("end of input");
    return ast;
  }

  private fail(expected: string): never {
    throw new Error(`expected ${expected} at ${this.pos} in ${JSON.stringify(this.text)}`);
  }

  private eat(token: string): void {
    if (!this.text.startsWith(token, this.pos)) this.fail(JSON.stringify(token));
    this.pos += token.length;
  }

  private match(re: RegExp, what: string): string {
    const m = re.exec(this.text.slice(this.pos));
    if (!m || m.index !== 0) this.fail(what);
    this.pos += m[0].length;
    return m[0];
  }

  private type(): HiveAst {
    const word = this.match(/^[a-z]+/, "a type name");
    if (word === "decimal") {
      this.eat("(");
      const precision = Number(this.match(/^\d+/, "precision"));
      this.eat(",");
      const scale = Number(this.match(/^\d+/, "scale"));
      this.eat(")");
      return { kind: "decimal", precision, scale };
    }
    if (word === "array") {
      this.eat("<");
      const element = this.type();
      this.eat(">");
      return { kind: "array", element };
    }
    if (word === "map") {
      this.eat("<");
      const key = this.type();
      if (key.kind !== "primitive") this.fail("a primitive map key");
      this.eat(",");
      const value = this.type();
      this.eat(">");
      return { kind: "map", key, value };
    }
    if (word === "struct") {
      this.eat("<");
      const fields: { name: string; type: HiveAst }[] = [];
      do {
        if (fields.length > 0) this.eat(",");
        const name = this.match(/^[a-z_][a-z0-9_]*/, "a field name");
        this.eat(":");
        fields.push({ name, type: this.type() });
      } while (this.text[this.pos] === ",");
      this.eat(">");
      return { kind: "struct", fields };
    }
    if (!(HIVE_PRIMITIVES as readonly string[]).includes(word)) this.fail("a primitive type");
    return { kind: "primitive", name: word };
  }
}

export function parseHiveType(text: string): HiveAst {
  return new Parser(text).parseAll();
}

const SPARK_TO_HIVE: Record<string, string> = {
  string: "string",
  integer: "int",
  long: "bigint",
  short: "smallint",
  byte: "tinyint",
  double: "double",
  float: "float",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamp",
};

/** Rebuilds a Hive type string from Spark's JSON type (a parsed spark.json), independently of the generators. */
export function hiveFromSparkJson(type: unknown): string {
  if (typeof type === "string") {
    const decimal = /^decimal\((\d+),(\d+)\)$/.exec(type);
    if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
    const primitive = SPARK_TO_HIVE[type];
    if (!primitive) throw new Error(`unknown Spark type ${type}`);
    return primitive;
  }
  const t = type as Record<string, unknown>;
  if (t.type === "array") return `array<${hiveFromSparkJson(t.elementType)}>`;
  if (t.type === "map") return `map<${hiveFromSparkJson(t.keyType)},${hiveFromSparkJson(t.valueType)}>`;
  if (t.type === "struct") {
    const fields = t.fields as { name: string; type: unknown }[];
    return `struct<${fields.map((f) => `${f.name}:${hiveFromSparkJson(f.type)}`).join(",")}>`;
  }
  throw new Error(`unknown Spark type ${JSON.stringify(type)}`);
}
