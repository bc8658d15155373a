import { describe, expect, it } from "vitest";
import { MASK_KEY_LENGTH, MaskKeySecret } from "../../src/security/mask-key-secret.js";
import { resource, resolve, settled } from "../helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/lake";

describe("MaskKeySecret", async () => {
  const secret = new MaskKeySecret("dev-mask-key", { kmsKeyArn: KEY, tags: { layer: "silver" } });
  const arn = await resolve(secret.secretArn);
  await settled();

  it("keeps a generated key in a secret encrypted with the lake key", () => {
    const stored = resource("aws:secretsmanager/secret:Secret", "dev-mask-key-secret").inputs;
    expect(stored).toMatchObject({ kmsKeyId: KEY, recoveryWindowInDays: 30, tags: { layer: "silver" } });
    expect(arn).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret\/dev-mask-key-secret-/);
  });

  it("stores a random value long enough for the jobs' 32-byte minimum, with no special characters", () => {
    expect(resource("random:index/randomPassword:RandomPassword", "dev-mask-key-value").inputs).toMatchObject(
      {
        length: MASK_KEY_LENGTH,
        special: false,
      },
    );
    expect(MASK_KEY_LENGTH).toBeGreaterThanOrEqual(32);
    const version = resource("aws:secretsmanager/secretVersion:SecretVersion", "dev-mask-key-version").inputs;
    expect(String(version.secretString)).toHaveLength(MASK_KEY_LENGTH);
  });

  it.each([3, 31, 7.5])("refuses a recovery window of %s days", (days) => {
    expect(() => new MaskKeySecret(`bad-${days}`, { kmsKeyArn: KEY, recoveryWindowInDays: days })).toThrow(
      "recoveryWindowInDays must be a whole number from 7 to 30",
    );
  });
});
