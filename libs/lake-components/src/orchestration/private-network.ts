import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../aws-context.js";
import { ServiceRole } from "../iam/service-role.js";
import { autoNamed, physicalName } from "../physical-names.js";
import { endpointServiceName, interfaceEndpointServices, subnetCidrs } from "./network-plan.js";

/** MWAA takes exactly two private subnets, in two Availability Zones (CreateEnvironment SubnetIds). */
export const MWAA_SUBNET_COUNT = 2;

export interface PrivateNetworkArgs {
  /** The VPC's IPv4 block, /16 to /24, validated before anything is created. Defaults to `10.192.0.0/16`. */
  readonly cidrBlock?: string;
  /** Interface endpoints beyond MWAA's own, for what the DAGs call (e.g. `glue`). Defaults to none. */
  readonly extraEndpointServices?: readonly string[];
  /** The key that encrypts the flow log group; its key policy must let CloudWatch Logs use it for the group. */
  readonly flowLogKmsKeyArn: pulumi.Input<string>;
  /** Days the flow log group keeps records. Defaults to 365. */
  readonly flowLogRetentionDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The log group the flow logs of network `name` go to (the key policy names it before the network exists). */
export function flowLogGroupName(name: string): string {
  return physicalName("aws:cloudwatch/logGroup:LogGroup", `/aws/vpc-flow-logs/${name}`);
}

/** CloudWatch Logs retention values (PutRetentionPolicy retentionInDays). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * A VPC with no route to the internet: two private subnets in two Availability Zones, an S3 gateway endpoint
 * and interface endpoints for everything MWAA and the DAGs call (instead of a NAT gateway), one security group
 * whose members reach each other and HTTPS, and flow logs of all traffic to an encrypted log group. Built from
 * `aws.ec2` resources rather than awsx's Vpc so every subnet, route, endpoint and rule is a resource the plan
 * shows and the policy pack checks.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** The two private subnets, for MWAA's network configuration. */
  public readonly subnetIds: pulumi.Output<string[]>;
  /** The security group of MWAA and the interface endpoints. */
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly flowLogGroupName: string;

  constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("lake:orchestration:PrivateNetwork", name, {}, opts);
    const cidrBlock = args.cidrBlock ?? "10.192.0.0/16";
    const retentionDays = args.flowLogRetentionDays ?? 365;
    let cidrs: string[];
    let services: string[];
    try {
      cidrs = subnetCidrs(cidrBlock, MWAA_SUBNET_COUNT);
      services = interfaceEndpointServices(args.extraEndpointServices);
      if (!LOG_RETENTION_DAYS.includes(retentionDays)) {
        throw new Error(
          `flowLogRetentionDays ${retentionDays} is not one of ${LOG_RETENTION_DAYS.join(", ")}`,
        );
      }
    } catch (err) {
      throw new pulumi.ResourceError(`PrivateNetwork ${name}: ${(err as Error).message}`, this);
    }
    const ctx = awsContext(this);
    const parent = { parent: this };
    const tagged = (part: string) =>
      pulumi.output(args.tags ?? {}).apply((t) => ({ ...t, Name: `${name}-${part}` }));

    // Private DNS of the interface endpoints needs both DNS attributes on.
    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock, enableDnsSupport: true, enableDnsHostnames: true, tags: tagged("vpc") },
      parent,
    );
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }, parent).names;
    const routes = new aws.ec2.RouteTable(
      `${name}-private`,
      { vpcId: vpc.id, tags: tagged("private") },
      parent,
    );
    const subnets = cidrs.map((subnetCidr, i) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-private-${i + 1}`,
        {
          vpcId: vpc.id,
          cidrBlock: subnetCidr,
          availabilityZone: zones.apply((z) => {
            if (z.length < MWAA_SUBNET_COUNT) {
              throw new pulumi.ResourceError(
                `PrivateNetwork ${name}: the region has ${z.length} zone(s)`,
                this,
              );
            }
            return z[i] as string;
          }),
          mapPublicIpOnLaunch: false,
          tags: tagged(`private-${i + 1}`),
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${i + 1}`,
        { subnetId: subnet.id, routeTableId: routes.id },
        parent,
      );
      return subnet;
    });

    const group = new aws.ec2.SecurityGroup(
      autoNamed("aws:ec2/securityGroup:SecurityGroup", `${name}-mwaa`),
      {
        vpcId: vpc.id,
        description: "MWAA and its VPC endpoints: members reach each other; HTTPS out",
        tags: tagged("mwaa"),
      },
      parent,
    );
    // MWAA's components and its endpoints (web server, database) talk to each other on several ports: the group
    // admits itself, and nothing else (MWAA user guide, "Security in your VPC on Amazon MWAA").
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-mwaa-self-in`,
      { securityGroupId: group.id, referencedSecurityGroupId: group.id, ipProtocol: "-1" },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-mwaa-self-out`,
      { securityGroupId: group.id, referencedSecurityGroupId: group.id, ipProtocol: "-1" },
      parent,
    );
    // HTTPS to anywhere reaches only what has a route: the VPC and S3's gateway endpoint (no internet route).
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-mwaa-https-out`,
      { securityGroupId: group.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 },
      parent,
    );

    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`${ctx.region.apply((r) => endpointServiceName(r, "s3"))}`,
        vpcEndpointType: "Gateway",
        routeTableIds: [routes.id],
        tags: tagged("s3"),
      },
      parent,
    );
    for (const service of services) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(/\./g, "-")}`,
        {
          vpcId: vpc.id,
          serviceName: ctx.region.apply((r) => endpointServiceName(r, service)),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: subnets.map((s) => s.id),
          securityGroupIds: [group.id],
          tags: tagged(service),
        },
        parent,
      );
    }

    this.flowLogGroupName = flowLogGroupName(name);
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: this.flowLogGroupName,
        kmsKeyId: args.flowLogKmsKeyArn,
        retentionInDays: retentionDays,
        tags: args.tags,
      },
      parent,
    );
    const role = new ServiceRole(
      `${name}-flow-logs`,
      {
        service: "vpc-flow-logs.amazonaws.com",
        sourceAccount: ctx.accountId,
        description: `VPC flow logs of ${name} into ${this.flowLogGroupName}`,
        statements: [
          {
            Sid: "DeliverFlowLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
          },
          // DescribeLogGroups is authorized on every group (VPC user guide, "IAM role for publishing flow logs
          // to CloudWatch Logs").
          { Sid: "FindLogGroup", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
        ],
        tags: args.tags,
      },
      parent,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.roleArn,
        tags: tagged("flow-log"),
      },
      parent,
    );

    this.vpcId = vpc.id;
    this.subnetIds = pulumi.all(subnets.map((s) => s.id));
    this.securityGroupId = group.id;
    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      securityGroupId: this.securityGroupId,
    });
  }
}
