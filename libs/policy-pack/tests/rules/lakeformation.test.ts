import { describe, expect, it } from "vitest";
import {
  lakeFormationLocationsRegistered,
  lakeFormationNoIamAllowedPrincipals,
  s3LocationArn,
} from "../../src/rules/lakeformation.js";
import { add, describeRule, findingsOf, resource, set, setIn, UNKNOWN } from "../helpers.js";

describeRule({
  policy: lakeFormationNoIamAllowedPrincipals,
  valid: resource("aws:lakeformation/dataLakeSettings:DataLakeSettings", "settings", {
    admins: ["arn:aws:iam::123456789012:role/lake-admin"],
    createDatabaseDefaultPermissions: [],
    createTableDefaultPermissions: [],
  }),
  violations: [
    [
      "IAM_ALLOWED_PRINCIPALS on new databases",
      set("createDatabaseDefaultPermissions", [
        { principal: "IAM_ALLOWED_PRINCIPALS", permissions: ["ALL"] },
      ]),
      /createDatabaseDefaultPermissions grants IAM_ALLOWED_PRINCIPALS/,
    ],
    [
      "IAM_ALLOWED_PRINCIPALS on new tables",
      set("createTableDefaultPermissions", [{ principal: "IAM_ALLOWED_PRINCIPALS", permissions: ["ALL"] }]),
      /createTableDefaultPermissions grants IAM_ALLOWED_PRINCIPALS/,
    ],
  ],
  accepted: [
    ["default lists left out (the provider clears them)", set("createTableDefaultPermissions", undefined)],
  ],
  unknown: set("createTableDefaultPermissions", UNKNOWN),
});

describeRule({
  policy: lakeFormationNoIamAllowedPrincipals,
  valid: resource("aws:lakeformation/permissions:Permissions", "analyst-select", {
    principal: "arn:aws:iam::123456789012:role/analyst",
    permissions: ["SELECT"],
    table: { databaseName: "gold", name: "customer_360" },
  }),
  violations: [
    [
      "a grant to IAM_ALLOWED_PRINCIPALS",
      set("principal", "IAM_ALLOWED_PRINCIPALS"),
      /grants SELECT to IAM_ALLOWED_PRINCIPALS/,
    ],
  ],
  unknown: set("principal", UNKNOWN),
});

const governance = [
  resource("aws:lakeformation/dataLakeSettings:DataLakeSettings", "settings", {
    admins: ["arn:aws:iam::1:role/admin"],
  }),
  resource("aws:lakeformation/resource:Resource", "silver-location", { arn: "arn:aws:s3:::lake-dev-silver" }),
  resource("aws:lakeformation/resource:Resource", "gold-location", {
    arn: "arn:aws:s3:::lake-dev-gold/tables",
  }),
  resource("pulumi:pulumi:StackReference", "organization/infra-silver/dev", {
    name: "organization/infra-silver/dev",
    outputs: {
      silverBucketArn: "arn:aws:s3:::lake-dev-silver",
      silverBucketName: "lake-dev-silver",
      kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
    },
  }),
  resource("aws:glue/catalogDatabase:CatalogDatabase", "gold-db", {
    name: "gold",
    locationUri: "s3://lake-dev-gold/tables/",
  }),
  resource("aws:lakeformation/permissions:Permissions", "jobs-location", {
    principal: "arn:aws:iam::1:role/job",
    permissions: ["DATA_LOCATION_ACCESS"],
    dataLocation: { arn: "arn:aws:s3:::lake-dev-silver/customers" },
  }),
];

describeRule({
  policy: lakeFormationLocationsRegistered,
  valid: governance,
  violations: [
    [
      "a bucket a referenced stack exports, left unregistered",
      setIn("organization/infra-silver/dev", "outputs.bronzeBucketArn", "arn:aws:s3:::lake-dev-bronze"),
      /arn:aws:s3:::lake-dev-bronze \(from organization\/infra-silver\/dev\) is not registered/,
    ],
    [
      "a database outside every registered location",
      setIn("gold-db", "locationUri", "s3://lake-dev-gold/other/"),
      /s3:\/\/lake-dev-gold\/other\/ \(from gold-db\) is not registered/,
    ],
    [
      "a registration that covers a sibling prefix only",
      setIn("gold-location", "arn", "arn:aws:s3:::lake-dev-gold/tab"),
      /s3:\/\/lake-dev-gold\/tables\/ \(from gold-db\)/,
    ],
    [
      "a data-location grant on another bucket",
      setIn("jobs-location", "dataLocation.arn", "arn:aws:s3:::lake-dev-bronze"),
      /arn:aws:s3:::lake-dev-bronze \(from jobs-location\) is not registered/,
    ],
  ],
  accepted: [
    [
      "a table under a registered location",
      add(
        resource("aws:glue/catalogTable:CatalogTable", "t", {
          storageDescriptor: { location: "s3://lake-dev-gold/tables/customer_360/" },
        }),
      ),
    ],
  ],
  unknown: setIn("silver-location", "arn", UNKNOWN),
});

describe("lakeformation-lake-locations-registered applicability", () => {
  it("does not apply to a stack that configures no Lake Formation settings, grants or registrations", async () => {
    const layerStack = [
      resource("aws:glue/catalogDatabase:CatalogDatabase", "silver-db", {
        locationUri: "s3://lake-dev-silver/",
      }),
      resource("aws:lakeformation/lfTag:LfTag", "classification", {
        key: "lake_classification",
        values: ["pii"],
      }),
    ];
    expect(await findingsOf(lakeFormationLocationsRegistered, layerStack)).toEqual([]);
  });
});

describe("s3LocationArn", () => {
  it.each([
    ["s3://lake/silver/", "arn:aws:s3:::lake/silver"],
    ["s3a://lake", "arn:aws:s3:::lake"],
    ["arn:aws-cn:s3:::lake/x/", "arn:aws:s3:::lake/x"],
    ["https://lake.s3.amazonaws.com/", undefined],
  ])("%s -> %s", (location, arn) => {
    expect(s3LocationArn(location)).toBe(arn);
  });
});
