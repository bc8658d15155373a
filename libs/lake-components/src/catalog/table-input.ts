// Glue TableInput pieces for a contract's table, per stored format. Pure over plain strings; the DatasetTable
// component wires them into aws.glue.CatalogTable.
import { glueColumns, type Column, type DatasetContract } from "@lake/schemas";
import { icebergFields, icebergPartitionFields } from "./iceberg-schema.js";

// Hive's Parquet classes, as Glue and Athena document them for Parquet tables (Athena: "Parquet SerDe").
export const PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
export const PARQUET_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
export const PARQUET_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

export interface ProjectionOptions {
  /** First day Athena projects for date partitions, `YYYY-MM-DD`; the range ends at `NOW`. */
  readonly startDate: string;
  /** Values for string partition keys that are not enums (e.g. the dataset names of the quarantine table). */
  readonly values: Readonly<Record<string, readonly string[]>>;
}

/** Why a partition key cannot be projected, or undefined when it can. */
function unprojectable(column: Column, options: ProjectionOptions): string | undefined {
  if (column.type.kind === "date") return undefined;
  if (column.enum !== null || options.values[column.name]?.length) return undefined;
  return `partition key "${column.name}" (${column.type.kind}) is neither a date, an enum, nor given values`;
}

export interface Projection {
  /** Table parameters to add; empty when projection is off. */
  readonly parameters: Record<string, string>;
  /** Why projection is off, when it is. */
  readonly off?: string;
}

/**
 * Athena partition projection parameters (Athena user guide, "Partition projection with Amazon Athena" and
 * "Supported types for partition projection"): a `date` projection for date keys over
 * `<startDate>,NOW` by one day in Spark's `yyyy-MM-dd` folder format, an `enum` projection for enum keys, and
 * the Hive-style location template Spark writes. Athena then needs no registered partitions. Off (with the
 * reason) when some key cannot be projected, since projection must cover every partition column.
 */
export function partitionProjection(
  c: DatasetContract,
  location: string,
  options: ProjectionOptions,
): Projection {
  if (c.format !== "parquet")
    return { parameters: {}, off: `format ${c.format} keeps its own partition metadata` };
  if (c.partitionKeys.length === 0) return { parameters: {}, off: "the table has no partition keys" };
  const byName = new Map([...c.columns, ...c.auditColumns].map((col) => [col.name, col]));
  const keys = c.partitionKeys.map((k) => byName.get(k)).filter((k): k is Column => k !== undefined);
  const reasons = keys.map((k) => unprojectable(k, options)).filter((r): r is string => r !== undefined);
  if (reasons.length > 0) return { parameters: {}, off: reasons.join("; ") };

  const parameters: Record<string, string> = { "projection.enabled": "true" };
  for (const key of keys) {
    const p = `projection.${key.name}`;
    if (key.type.kind === "date") {
      parameters[`${p}.type`] = "date";
      parameters[`${p}.format`] = "yyyy-MM-dd";
      parameters[`${p}.range`] = `${options.startDate},NOW`;
      parameters[`${p}.interval`] = "1";
      parameters[`${p}.interval.unit`] = "DAYS";
    } else {
      parameters[`${p}.type`] = "enum";
      parameters[`${p}.values`] = [...(key.enum ?? options.values[key.name] ?? [])].join(",");
    }
  }
  const folder = location.endsWith("/") ? location : `${location}/`;
  parameters["storage.location.template"] =
    folder + keys.map((k) => `${k.name}=\${${k.name}}`).join("/") + "/";
  return { parameters };
}

/** The Glue table definition of a Parquet (Hive-style) external table. */
export function parquetTableInput(c: DatasetContract, location: string, projection: Projection) {
  const { columns, partitionKeys } = glueColumns(c);
  return {
    tableType: "EXTERNAL_TABLE",
    parameters: { EXTERNAL: "TRUE", classification: "parquet", ...projection.parameters },
    partitionKeys: partitionKeys.map((k) => ({ ...k })),
    storageDescriptor: {
      location,
      inputFormat: PARQUET_INPUT_FORMAT,
      outputFormat: PARQUET_OUTPUT_FORMAT,
      serDeInfo: { serializationLibrary: PARQUET_SERDE, parameters: { "serialization.format": "1" } },
      columns: columns.map((col) => ({ ...col })),
      compressed: false,
      storedAsSubDirectories: false,
    },
  };
}

/**
 * The Glue `OpenTableFormatInput` of an Iceberg table (Glue API: IcebergInput with MetadataOperation CREATE and
 * CreateIcebergTableInput): Glue writes the first metadata file at `location` with this schema and an identity
 * partition spec over the contract's partition keys. Format version 2 (row-level deletes, what Athena writes).
 */
export function icebergTableInput(
  c: DatasetContract,
  location: string,
  properties: Readonly<Record<string, string>> = {},
) {
  const fields = icebergFields([...c.columns, ...c.auditColumns]);
  const partitions = icebergPartitionFields(c, fields);
  return {
    openTableFormatInput: {
      icebergInput: {
        metadataOperation: "CREATE",
        version: "2",
        icebergTableInput: {
          location,
          schema: {
            schemaId: 0,
            type: "struct",
            // Glue takes each field's type as a JSON document: `"string"` or a nested type object.
            fields: fields.map((f) => ({
              id: f.id,
              name: f.name,
              required: f.required,
              type: JSON.stringify(f.type),
              ...(f.doc === undefined ? {} : { doc: f.doc }),
            })),
          },
          partitionSpec: { specId: 0, fields: partitions.map((p) => ({ ...p })) },
          ...(Object.keys(properties).length > 0 ? { properties: { ...properties } } : {}),
        },
      },
    },
  };
}

/**
 * The Glue definition of a Delta Lake table as Athena reads it natively: `table_type=DELTA` at the table's
 * location (Athena user guide, "Query Linux Foundation Delta Lake tables"), plus the Spark provider so Glue 5.0
 * Spark resolves it as Delta. Athena reads the schema from the Delta log; the columns are stored too so the
 * catalog shows the contract, with no partition keys (Delta keeps its own).
 */
export function deltaTableInput(c: DatasetContract, location: string) {
  const { columns } = glueColumns(c);
  return {
    tableType: "EXTERNAL_TABLE",
    parameters: {
      EXTERNAL: "TRUE",
      table_type: "DELTA",
      classification: "delta",
      "spark.sql.sources.provider": "delta",
    },
    storageDescriptor: {
      location,
      inputFormat: PARQUET_INPUT_FORMAT,
      outputFormat: PARQUET_OUTPUT_FORMAT,
      serDeInfo: {
        serializationLibrary: PARQUET_SERDE,
        parameters: { "serialization.format": "1", path: location },
      },
      columns: columns.map((col) => ({ ...col })),
    },
  };
}
