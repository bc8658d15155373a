import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  collectDagFiles,
  contentHash,
  dagObjects,
  flowLogGroupName,
  LakeBucket,
  LakeKey,
  MwaaEnvironment,
  mwaaRequirements,
  PrivateNetwork,
  s3Key,
  type EnvironmentObject,
} from "@lake/lake-components";
import type { DatasetRegistry } from "@lake/schemas";
import {
  bronzeStack,
  goldStack,
  lakeBucketName,
  readStack,
  silverStack,
  type AirflowStackOutputs,
  type StackExports,
} from "@lake/stacks";
import type { AirflowConfig } from "./config.js";
import {
  CONSTRAINTS_FILE,
  DAG_PACKAGES,
  DAGS_PREFIX,
  DAGS_SOURCE,
  MANIFEST_FILE,
  mwaaConstraints,
} from "./dag-folder.js";
import {
  deployedResources,
  orchestrationManifest,
  type DeployedNames,
  type PipelineSettings,
} from "./manifest.js";

export interface AirflowStackOptions {
  /** The DAG folder to upload; defaults to this app's `dags/`. */
  readonly dagsSource?: string;
}

/** How often a wait polls AWS: crawls take minutes, Glue runs longer. */
const POLL_SECONDS = { glue_crawler: 30, glue_job: 60, glue_data_quality: 60, not_deployed: 1 } as const;

export function pipelineSettings(config: AirflowConfig): PipelineSettings {
  return {
    schedule: config.schedule,
    environment: config.environment,
    owner: config.owner,
    startDate: config.startDate,
    taskDefaults: {
      retries: config.retries,
      retryDelaySeconds: config.retryDelayMinutes * 60,
      maxRetryDelaySeconds: config.maxRetryDelayMinutes * 60,
      executionTimeoutSeconds: {
        glue_crawler: config.crawlTimeoutMinutes * 60,
        glue_job: config.jobTimeoutMinutes * 60,
        glue_data_quality: config.dataQualityTimeoutMinutes * 60,
        not_deployed: 60,
      },
      pollIntervalSeconds: POLL_SECONDS,
    },
    maintenance: config.maintenance,
  };
}

/** The MWAA environment of a stack: `<namePrefix>-airflow`. */
export const environmentNameOf = (namePrefix: string) => `${namePrefix}-airflow`;

/**
 * Orchestration: the private network (or an existing VPC), the environment's key and DAG bucket, the DAG folder
 * with the manifest derived from the registry and the layer stacks' outputs, and the MWAA environment.
 */
