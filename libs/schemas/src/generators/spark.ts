import type { Column, DatasetContract, LakeType, StructField } from "../types.js";

export type SparkDataType = string | SparkStructType | SparkArrayType | SparkMapType;

export interface SparkStructField {
  readonly name: string;
  readonly type: SparkDataType;
  readonly nullable: boolean;
  readonly metadata: { readonly comment?: string };
}
export interface SparkStructType {
  readonly type: "struct";
  readonly fields: readonly SparkStructField[];
}
export interface SparkArrayType {
  readonly type: "array";
  readonly elementType: SparkDataType;
  readonly containsNull: boolean;
}
export interface SparkMapType {
  readonly type: "map";
  readonly keyType: SparkDataType;
  readonly valueType: SparkDataType;
  readonly valueContainsNull: boolean;
}

const PRIMITIVES: Record<string, string> = {
  string: "string",
  int: "integer",
  bigint: "long",
  smallint: "short",
  tinyint: "byte",
  double: "double",
  float: "float",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamp",
};

/**
 * Spark's `DataType.jsonValue()` for a lake type. Array elements and map values are always nullable: Spark's
 * JSON/CSV readers produce nullable elements, and an Iceberg table declared with required elements would reject
 * writes of such data.
 */
export function sparkType(type: LakeType): SparkDataType {
  switch (type.kind) {
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "array":
      return { type: "array", elementType: sparkType(type.element), containsNull: true };
    case "map":
      return {
        type: "map",
        keyType: sparkType(type.key),
        valueType: sparkType(type.value),
        valueContainsNull: true,
      };
    case "struct":
      return sparkStruct(type.fields);
    default:
      return PRIMITIVES[type.kind]!;
  }
}

function sparkStruct(fields: readonly (StructField | Column)[]): SparkStructType {
  return {
    type: "struct",
    fields: fields.map((f) => ({
      name: f.name,
      type: sparkType(f.type),
      nullable: f.nullable,
      metadata: f.description ? { comment: f.description } : {},
    })),
  };
}

/** "source": the business columns, as bronze is read; "table": business then audit columns, as stored. */
export function sparkSchema(c: DatasetContract, which: "source" | "table"): SparkStructType {
  return sparkStruct(which === "source" ? c.columns : [...c.columns, ...c.auditColumns]);
}
