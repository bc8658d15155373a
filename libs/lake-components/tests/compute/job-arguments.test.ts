import { registry } from "@lake/schemas";
import { describe, expect, it } from "vitest";
import {
  glueConfValue,
  glueDefaultArguments,
  jobArguments,
  lakeFormats,
  sparkCatalogConf,
} from "../../src/compute/job-arguments.js";

const uris = {
  contract: "s3://art/c/customers/contract.json",
  input: "s3://bronze/",
  output: "s3://silver/",
  quarantine: "s3://silver/quarantine/",
  report: "s3://silver/reports/",
  env: "dev",
};

describe("jobArguments", () => {
  it("passes the names lake_jobs parses", () => {
    expect(jobArguments(uris)).toEqual({
      "--contract": uris.contract,
      "--input": "s3://bronze/",
      "--output": "s3://silver/",
      "--quarantine": "s3://silver/quarantine/",
      "--report": "s3://silver/reports/",
      "--env": "dev",
    });
  });

  it("adds --contracts only for jobs reading other datasets, and leaves out a missing quarantine", () => {
    const { quarantine: _q, ...rest } = uris;
    const args = jobArguments({ ...rest, contracts: "s3://art/c/" });
    expect(args["--contracts"]).toBe("s3://art/c/");
    expect("--quarantine" in args).toBe(false);
  });
});

describe("lakeFormats", () => {
  it.each([
    [["customers"], []],
    [["customer_360", "customers"], ["iceberg"]],
  ])("%j -> %j", (names, formats) => {
    expect(lakeFormats(names.map((n) => registry.get(n)))).toEqual(formats);
  });

  it("lists both when a job touches Iceberg and Delta", () => {
    const delta = { ...registry.get("customers"), format: "delta" as const };
    expect(lakeFormats([delta, registry.get("customer_360")])).toEqual(["iceberg", "delta"]);
  });
});

describe("sparkCatalogConf", () => {
  it("configures a Glue-backed Iceberg catalog under the jobs' catalog name", () => {
    expect(
      sparkCatalogConf({ formats: ["iceberg"], icebergCatalog: "lake", warehouse: "s3://gold/" }),
    ).toEqual({
      "spark.sql.extensions": "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
      "spark.sql.catalog.lake": "org.apache.iceberg.spark.SparkCatalog",
      "spark.sql.catalog.lake.catalog-impl": "org.apache.iceberg.aws.glue.GlueCatalog",
      "spark.sql.catalog.lake.io-impl": "org.apache.iceberg.aws.s3.S3FileIO",
      "spark.sql.catalog.lake.warehouse": "s3://gold/",
    });
  });

  it("makes Delta the session catalog and joins both extensions", () => {
    const conf = sparkCatalogConf({
      formats: ["iceberg", "delta"],
      icebergCatalog: "lake",
      warehouse: "s3://g/",
    });
    expect(conf["spark.sql.extensions"]).toBe(
      "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,io.delta.sql.DeltaSparkSessionExtension",
    );
    expect(conf["spark.sql.catalog.spark_catalog"]).toBe("org.apache.spark.sql.delta.catalog.DeltaCatalog");
  });

  it("is empty for Parquet-only jobs", () => {
    expect(sparkCatalogConf({ formats: [], icebergCatalog: "lake", warehouse: "s3://s/" })).toEqual({});
    expect(glueConfValue({})).toBeUndefined();
  });
});

describe("glueDefaultArguments", () => {
  const base = {
    job: jobArguments(uris),
    packageUri: "s3://art/p/lake_jobs-0123.zip",
    tempDir: "s3://art/tmp/",
    catalog: { formats: [] as ("iceberg" | "delta")[], icebergCatalog: "lake", warehouse: "s3://silver/" },
    autoScaling: true,
    bookmarks: false,
  };

  it("sets Glue's special parameters and keeps the job's own arguments", () => {
    expect(glueDefaultArguments(base)).toEqual({
      "--job-language": "python",
      "--extra-py-files": "s3://art/p/lake_jobs-0123.zip",
      "--enable-continuous-cloudwatch-log": "true",
      "--enable-metrics": "true",
      "--enable-glue-datacatalog": "true",
      "--TempDir": "s3://art/tmp/",
      "--job-bookmark-option": "job-bookmark-disable",
      "--enable-auto-scaling": "true",
      ...jobArguments(uris),
    });
  });

  it("adds --datalake-formats and --conf for Iceberg, and the bookmark and scaling switches", () => {
    const args = glueDefaultArguments({
      ...base,
      catalog: { ...base.catalog, formats: ["iceberg"] },
      autoScaling: false,
      bookmarks: true,
    });
    expect(args["--datalake-formats"]).toBe("iceberg");
    expect(args["--conf"]).toMatch(
      /^spark\.sql\.extensions=org\.apache\.iceberg\.spark\.extensions\.IcebergSparkSessionExtensions --conf spark\.sql\.catalog\.lake=org\.apache\.iceberg\.spark\.SparkCatalog --conf /,
    );
    expect(args["--job-bookmark-option"]).toBe("job-bookmark-enable");
    expect("--enable-auto-scaling" in args).toBe(false);
  });

  it("lets extras add parameters but never replace the job's own", () => {
    const args = glueDefaultArguments({ ...base, extra: { "--env": "prod", "--enable-spark-ui": "true" } });
    expect(args["--env"]).toBe("dev");
    expect(args["--enable-spark-ui"]).toBe("true");
  });
});
