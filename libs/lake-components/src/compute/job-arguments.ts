// Job arguments and Spark settings, as pure functions of resolved URIs (Glue: "Using job parameters in AWS Glue
// jobs", "Using data lake frameworks with AWS Glue ETL jobs").
import type { DatasetContract } from "@lake/schemas";

export type TableFormat = DatasetContract["format"];

/** The URIs and settings every run of the job gets, in the names `lake_jobs` parses (`--contract` ...). */
export interface JobUris {
  readonly contract: string;
  /**
   * Folder holding `<dataset>/contract.json` for the contracts the job reads besides its own; only jobs that
   * read other datasets take `--contracts` (argparse rejects unknown arguments outside Glue).
   */
  readonly contracts?: string;
  readonly input: string;
  readonly output: string;
  readonly quarantine?: string;
  readonly report: string;
  readonly env: string;
}

/** `--contract`, `--contracts` and `--quarantine` (when given), `--input`, `--output`, `--report`, `--env`. */
export function jobArguments(u: JobUris): Record<string, string> {
  return {
    "--contract": u.contract,
    ...(u.contracts === undefined ? {} : { "--contracts": u.contracts }),
    "--input": u.input,
    "--output": u.output,
    ...(u.quarantine === undefined ? {} : { "--quarantine": u.quarantine }),
    "--report": u.report,
    "--env": u.env,
  };
}

/** The table formats besides Parquet the job touches; Parquet needs no extra library. */
export function lakeFormats(contracts: readonly DatasetContract[]): ("iceberg" | "delta")[] {
  const formats = new Set(contracts.map((c) => c.format));
  return (["iceberg", "delta"] as const).filter((f) => formats.has(f));
}

export interface CatalogSettings {
  readonly formats: readonly ("iceberg" | "delta")[];
  /** The Iceberg catalog name the jobs use (`<catalog>.<layer>.<dataset>`). */
  readonly icebergCatalog: string;
  /** Iceberg warehouse root, `s3://...`. */
  readonly warehouse: string;
}

/**
 * Spark settings for the formats: Iceberg's SQL extensions and a Glue-backed Iceberg catalog with S3FileIO;
 * Delta's extensions and Delta as the session catalog (its tables stay in the Glue/Hive catalog).
 */
export function sparkCatalogConf(s: CatalogSettings): Record<string, string> {
  const extensions: string[] = [];
  const conf: Record<string, string> = {};
  if (s.formats.includes("iceberg")) {
    extensions.push("org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    const cat = `spark.sql.catalog.${s.icebergCatalog}`;
    conf[cat] = "org.apache.iceberg.spark.SparkCatalog";
    conf[`${cat}.catalog-impl`] = "org.apache.iceberg.aws.glue.GlueCatalog";
    conf[`${cat}.io-impl`] = "org.apache.iceberg.aws.s3.S3FileIO";
    conf[`${cat}.warehouse`] = s.warehouse;
  }
  if (s.formats.includes("delta")) {
    extensions.push("io.delta.sql.DeltaSparkSessionExtension");
    conf["spark.sql.catalog.spark_catalog"] = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  }
  return extensions.length > 0 ? { "spark.sql.extensions": extensions.join(","), ...conf } : conf;
}

/** Glue's single `--conf` value: `a=1 --conf b=2` (Glue passes it on to spark-submit as is). */
export function glueConfValue(conf: Readonly<Record<string, string>>): string | undefined {
  const pairs = Object.entries(conf).map(([k, v]) => `${k}=${v}`);
  return pairs.length > 0 ? pairs.join(" --conf ") : undefined;
}

export interface GlueArgumentsInput {
  readonly job: Readonly<Record<string, string>>;
  /** `s3://` URI of the zipped package. */
  readonly packageUri: string;
  /** `s3://` folder Glue uses for temporary files. */
  readonly tempDir: string;
  readonly catalog: CatalogSettings;
  readonly autoScaling: boolean;
  readonly bookmarks: boolean;
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * Glue `DefaultArguments`: the job's own arguments plus Glue's special parameters: the package on
 * `--extra-py-files`, continuous CloudWatch logging, job metrics, auto scaling, the Data Catalog as Spark's
 * metastore, `--datalake-formats` and `--conf` for Iceberg/Delta, the temp dir, and the bookmark option.
 * Bookmarks track what DynamicFrame sources already read; `lake_jobs` reads with Spark for an explicit
 * `--run-date`, so bookmarks stay disabled unless asked for.
 */
export function glueDefaultArguments(a: GlueArgumentsInput): Record<string, string> {
  const conf = glueConfValue(sparkCatalogConf(a.catalog));
  return {
    "--job-language": "python",
    "--extra-py-files": a.packageUri,
    "--enable-continuous-cloudwatch-log": "true",
    "--enable-metrics": "true",
    "--enable-glue-datacatalog": "true",
    "--TempDir": a.tempDir,
    "--job-bookmark-option": a.bookmarks ? "job-bookmark-enable" : "job-bookmark-disable",
    ...(a.autoScaling ? { "--enable-auto-scaling": "true" } : {}),
    ...(a.catalog.formats.length > 0 ? { "--datalake-formats": a.catalog.formats.join(",") } : {}),
    ...(conf === undefined ? {} : { "--conf": conf }),
    ...a.extra,
    ...a.job,
  };
}
