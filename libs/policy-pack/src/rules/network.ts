import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../policy.js";
import { isNamed, ofType } from "../stack-resources.js";

export const vpcFlowLogs = stackPolicy({
  name: "vpc-flow-logs",
  description: "Every VPC has a flow log (aws.ec2.FlowLog with its vpcId).",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-VPC7", "VPCFlowLogsEnabled"],
  reads: [aws.ec2.Vpc, aws.ec2.FlowLog],
  validateStack: (args, report) => {
    const flowLogVpcs = ofType(args.resources, aws.ec2.FlowLog).map((f) => f.props["vpcId"] as unknown);
    for (const vpc of ofType(args.resources, aws.ec2.Vpc)) {
      // A VPC's id is AWS's, not a name: in a real preview it is unknown until the VPC exists (the rule then
      // cannot decide), the offline mocks derive it from the logical name like an auto-name.
      if (!flowLogVpcs.some((id) => isNamed(vpc, id, "id"))) {
        report(`VPC ${vpc.name} has no flow log, so its traffic cannot be audited`, vpc.urn);
      }
    }
  },
});

const OPEN_IPV4 = "0.0.0.0/0";
const OPEN_IPV6 = "::/0";

function openTo(cidrs: readonly (string | undefined)[] | undefined): string[] {
  return (cidrs ?? []).filter((c): c is string => c === OPEN_IPV4 || c === OPEN_IPV6);
}

export const ec2SecurityGroupNoPublicIngress = resourcePolicy({
  name: "ec2-security-group-no-public-ingress",
  description: "No security group rule admits traffic from anywhere (0.0.0.0/0 or ::/0).",
  enforcementLevel: "mandatory",
  nagIds: ["AwsSolutions-EC23", "cfn_nag W2"],
  validateResource: [
    validateResourceOfType(aws.ec2.SecurityGroup, (group, _args, report) => {
      for (const rule of group.ingress ?? []) {
        const open = [...openTo(rule.cidrBlocks), ...openTo(rule.ipv6CidrBlocks)];
        if (open.length > 0)
          report(`admits ${rule.protocol} ${rule.fromPort}-${rule.toPort} from ${open.join(", ")}`);
      }
    }),
    validateResourceOfType(aws.ec2.SecurityGroupRule, (rule, args, report) => {
      if (rule.type !== "ingress") args.notApplicable("an egress rule");
      const open = [...openTo(rule.cidrBlocks), ...openTo(rule.ipv6CidrBlocks)];
      if (open.length > 0)
        report(`admits ${rule.protocol} ${rule.fromPort}-${rule.toPort} from ${open.join(", ")}`);
    }),
    validateResourceOfType(aws.vpc.SecurityGroupIngressRule, (rule, _args, report) => {
      const open = openTo([rule.cidrIpv4, rule.cidrIpv6]);
      if (open.length > 0) report(`admits ${rule.ipProtocol} from ${open.join(", ")}`);
    }),
  ],
});

export const networkPolicies = [vpcFlowLogs, ec2SecurityGroupNoPublicIngress];
