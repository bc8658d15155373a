import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  accessModel,
  AthenaWorkgroup,
  glueCatalogArn,
  glueCatalogStatements,
  glueTableArn,
  kmsStatements,
  LakeAccess,
  LakeFormationSettings,
  lakeFormationDataAccessStatement,
  lfTagKeysFor,
  PERSONA_SERVICES,
  renderGrants,
  s3WriteStatements,
  ServiceRole,
  tagAssignments,
  type LfTagKeys,
  type PrincipalRef,
} from "@lake/lake-components";
import type { DatasetRegistry, Layer } from "@lake/schemas";
import { goldStack, readStack, silverStack } from "@lake/stacks";
import { personaSpecs, type GovernanceConfig } from "./config.js";
import { principalRefLabel } from "./principal-ref.js";
import { lfTagDefinitions } from "./tags.js";

/** Prefix of each persona workgroup's results in the gold stack's results bucket. */
export const PERSONA_RESULTS_PREFIX = "athena-results/personas/";

/** One principal of the access model as deployed: its persona, which principal of it, and the ARN or account. */
export interface DeployedPrincipal {
  readonly persona: string;
  /** `arn`, `role:<service>`, `account`, or `job:<job>:<dataset>` for the pipeline's roles. */
  readonly ref: string;
  readonly principal: string;
}

export interface GovernanceOutputs {
  /** LF-tag keys, by purpose, for the grants of downstream stacks. */
  readonly lfTagKeys: LfTagKeys;
  /** Every LF-tag as created in the catalog: key and values. */
  readonly lfTags: pulumi.Output<{ key: string; values: string[] }[]>;
  /** Every principal that has a grant, with its persona (what `make access` resolves a persona with). */
  readonly principals: pulumi.Output<DeployedPrincipal[]>;
  /** The Glue database of each layer, as the grants name it. */
  readonly databases: pulumi.Output<Record<Layer, string>>;
  /** Registered Lake Formation locations, by layer. */
  readonly registeredLocations: pulumi.Output<Record<string, string>>;
  /** The roles this stack creates for personas (SageMaker, QuickSight), by persona. */
  readonly personaRoles: pulumi.Output<Record<string, string>>;
  /** Each persona's own Athena workgroup: name and results location. */
  readonly athenaWorkgroups: pulumi.Output<Record<string, { name: string; outputLocation: string }>>;
}

const pick = (roles: pulumi.Output<Record<string, string>>, output: string, dataset: string) =>
  roles.apply((r) => {
    const arn = r[dataset];
    if (!arn) throw new Error(`governance: the upstream output ${output} has no role for ${dataset}`);
    return arn;
  });

/**
 * Lake Formation over the silver and gold layers: settings and registered locations, LF-tags from the contracts,
 * the grants and data cells filters rendered from the access model, roles for the personas the stack creates, and
 * an Athena workgroup per persona that asks for one.
 */
