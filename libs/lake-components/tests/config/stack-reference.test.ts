import { describe, expect, it } from "vitest";
import { requireStackOutputs } from "../../src/index.js";
import { finishMocks, resolve, startMocks } from "../../src/testing/index.js";

describe("requireStackOutputs", () => {
  it("reads each named output of the stack", async () => {
    await startMocks({
      project: "infra-silver",
      stack: "dev",
      upstream: {
        "organization/infra-bronze/dev": { bronzeBucketName: "lake-dev-bronze", kmsKeyArn: "arn:k" },
      },
    });
    const outputs = requireStackOutputs("organization/infra-bronze/dev", ["bronzeBucketName", "kmsKeyArn"]);
    expect(Object.keys(outputs)).toEqual(["bronzeBucketName", "kmsKeyArn"]);
    expect(await resolve(outputs.bronzeBucketName)).toBe("lake-dev-bronze");
    expect(await resolve(outputs.kmsKeyArn)).toBe("arn:k");
    await finishMocks();
  });
});
