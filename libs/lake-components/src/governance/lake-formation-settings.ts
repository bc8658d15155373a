import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { kmsStatements, s3WriteStatements } from "../iam/policy-document.js";
import { ServiceRole } from "../iam/service-role.js";

/** CROSS_ACCOUNT_VERSION values the provider documents (the API also knows 5; the provider's docs stop at 4). */
export const CROSS_ACCOUNT_VERSIONS = [1, 2, 3, 4] as const;
export type CrossAccountVersion = (typeof CROSS_ACCOUNT_VERSIONS)[number];

/** A lake location Lake Formation governs: a bucket, by a short name for the resource and its ARN. */
export interface LakeLocation {
  readonly name: string;
  readonly bucketArn: pulumi.Input<string>;
}

export interface LakeFormationSettingsArgs {
  /** Data lake administrators (IAM users or roles). At least one, or nobody can grant. */
  readonly admins: readonly pulumi.Input<string>[];
  /** Administrators who may only view. Defaults to none. */
  readonly readOnlyAdmins?: readonly pulumi.Input<string>[];
  /** The catalog (account) the settings are for. */
  readonly catalogId: pulumi.Input<string>;
  /** Cross-account grant protocol version. Defaults to 4 (resource links and tag-based sharing through RAM). */
  readonly crossAccountVersion?: CrossAccountVersion;
  /** Locations to register. */
  readonly locations: readonly LakeLocation[];
  /**
   * How Lake Formation reaches the locations: a role of its own with access to exactly these buckets and the key
   * (`dedicated`), or the service-linked role (`service-linked`). AWS cannot switch a registration from a role to the
   * service-linked role later. Defaults to `dedicated`.
   */
  readonly registrationRole?: "dedicated" | "service-linked";
  /** Hybrid access mode: IAM principals opted in keep IAM access while Lake Formation grants are rolled out. Defaults to false. */
  readonly hybridAccess?: boolean;
  /** The key the locations' objects are encrypted with, which the dedicated role must use. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Lake Formation's data lake settings and the registration of the lake's locations. Every settings field is set:
 * the provider clears a field that is omitted. No default permissions for IAM_ALLOWED_PRINCIPALS on new databases and
 * tables (both lists empty, one of the two values the API permits), so new catalog objects are governed by Lake
 * Formation grants only; no external data filtering, no full-table access for external engines, no trusted owners.
 */
export class LakeFormationSettings extends pulumi.ComponentResource {
  public readonly settings: aws.lakeformation.DataLakeSettings;
  /** The registration role's ARN, or undefined with the service-linked role. */
  public readonly registrationRoleArn: pulumi.Output<string> | undefined;
  /** Registered location ARNs, by location name. */
  public readonly locations: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: LakeFormationSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:governance:LakeFormationSettings", name, {}, opts);
    if (args.admins.length === 0) {
      throw new pulumi.ResourceError(
        `LakeFormationSettings ${name}: admins must name at least one principal`,
        this,
      );
    }
    const names = args.locations.map((l) => l.name);
    if (new Set(names).size !== names.length) {
      throw new pulumi.ResourceError(
        `LakeFormationSettings ${name}: two locations share a name (${names.join(", ")})`,
        this,
      );
    }
    const version = args.crossAccountVersion ?? 4;

    this.settings = new aws.lakeformation.DataLakeSettings(
      `${name}-settings`,
      {
        catalogId: args.catalogId,
        admins: [...args.admins],
        readOnlyAdmins: [...(args.readOnlyAdmins ?? [])],
        createDatabaseDefaultPermissions: [],
        createTableDefaultPermissions: [],
        trustedResourceOwners: [],
        allowExternalDataFiltering: false,
        externalDataFilteringAllowLists: [],
        authorizedSessionTagValueLists: [],
        allowFullTableExternalDataAccess: false,
        parameters: { CROSS_ACCOUNT_VERSION: String(version) },
      },
      { parent: this },
    );

    const dedicated = (args.registrationRole ?? "dedicated") === "dedicated";
    const role = dedicated
      ? new ServiceRole(
          `${name}-registration`,
          {
            service: "lakeformation.amazonaws.com",
            description: "Lake Formation's access to the registered lake locations",
            statements: [
              ...args.locations.flatMap((l, i) =>
                s3WriteStatements({ bucketArn: l.bucketArn }, `Location${i}`),
              ),
              ...kmsStatements([args.kmsKeyArn], "encrypt", "LakeKey"),
            ],
            tags: args.tags,
          },
          { parent: this },
        )
      : undefined;
    this.registrationRoleArn = role?.roleArn;

    this.locations = Object.fromEntries(
      args.locations.map((l) => {
        const resource = new aws.lakeformation.Resource(
          `${name}-location-${l.name}`,
          {
            arn: l.bucketArn,
            ...(role
              ? { roleArn: role.roleArn, useServiceLinkedRole: false }
              : { useServiceLinkedRole: true }),
            hybridAccessEnabled: args.hybridAccess ?? false,
          },
          { parent: this },
        );
        return [l.name, resource.arn];
      }),
    );
    this.registerOutputs({ registrationRoleArn: this.registrationRoleArn, locations: this.locations });
  }
}