export function createGovernanceStack(
  config: GovernanceConfig,
  datasets: DatasetRegistry,
): GovernanceOutputs {
  const { namePrefix, tags } = config;
  const personas = personaSpecs(config);
  // Before any resource: a bad persona or filter stops the plan, naming persona, table and column.
  const model = accessModel(datasets, personas);

  const silver = readStack(silverStack, config.silverStack, [
    "kmsKeyArn",
    "silverBucketArn",
    "silverDatabaseName",
    "silverDatabaseArn",
    "bronzeToSilverJobRoles",
    "qualityJobRoles",
    "dataQualityRoles",
  ]);
  const gold = readStack(goldStack, config.goldStack, [
    "goldBucketArn",
    "goldDatabaseName",
    "goldDatabaseArn",
    "athenaResultsBucketName",
    "silverToGoldJobRoles",
  ]);
  const accountId = aws.getCallerIdentityOutput().accountId;
  const databases: Record<Layer, pulumi.Output<string>> = {
    silver: silver.silverDatabaseName,
    gold: gold.goldDatabaseName,
  };

  const lakeFormation = new LakeFormationSettings(`${namePrefix}-lakeformation`, {
    admins: config.admins,
    readOnlyAdmins: config.readOnlyAdmins,
    catalogId: accountId,
    crossAccountVersion: config.crossAccountVersion,
    locations: [
      { name: "silver", bucketArn: silver.silverBucketArn },
      { name: "gold", bucketArn: gold.goldBucketArn },
    ],
    registrationRole: config.registrationRole,
    hybridAccess: config.hybridAccess,
    kmsKeyArn: silver.kmsKeyArn,
    tags,
  });

  const resultsBucketArn = pulumi.interpolate`arn:aws:s3:::${gold.athenaResultsBucketName}`;
  const workgroups = new Map(
    config.personas.flatMap((p) => {
      if (!p.athena) return [];
      const slug = p.name.replaceAll("_", "-");
      const workgroup = new AthenaWorkgroup(`${namePrefix}-persona-${slug}`, {
        workgroupName: `${namePrefix}-${slug}`,
        description: `Queries of the ${p.name} persona, under its Lake Formation grants`,
        resultsBucketName: gold.athenaResultsBucketName,
        resultsPrefix: `${PERSONA_RESULTS_PREFIX}${slug}/`,
        kmsKeyArn: silver.kmsKeyArn,
        expectedBucketOwner: accountId,
        bytesScannedCutoffPerQuery: p.athena.bytesScannedCutoffPerQuery,
        forceDestroy: config.environment !== "prod",
        tags,
      });
      return [[p.name, { workgroup, prefix: `${PERSONA_RESULTS_PREFIX}${slug}/` }] as const];
    }),
  );

  // A role the stack creates may query through Athena and read the catalog; what it reads of the data is decided
  // by its Lake Formation grants (GetDataAccess hands out the temporary credentials).
  const personaRoles = new Map(
    personas.flatMap((p) => {
      if (p.principal.kind !== "service-role") return [];
      const own = workgroups.get(p.name);
      const catalogArn = silver.silverDatabaseArn.apply(glueCatalogArn);
      const role = new ServiceRole(`${namePrefix}-persona-${p.name.replaceAll("_", "-")}`, {
        service: PERSONA_SERVICES[p.principal.service],
        description: `The ${p.name} persona (${p.principal.service}); data access through Lake Formation`,
        statements: [
          lakeFormationDataAccessStatement(),
          ...(["silver", "gold"] as const).flatMap((layer) => {
            const databaseArn = layer === "silver" ? silver.silverDatabaseArn : gold.goldDatabaseArn;
            return glueCatalogStatements(
              { catalogArn, databaseArn, tableArns: [databaseArn.apply((arn) => glueTableArn(arn, "*"))] },
              "read",
              `Catalog${layer === "silver" ? "Silver" : "Gold"}`,
            );
          }),
          ...(own
            ? [
                {
                  Sid: "Athena",
                  Effect: "Allow" as const,
                  Action: [
                    "athena:StartQueryExecution",
                    "athena:StopQueryExecution",
                    "athena:GetQueryExecution",
                    "athena:GetQueryResults",
                    "athena:GetWorkGroup",
                  ],
                  Resource: [own.workgroup.workgroupArn],
                },
                ...s3WriteStatements({ bucketArn: resultsBucketArn, prefixes: [own.prefix] }, "Results"),
                ...kmsStatements([silver.kmsKeyArn], "encrypt", "ResultsKey"),
              ]
            : []),
        ],
        tags,
      });
      return [[p.name, role] as const];
    }),
  );

  const principalOf = (ref: PrincipalRef, persona: string): pulumi.Input<string> => {
    switch (ref.kind) {
      case "arn":
        return ref.arn;
      case "account":
        return ref.accountId;
      case "service-role":
        return personaRoles.get(persona)!.roleArn;
      case "job-role":
        return ref.job === "bronze_to_silver"
          ? pick(silver.bronzeToSilverJobRoles, "bronzeToSilverJobRoles", ref.dataset)
          : ref.job === "quality"
            ? pick(silver.qualityJobRoles, "qualityJobRoles", ref.dataset)
            : ref.job === "data_quality"
              ? pick(silver.dataQualityRoles, "dataQualityRoles", ref.dataset)
              : pick(gold.silverToGoldJobRoles, "silverToGoldJobRoles", ref.dataset);
    }
  };

  const keys = lfTagKeysFor(config.tagPrefix);
  const { grants, filters } = renderGrants(model, personas, keys, {
    databases,
    catalogId: accountId,
    principal: principalOf,
  });
  const access = new LakeAccess(
    `${namePrefix}-access`,
    {
      tags: lfTagDefinitions(datasets, config.tagPrefix),
      assignments: tagAssignments(datasets, keys),
      databases,
      catalogId: accountId,
      grants,
      filters,
    },
    // Grants made before the settings would be made while new tables still default to IAM_ALLOWED_PRINCIPALS.
    { dependsOn: [lakeFormation] },
  );

  return {
    lfTagKeys: keys,
    lfTags: access.lfTags,
    principals: pulumi.all(
      model.map((m) =>
        pulumi
          .output(principalOf(m.principal, m.persona))
          .apply((principal) => ({ persona: m.persona, ref: principalRefLabel(m.principal), principal })),
      ),
    ),
    databases: pulumi.all([databases.silver, databases.gold]).apply(([s, g]) => ({ silver: s, gold: g })),
    registeredLocations: pulumi.all(lakeFormation.locations),
    personaRoles: pulumi.all(
      Object.fromEntries([...personaRoles].map(([name, role]) => [name, role.roleArn])),
    ),
    athenaWorkgroups: pulumi.all(
      Object.fromEntries(
        [...workgroups].map(([name, { workgroup }]) => [
          name,
          pulumi.all([workgroup.workgroupName, workgroup.outputLocation]).apply(([n, outputLocation]) => ({
            name: n,
            outputLocation,
          })),
        ]),
      ),
    ),
  };
}
