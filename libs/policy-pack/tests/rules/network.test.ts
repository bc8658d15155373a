import { ec2SecurityGroupNoPublicIngress, vpcFlowLogs } from "../../src/rules/network.js";
import { describeRule, resource, set, setIn, UNKNOWN } from "../helpers.js";

const vpcStack = [
  resource("aws:ec2/vpc:Vpc", "airflow-vpc", { cidrBlock: "10.0.0.0/16" }),
  resource("aws:ec2/flowLog:FlowLog", "airflow-vpc-flow-log", {
    vpcId: "airflow-vpc-0a1b2c3",
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
  }),
];

describeRule({
  policy: vpcFlowLogs,
  valid: vpcStack,
  violations: [
    [
      "a VPC without flow log",
      setIn("airflow-vpc-flow-log", "vpcId", undefined),
      /VPC airflow-vpc has no flow log/,
    ],
    [
      "a flow log of another VPC",
      setIn("airflow-vpc-flow-log", "vpcId", "vpc-0123456789abcdef0"),
      /VPC airflow-vpc has no flow log/,
    ],
  ],
  unknown: setIn("airflow-vpc-flow-log", "vpcId", UNKNOWN),
});

const group = resource("aws:ec2/securityGroup:SecurityGroup", "airflow-sg", {
  vpcId: "vpc-1",
  ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
  egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

describeRule({
  policy: ec2SecurityGroupNoPublicIngress,
  valid: group,
  violations: [
    [
      "ingress from anywhere",
      set("ingress[0].cidrBlocks", ["10.0.0.0/16", "0.0.0.0/0"]),
      /admits -1 0-0 from 0.0.0.0\/0/,
    ],
    ["ingress from any IPv6 address", set("ingress[0].ipv6CidrBlocks", ["::/0"]), /from ::\/0/],
  ],
  accepted: [["ingress from the VPC", set("ingress[0].cidrBlocks", ["10.0.0.0/16"])]],
  unknown: set("ingress", UNKNOWN),
});

describeRule({
  policy: ec2SecurityGroupNoPublicIngress,
  valid: resource("aws:ec2/securityGroupRule:SecurityGroupRule", "https-in", {
    type: "ingress",
    protocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrBlocks: ["10.0.0.0/16"],
    securityGroupId: "sg-1",
  }),
  violations: [
    ["a rule open to the world", set("cidrBlocks", ["0.0.0.0/0"]), /admits tcp 443-443 from 0.0.0.0\/0/],
  ],
  accepted: [
    ["an egress rule to the world", (r) => set("cidrBlocks", ["0.0.0.0/0"])(set("type", "egress")(r))],
  ],
  unknown: set("cidrBlocks", UNKNOWN),
});

describeRule({
  policy: ec2SecurityGroupNoPublicIngress,
  valid: resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "postgres-in", {
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
    referencedSecurityGroupId: "sg-2",
    securityGroupId: "sg-1",
  }),
  violations: [
    ["an IPv4 rule open to the world", set("cidrIpv4", "0.0.0.0/0"), /admits tcp from 0.0.0.0\/0/],
  ],
  unknown: set("cidrIpv6", UNKNOWN),
});
