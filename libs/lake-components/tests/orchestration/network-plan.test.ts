import { describe, expect, it } from "vitest";
import {
  endpointServiceName,
  interfaceEndpointServices,
  MWAA_INTERFACE_ENDPOINT_SERVICES,
  subnetCidrs,
} from "../../src/orchestration/network-plan.js";

describe("subnetCidrs", () => {
  it.each([
    ["10.192.0.0/16", 2, ["10.192.0.0/20", "10.192.16.0/20"]],
    ["172.16.64.0/18", 2, ["172.16.64.0/22", "172.16.68.0/22"]],
    ["10.0.0.0/24", 2, ["10.0.0.0/28", "10.0.0.16/28"]],
    ["10.1.0.0/16", 3, ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/20"]],
  ])("%s into %i", (cidr, count, expected) => expect(subnetCidrs(cidr, count)).toEqual(expected));

  it.each([
    ["10.192.0.0", /not an IPv4 CIDR block/],
    ["10.300.0.0/16", /not an IPv4 CIDR block/],
    ["10.0.0.0/8", /must be a \/16 to \/24, got \/8/],
    ["10.0.0.0/26", /must be a \/16 to \/24, got \/26/],
    ["10.192.1.0/16", /not a network address: the block starts at 10\.192\.0\.0/],
  ])("refuses %s", (cidr, message) => expect(() => subnetCidrs(cidr, 2)).toThrow(message));

  it("refuses more subnets than the block holds", () => {
    expect(() => subnetCidrs("10.0.0.0/16", 17)).toThrow(/cannot hold 17 subnets of \/20/);
  });
});

describe("VPC endpoint services", () => {
  it("names a service as CreateVpcEndpoint does", () => {
    expect(endpointServiceName("eu-west-1", "airflow.env")).toBe("com.amazonaws.eu-west-1.airflow.env");
  });

  it("adds what the DAGs call to MWAA's own endpoints, each once", () => {
    expect(interfaceEndpointServices(["glue", "logs"])).toEqual([
      ...MWAA_INTERFACE_ENDPOINT_SERVICES,
      "glue",
    ]);
    expect(MWAA_INTERFACE_ENDPOINT_SERVICES).toEqual(
      expect.arrayContaining([
        "sqs",
        "kms",
        "logs",
        "monitoring",
        "airflow.api",
        "airflow.env",
        "airflow.ops",
      ]),
    );
  });

  it("refuses a service name that is not one", () => {
    expect(() => interfaceEndpointServices(["com.amazonaws.eu-west-1.glue", "Glue!"])).toThrow(/Glue!/);
  });
});
