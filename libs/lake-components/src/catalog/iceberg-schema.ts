// Contract columns as an Iceberg schema, in the shape Glue's CreateIcebergTableInput takes (IcebergSchema,
// IcebergStructField, IcebergPartitionSpec) and Iceberg's table spec defines for types and field ids.
import type { Column, DatasetContract, LakeType } from "@lake/schemas";

/** Iceberg type JSON: a primitive name, or a struct/list/map object with its own field ids. */
export type IcebergType =
  | string
  | { type: "struct"; fields: IcebergField[] }
  | { type: "list"; "element-id": number; element: IcebergType; "element-required": boolean }
  | {
      type: "map";
      "key-id": number;
      key: IcebergType;
      "value-id": number;
      value: IcebergType;
      "value-required": boolean;
    };

export interface IcebergField {
  id: number;
  name: string;
  required: boolean;
  type: IcebergType;
  doc?: string;
}

/** Spark's TimestampType carries an instant, which is Iceberg's `timestamptz` (not the zone-less `timestamp`). */
const PRIMITIVES: Record<string, string> = {
  string: "string",
  int: "int",
  bigint: "long",
  smallint: "int",
  tinyint: "int",
  double: "double",
  float: "float",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamptz",
};

/** Hands out field ids in order; Iceberg only needs them unique within the schema. */
class IdCounter {
  constructor(private next: number) {}
  take(): number {
    return this.next++;
  }
}

function icebergType(type: LakeType, ids: IdCounter): IcebergType {
  switch (type.kind) {
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "struct": {
      // Ids of one struct's fields first, then their children: the order Iceberg itself assigns.
      const fieldIds = type.fields.map(() => ids.take());
      return {
        type: "struct",
        fields: type.fields.map((f, i) => ({
          id: fieldIds[i] as number,
          name: f.name,
          required: !f.nullable,
          type: icebergType(f.type, ids),
          ...(f.description ? { doc: f.description } : {}),
        })),
      };
    }
    case "array": {
      const elementId = ids.take();
      // Elements are always nullable in the contract (CONTRACT.md): Spark's readers produce nullable elements.
      return {
        type: "list",
        "element-id": elementId,
        element: icebergType(type.element, ids),
        "element-required": false,
      };
    }
    case "map": {
      const keyId = ids.take();
      const valueId = ids.take();
      return {
        type: "map",
        "key-id": keyId,
        key: icebergType(type.key, ids),
        "value-id": valueId,
        value: icebergType(type.value, ids),
        "value-required": false,
      };
    }
    default: {
      const name = PRIMITIVES[type.kind];
      if (name === undefined) throw new Error(`no Iceberg type for lake type "${type.kind}"`);
      return name;
    }
  }
}

/** Business then audit columns, top-level ids 1..n, nested ids after them. */
export function icebergFields(columns: readonly Column[]): IcebergField[] {
  const ids = new IdCounter(columns.length + 1);
  return columns.map((c, i) => ({
    id: i + 1,
    name: c.name,
    required: !c.nullable,
    type: icebergType(c.type, ids),
    ...(c.description ? { doc: c.description.slice(0, 255) } : {}),
  }));
}

/** Iceberg reserves partition field ids from 1000 (the table spec's PARTITION_DATA_ID_START). */
const PARTITION_FIELD_ID_START = 1000;

export interface IcebergPartitionField {
  sourceId: number;
  fieldId: number;
  name: string;
  transform: "identity";
}

/** One identity partition field per contract partition key, pointing at the column's field id. */
export function icebergPartitionFields(
  c: DatasetContract,
  fields: readonly IcebergField[],
): IcebergPartitionField[] {
  return c.partitionKeys.map((key, i) => {
    const field = fields.find((f) => f.name === key);
    if (!field) throw new Error(`dataset ${c.name}: partition key "${key}" is not a column`);
    return { sourceId: field.id, fieldId: PARTITION_FIELD_ID_START + i, name: key, transform: "identity" };
  });
}
