import { registrations } from "@lake/pulumi-mocks";
import { describe, expect, it } from "vitest";
import { PrivateNetwork } from "../../src/orchestration/private-network.js";
import { MWAA_INTERFACE_ENDPOINT_SERVICES } from "../../src/orchestration/network-plan.js";
import { policyOf, resource, resourcesOf, resolve, settled } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/airflow";

describe("PrivateNetwork", async () => {
  const network = new PrivateNetwork("net", { flowLogKmsKeyArn: KEY, extraEndpointServices: ["glue"] });
  const [vpcId, subnetIds, groupId] = await Promise.all([
    resolve(network.vpcId),
    resolve(network.subnetIds),
    resolve(network.securityGroupId),
  ]);
  await settled();
  const endpoints = resourcesOf("aws:ec2/vpcEndpoint:VpcEndpoint", "net-");

  it("puts two private subnets in two zones of the VPC, without public addresses", () => {
    const subnets = resourcesOf("aws:ec2/subnet:Subnet", "net-private-");
    expect(
      subnets.map((s) => [s.inputs.cidrBlock, s.inputs.availabilityZone, s.inputs.mapPublicIpOnLaunch]),
    ).toEqual([
      ["10.192.0.0/20", "eu-west-1a", false],
      ["10.192.16.0/20", "eu-west-1b", false],
    ]);
    expect(subnets.every((s) => s.inputs.vpcId === vpcId)).toBe(true);
    expect(subnetIds).toHaveLength(2);
    expect(resource("aws:ec2/vpc:Vpc", "net-vpc").inputs).toMatchObject({
      enableDnsSupport: true,
      enableDnsHostnames: true,
    });
  });

  it("routes nowhere but the VPC and S3: no internet or NAT gateway, no route to 0.0.0.0/0", () => {
    const types = new Set(registrations.filter((r) => r.name.startsWith("net-")).map((r) => r.type));
    expect([...types].filter((t) => /internetGateway|natGateway|eip|route:Route$/i.test(t))).toEqual([]);
    const s3 = endpoints.find((e) => e.name === "net-s3");
    expect(s3?.inputs).toMatchObject({
      vpcEndpointType: "Gateway",
      serviceName: "com.amazonaws.eu-west-1.s3",
    });
  });

  it("has an interface endpoint with private DNS in both subnets for every service MWAA and the DAGs call", () => {
    const interfaces = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface");
    expect(interfaces.map((e) => e.inputs.serviceName).sort()).toEqual(
      [...MWAA_INTERFACE_ENDPOINT_SERVICES, "glue"].map((s) => `com.amazonaws.eu-west-1.${s}`).sort(),
    );
    for (const e of interfaces) {
      expect(e.inputs).toMatchObject({ privateDnsEnabled: true, subnetIds, securityGroupIds: [groupId] });
    }
  });

  it("admits only its own members, and lets them out to each other and to HTTPS", () => {
    const ingress = resourcesOf("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "net-");
    expect(ingress.map((r) => r.inputs)).toEqual([
      { securityGroupId: groupId, referencedSecurityGroupId: groupId, ipProtocol: "-1" },
    ]);
    const egress = resourcesOf("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "net-");
    const rules = egress.map((r) => [
      r.inputs.ipProtocol,
      r.inputs.fromPort ?? null,
      r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4,
    ]);
    expect(rules.sort()).toEqual([
      ["-1", null, groupId],
      ["tcp", 443, "0.0.0.0/0"],
    ]);
  });

  it("logs all traffic of the VPC to its encrypted log group through a role that may write only there", () => {
    expect(resource("aws:ec2/flowLog:FlowLog", "net-flow-log").inputs).toMatchObject({
      vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
    });
    expect(resource("aws:cloudwatch/logGroup:LogGroup", "net-flow-logs").inputs).toMatchObject({
      name: "/aws/vpc-flow-logs/net",
      kmsKeyId: KEY,
      retentionInDays: 365,
    });
    const statements = policyOf(resource("aws:iam/rolePolicy:RolePolicy", "net-flow-logs-policy")).Statement;
    expect(statements[0]?.Resource).toEqual([
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpc-flow-logs/net",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpc-flow-logs/net:*",
    ]);
  });

  it.each([
    [{ cidrBlock: "10.0.0.0/8" }, /PrivateNetwork bad: the VPC block 10\.0\.0\.0\/8 must be a \/16 to \/24/],
    [{ flowLogRetentionDays: 10 }, /flowLogRetentionDays 10 is not one of/],
    [{ extraEndpointServices: ["no such"] }, /not VPC endpoint service names: no such/],
  ])("refuses %j before creating anything", (args, message) => {
    expect(() => new PrivateNetwork("bad", { flowLogKmsKeyArn: KEY, ...args })).toThrow(message);
  });
});
