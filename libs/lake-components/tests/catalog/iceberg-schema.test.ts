import { registry, type Column } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import { icebergFields, icebergPartitionFields } from "../../src/catalog/iceberg-schema.js";

const column = (name: string, type: Column["type"], nullable = true): Column => ({
  name,
  type,
  nullable,
  description: "",
  classification: "public",
  enum: null,
  standardize: null,
  mask: null,
  leaves: [],
});

describe("icebergFields types", () => {
  it.each<[Column["type"], unknown]>([
    [{ kind: "string" }, "string"],
    [{ kind: "int" }, "int"],
    [{ kind: "bigint" }, "long"],
    [{ kind: "double" }, "double"],
    [{ kind: "float" }, "float"],
    [{ kind: "boolean" }, "boolean"],
    [{ kind: "date" }, "date"],
    [{ kind: "timestamp" }, "timestamptz"],
    [{ kind: "decimal", precision: 18, scale: 2 }, "decimal(18,2)"],
  ])("%j -> %j", (type, expected) => {
    expect(icebergFields([column("c", type)])[0]?.type).toEqual(expected);
  });

  it("gives lists and maps element, key and value ids after the top-level ids, elements optional", () => {
    const fields = icebergFields([
      column("tags", { kind: "array", element: { kind: "string" } }),
      column("props", { kind: "map", key: { kind: "string" }, value: { kind: "string" } }),
    ]);
    expect(fields.map((f) => f.id)).toEqual([1, 2]);
    expect(fields[0]?.type).toEqual({
      type: "list",
      "element-id": 3,
      element: "string",
      "element-required": false,
    });
    expect(fields[1]?.type).toEqual({
      type: "map",
      "key-id": 4,
      key: "string",
      "value-id": 5,
      value: "string",
      "value-required": false,
    });
  });

  it("numbers struct fields before their children, keeping nullability and docs", () => {
    const [field] = icebergFields([
      column("a", {
        kind: "struct",
        fields: [
          {
            name: "x",
            type: { kind: "array", element: { kind: "int" } },
            nullable: false,
            description: "the x",
            classification: null,
            standardize: null,
            mask: null,
          },
          {
            name: "y",
            type: { kind: "string" },
            nullable: true,
            description: null,
            classification: null,
            standardize: null,
            mask: null,
          },
        ],
      }),
    ]);
    expect(field?.type).toEqual({
      type: "struct",
      fields: [
        {
          id: 2,
          name: "x",
          required: true,
          type: { type: "list", "element-id": 4, element: "int", "element-required": false },
          doc: "the x",
        },
        { id: 3, name: "y", required: false, type: "string" },
      ],
    });
  });

  it("has unique ids across the customer 360 schema, required where the contract says not null", () => {
    const c = registry.get("customer_360");
    const fields = icebergFields([...c.columns, ...c.auditColumns]);
    const ids: number[] = [];
    const walk = (t: unknown): void => {
      if (typeof t !== "object" || t === null) return;
      const o = t as Record<string, unknown>;
      for (const k of ["element-id", "key-id", "value-id"]) if (typeof o[k] === "number") ids.push(o[k]);
      if (Array.isArray(o.fields)) {
        for (const f of o.fields as { id: number; type: unknown }[]) {
          ids.push(f.id);
          walk(f.type);
        }
      }
      walk(o.element);
      walk(o.value);
    };
    walk({ fields });
    expect(new Set(ids).size).toBe(ids.length);
    expect(fields.map((f) => f.name)).toEqual([...c.columns, ...c.auditColumns].map((col) => col.name));
    expect(fields.find((f) => f.name === "snapshot_date")?.required).toBe(true);
    expect(fields.find((f) => f.name === "email")?.required).toBe(false);
  });
});

describe("icebergPartitionFields", () => {
  it("makes an identity field per partition key, from 1000, pointing at the column id", () => {
    const c = registry.get("customer_360");
    const fields = icebergFields([...c.columns, ...c.auditColumns]);
    const idOf = (n: string) => fields.find((f) => f.name === n)?.id;
    expect(icebergPartitionFields(c, fields)).toEqual([
      { sourceId: idOf("snapshot_date"), fieldId: 1000, name: "snapshot_date", transform: "identity" },
      { sourceId: idOf("customer_segment"), fieldId: 1001, name: "customer_segment", transform: "identity" },
    ]);
  });

  it("names the dataset and key when a key is not a column", () => {
    const c = { ...registry.get("customer_360"), partitionKeys: ["nope"] };
    expect(() => icebergPartitionFields(c, [])).toThrow(
      /dataset customer_360: partition key "nope" is not a column/,
    );
  });
});
