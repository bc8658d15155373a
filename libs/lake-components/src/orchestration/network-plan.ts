// The private network of an MWAA environment, as pure data: the subnets' address ranges and the VPC endpoints
// that stand in for a NAT gateway.

/**
 * The services an MWAA environment reaches through interface endpoints in a VPC without internet access (MWAA
 * user guide, "Creating the required VPC service endpoints in an Amazon VPC with private routing"): CloudWatch
 * metrics and logs, ECR (its images), SQS (Celery), KMS, and Airflow's own API, environment and operations
 * endpoints. S3 is reached through a gateway endpoint instead (no hourly charge).
 */
export const MWAA_INTERFACE_ENDPOINT_SERVICES = [
  "monitoring",
  "ecr.dkr",
  "ecr.api",
  "logs",
  "sqs",
  "kms",
  "airflow.api",
  "airflow.env",
  "airflow.ops",
] as const;

/** `com.amazonaws.<region>.<service>`, the service name CreateVpcEndpoint takes. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/** MWAA's interface endpoints plus `extra` (what the DAGs call, such as `glue`), each once, in that order. */
export function interfaceEndpointServices(extra: readonly string[] = []): string[] {
  const bad = extra.filter((s) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(s));
  if (bad.length > 0) {
    throw new Error(`not VPC endpoint service names: ${bad.join(", ")} (expected e.g. glue or ecr.api)`);
  }
  return [...new Set([...MWAA_INTERFACE_ENDPOINT_SERVICES, ...extra])];
}

function ipv4ToInt(address: string, cidr: string): number {
  const parts = address.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`"${cidr}" is not an IPv4 CIDR block such as 10.192.0.0/16`);
  }
  return parts.reduce((n, p) => n * 256 + p, 0);
}

const intToIpv4 = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/** The smallest and largest VPC the network accepts: AWS allows /16 to /28, MWAA's workers need room. */
export const VPC_PREFIX_RANGE = { min: 16, max: 24 } as const;

/**
 * The first `count` subnets of `vpcCidr`, each `subnetBits` longer than the VPC's prefix (a /16 gives /20s of
 * 4,096 addresses: MWAA takes an address per worker, scheduler and web server, and the interface endpoints one
 * per subnet each). The VPC block must be a network address.
 */
export function subnetCidrs(vpcCidr: string, count: number, subnetBits = 4): string[] {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(vpcCidr);
  if (!match) throw new Error(`"${vpcCidr}" is not an IPv4 CIDR block such as 10.192.0.0/16`);
  const base = ipv4ToInt(match[1] as string, vpcCidr);
  const prefix = Number(match[2]);
  if (prefix < VPC_PREFIX_RANGE.min || prefix > VPC_PREFIX_RANGE.max) {
    throw new Error(
      `the VPC block ${vpcCidr} must be a /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}, got /${prefix}`,
    );
  }
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    throw new Error(
      `${vpcCidr} is not a network address: the block starts at ${intToIpv4(base - (base % size))}`,
    );
  }
  const subnetPrefix = prefix + subnetBits;
  if (count > 2 ** subnetBits || subnetPrefix > 28) {
    throw new Error(`${vpcCidr} cannot hold ${count} subnets of /${subnetPrefix}`);
  }
  const subnetSize = 2 ** (32 - subnetPrefix);
  return Array.from({ length: count }, (_, i) => `${intToIpv4(base + i * subnetSize)}/${subnetPrefix}`);
}
