// The outputs of the orchestration stack (airflow-dags): the MWAA environment, its network and what it runs.
import { defineStackContract } from "./stack-contract.js";

/** What a reader relies on of the manifest the DAGs are rendered from (the whole JSON is in the DAG bucket). */
export interface PipelineManifestOutput {
  readonly dagId: string;
  readonly schedule: string;
  readonly tasks: readonly { readonly taskId: string; readonly dataset: string; readonly type: string }[];
}

export interface AirflowStackOutputs {
  readonly environmentName: string;
  readonly environmentArn: string;
  readonly webserverUrl: string;
  readonly executionRoleArn: string;
  readonly dagBucketName: string;
  readonly dagObjects: Record<string, string>;
  readonly requirementsVersion: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly manifest: PipelineManifestOutput;
}

export const airflowStack = defineStackContract<AirflowStackOutputs>("airflow-dags", {
  environmentName: "The MWAA environment: what `nx run airflow-dags:verify` asks for a CLI token.",
  environmentArn: "ARN of the MWAA environment.",
  webserverUrl: "Host name of the Airflow web server (private: reached from inside the VPC).",
  executionRoleArn:
    "The environment's execution role: it may start and read exactly the lake's crawlers and jobs.",
  dagBucketName: "The versioned, encrypted bucket holding the DAG folder and requirements.txt.",
  dagObjects:
    "Content hash per object key of the DAG folder: a deployment rewrites exactly the changed ones.",
  requirementsVersion: "The S3 version of requirements.txt the environment installs.",
  vpcId: "The VPC of the environment (created, or given in config).",
  subnetIds: "The two private subnets of the environment.",
  securityGroupIds:
    "The security groups of the environment (the one the stack makes also guards the VPC endpoints).",
  manifest: "The orchestration manifest the pipeline DAG is rendered from (dag id, schedule, tasks).",
});
