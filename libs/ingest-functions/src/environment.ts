// What the functions read from their Lambda environment, checked once at cold start with errors that name the
// variable, and the AWS SDK client settings shared by both functions.

/** A required environment variable; the error names it. */
export function requiredVariable(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === "") throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** A required environment variable holding JSON; the error names it and says what is wrong. */
export function jsonVariable(env: NodeJS.ProcessEnv, name: string): unknown {
  const text = requiredVariable(env, name);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`environment variable ${name} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Client settings for the AWS SDK. In Lambda nothing is set and the SDK uses the regional endpoints; a test (or
 * a local emulator) sets AWS_ENDPOINT_URL, which is then addressed path-style, as emulators on one host need.
 */
export function awsClientConfig(env: NodeJS.ProcessEnv = process.env): {
  endpoint?: string;
  forcePathStyle?: boolean;
} {
  const endpoint = env["AWS_ENDPOINT_URL"];
  return endpoint ? { endpoint, forcePathStyle: true } : {};
}