export function createAirflowStack(
  config: AirflowConfig,
  datasets: DatasetRegistry,
  options: AirflowStackOptions = {},
): StackExports<AirflowStackOutputs> {
  const { namePrefix, tags } = config;
  const bronze = readStack(bronzeStack, config.bronzeStack, ["crawlerNames", "accessLogBucketName"]);
  const silver = readStack(silverStack, config.silverStack, [
    "bronzeToSilverJobs",
    "qualityJobs",
    "rulesetNames",
    "dataQualityRoles",
    "silverDatabaseName",
  ]);
  const gold = readStack(goldStack, config.goldStack, ["silverToGoldJobs"]);
  const accountId = aws.getCallerIdentityOutput().accountId;
  const environmentName = environmentNameOf(namePrefix);
  const networkName = `${namePrefix}-airflow-net`;
  const net = config.network;
  const ownNetwork = "cidrBlock" in net;

  const key = new LakeKey(`${namePrefix}-airflow`, {
    description: `${environmentName}: the MWAA environment, its DAG bucket and its logs`,
    aliasName: `${namePrefix}-airflow`,
    // MWAA's log groups are airflow-<environment>-<type>; the flow logs have their own.
    logGroupPrefixes: [`airflow-${environmentName}-`, ...(ownNetwork ? [flowLogGroupName(networkName)] : [])],
    tags,
  });
  let placement: {
    vpcId: pulumi.Output<string>;
    subnetIds: pulumi.Output<string[]>;
    securityGroupIds: pulumi.Output<string[]>;
  };
  if ("cidrBlock" in net) {
    const network = new PrivateNetwork(networkName, {
      cidrBlock: net.cidrBlock,
      // The DAGs start Glue crawlers and jobs.
      extraEndpointServices: ["glue"],
      flowLogKmsKeyArn: key.keyArn,
      flowLogRetentionDays: config.flowLogRetentionDays,
      tags,
    });
    placement = {
      vpcId: network.vpcId,
      subnetIds: network.subnetIds,
      securityGroupIds: network.securityGroupId.apply((id) => [id]),
    };
  } else {
    // An existing VPC brings its own routes, endpoints and flow logs.
    placement = {
      vpcId: pulumi.output(net.vpcId),
      subnetIds: pulumi.output([...net.subnetIds]),
      securityGroupIds: pulumi.output(net.securityGroupIds),
    };
  }

  // The bucket holds only what a deployment uploads (rebuilt from this repository), so it is not protected;
  // it takes the lifecycle of the derived layers: no tiering, noncurrent versions kept 30 days.
  const bucket = new LakeBucket(`${namePrefix}-airflow-dags`, {
    layer: "gold",
    bucketName: lakeBucketName(namePrefix, "airflow", accountId, config.region),
    kmsKeyArn: key.keyArn,
    accessLogs: { bucketName: bronze.accessLogBucketName },
    forceDestroy: true,
    tags,
  });

  // pulumi.output resolves every Output the object holds: one DeployedNames, each name written once.
  const deployedNames: pulumi.Output<DeployedNames> = pulumi.output({
    crawlerNames: bronze.crawlerNames,
    bronzeToSilverJobs: silver.bronzeToSilverJobs,
    qualityJobs: silver.qualityJobs,
    silverToGoldJobs: gold.silverToGoldJobs,
    rulesetNames: silver.rulesetNames,
    dataQualityRoles: silver.dataQualityRoles,
    silverDatabaseName: silver.silverDatabaseName,
  });
  const manifest = deployedNames.apply((names) =>
    orchestrationManifest(datasets, names, pipelineSettings(config)),
  );
  const manifestJson = manifest.apply((m) => `${JSON.stringify(m, null, 2)}\n`);
  const constraints = mwaaConstraints();
  const folder = dagObjects(DAGS_PREFIX, collectDagFiles(options.dagsSource ?? DAGS_SOURCE));
  const constraintsKey = s3Key(DAGS_PREFIX, CONSTRAINTS_FILE);
  const manifestKey = s3Key(DAGS_PREFIX, MANIFEST_FILE);
  const objects: EnvironmentObject[] = [
    ...folder,
    { key: constraintsKey, content: constraints },
    { key: manifestKey, content: manifestJson, contentType: "application/json" },
  ];

  const resources = manifest.apply(deployedResources);
  const environment = new MwaaEnvironment(environmentName, {
    environmentName,
    settings: config.mwaa,
    network: { subnetIds: placement.subnetIds, securityGroupIds: placement.securityGroupIds },
    bucket,
    dagsPrefix: DAGS_PREFIX,
    dagObjects: objects,
    requirements: mwaaRequirements({
      dagsPrefix: DAGS_PREFIX,
      constraintsKey,
      constraints,
      packages: DAG_PACKAGES,
    }),
    kmsKeyArn: key.keyArn,
    crawlerNames: resources.apply((r) => r.crawlers),
    jobNames: resources.apply((r) => r.jobs),
    rulesetNames: resources.apply((r) => r.rulesets),
    dataQualityRoleArns: resources.apply((r) => r.dataQualityRoles),
    tags,
  });

  return {
    environmentName: environment.environmentName,
    environmentArn: environment.environmentArn,
    webserverUrl: environment.webserverUrl,
    executionRoleArn: environment.executionRoleArn,
    dagBucketName: bucket.bucketName,
    dagObjects: manifestJson.apply((json) => ({
      ...Object.fromEntries(folder.map((o) => [o.key, o.hash])),
      [constraintsKey]: contentHash(constraints),
      [manifestKey]: contentHash(json),
    })),
    requirementsVersion: environment.requirementsVersion,
    vpcId: placement.vpcId,
    subnetIds: placement.subnetIds,
    securityGroupIds: placement.securityGroupIds,
    manifest,
  };
}
