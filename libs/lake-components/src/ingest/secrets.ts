// A Secrets Manager secret the lake reads but does not own (credentials are put there by their owners), named in
// stack config by ARN or by name.

/**
 * The ARN to grant on. An ARN is used as given; a name gets the 6 random characters Secrets Manager appends to
 * every secret's ARN matched with `??????` (Secrets Manager user guide, "Permissions policy examples": a name
 * alone would also match other secrets that start with it).
 */
export function secretPolicyArn(
  secret: string,
  ctx: { readonly partition: string; readonly region: string; readonly accountId: string },
): string {
  if (secret.startsWith("arn:")) return secret;
  return `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${secret}-??????`;
}

/** Secret names Secrets Manager accepts (CreateSecret Name), or an ARN of a secret. */
export function secretReferenceProblems(secret: string): string[] {
  if (secret.startsWith("arn:")) {
    return /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/.test(secret)
      ? []
      : [`"${secret}" is not a Secrets Manager secret ARN`];
  }
  return /^[A-Za-z0-9/_+=.@-]{1,512}$/.test(secret)
    ? []
    : [`"${secret}" is not a secret name (1-512 letters, digits and /_+=.@-)`];
}
