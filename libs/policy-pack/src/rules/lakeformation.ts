import * as aws from "@pulumi/aws";
import { validateResourceOfType, type PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../policy.js";
import { ofType } from "../stack-resources.js";

/** The principal that stands for "whatever IAM allows": Lake Formation permissions do not apply to it. */
const IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

export const lakeFormationNoIamAllowedPrincipals = resourcePolicy({
  name: "lakeformation-no-iam-allowed-principals",
  description:
    "Lake Formation governs access: the data lake settings grant no default database or table permissions to IAM_ALLOWED_PRINCIPALS (set both lists to [] for Lake Formation-only mode), and no grant names it.",
  enforcementLevel: "mandatory",
  nagIds: [],
  validateResource: [
    validateResourceOfType(aws.lakeformation.DataLakeSettings, (settings, _args, report) => {
      const defaults = [
        ["createDatabaseDefaultPermissions", settings.createDatabaseDefaultPermissions],
        ["createTableDefaultPermissions", settings.createTableDefaultPermissions],
      ] as const;
      for (const [list, entries] of defaults) {
        if ((entries ?? []).some((e) => e.principal === IAM_ALLOWED_PRINCIPALS)) {
          report(
            `${list} grants ${IAM_ALLOWED_PRINCIPALS}, so new databases or tables stay under IAM-only access`,
          );
        }
      }
    }),
    validateResourceOfType(aws.lakeformation.Permissions, (permissions, _args, report) => {
      if (permissions.principal === IAM_ALLOWED_PRINCIPALS) {
        report(
          `grants ${permissions.permissions.join(", ")} to ${IAM_ALLOWED_PRINCIPALS}, bypassing Lake Formation`,
        );
      }
    }),
  ],
});

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/** An S3 location (an `s3://` URI or an S3 ARN) as the ARN Lake Formation registers: `arn:aws:s3:::bucket/prefix`. */
export function s3LocationArn(location: string): string | undefined {
  const uri = /^s3a?:\/\/(.+)$/.exec(location);
  if (uri) return `arn:aws:s3:::${uri[1]}`.replace(/\/+$/, "");
  const arn = /^arn:aws[a-z-]*:s3:::(.+)$/.exec(location);
  return arn ? `arn:aws:s3:::${arn[1]}`.replace(/\/+$/, "") : undefined;
}

/** Every S3 bucket ARN among a referenced stack's outputs: the layer stacks export their lake buckets by ARN. */
function exportedBucketArns(value: unknown): string[] {
  if (typeof value === "string") return /^arn:aws[a-z-]*:s3:::[^/]+$/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(exportedBucketArns);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(exportedBucketArns);
  return [];
}

function lakeLocations(resources: readonly PolicyResource[]): { location: string; from: PolicyResource }[] {
  const found: { location: unknown; from: PolicyResource }[] = [
    ...ofType(resources, aws.glue.CatalogDatabase).map((d) => ({
      location: d.props["locationUri"] as unknown,
      from: d,
    })),
    ...ofType(resources, aws.glue.CatalogTable).map((t) => ({
      location: (t.props["storageDescriptor"] as { location?: unknown } | undefined)?.location,
      from: t,
    })),
    ...ofType(resources, aws.lakeformation.Permissions).map((p) => ({
      location: (p.props["dataLocation"] as { arn?: unknown } | undefined)?.arn,
      from: p,
    })),
    ...resources
      .filter((r) => r.type === STACK_REFERENCE)
      .flatMap((r) => exportedBucketArns(r.props["outputs"]).map((location) => ({ location, from: r }))),
  ];
  return found.filter((f): f is { location: string; from: PolicyResource } => typeof f.location === "string");
}

export const lakeFormationLocationsRegistered = stackPolicy({
  name: "lakeformation-lake-locations-registered",
  description:
    "A stack that configures Lake Formation registers every lake location it knows: the S3 locations of its Glue databases, tables and data-location grants, and the bucket ARNs its referenced stacks export.",
  enforcementLevel: "mandatory",
  nagIds: [],
  reads: [
    aws.lakeformation.DataLakeSettings,
    aws.lakeformation.Permissions,
    aws.lakeformation.Resource,
    aws.glue.CatalogDatabase,
    aws.glue.CatalogTable,
    STACK_REFERENCE,
  ],
  validateStack: (args, report) => {
    const governs = ofType(
      args.resources,
      aws.lakeformation.DataLakeSettings,
      aws.lakeformation.Permissions,
      aws.lakeformation.Resource,
    );
    if (governs.length === 0)
      args.notApplicable("the stack configures no Lake Formation settings, grants or registrations");
    const registered = ofType(args.resources, aws.lakeformation.Resource)
      .map((r) => s3LocationArn(String(r.props["arn"])))
      .filter((a): a is string => a !== undefined);
    const covered = (arn: string) => registered.some((r) => arn === r || arn.startsWith(`${r}/`));
    for (const { location, from } of lakeLocations(args.resources)) {
      const arn = s3LocationArn(location);
      if (arn && !covered(arn)) {
        report(
          `${location} (from ${from.name}) is not registered with Lake Formation (aws.lakeformation.Resource)`,
          from.urn,
        );
      }
    }
  },
});

export const lakeFormationPolicies = [lakeFormationNoIamAllowedPrincipals, lakeFormationLocationsRegistered];
