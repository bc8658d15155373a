// How a value the engine cannot know yet reaches a policy. During `pulumi preview` the engine sends an unknown
// property as a sentinel string; @pulumi/policy's analyzer server wraps every resource's properties in
// `unknownCheckingProxy`, so reading such a property throws `UnknownValueError`, and the server reports the policy
// as an advisory "can't run ... during preview" instead of letting it pass. Both live in the package's `proxy`
// module, whose type declarations are stripped of them; the offline runner loads them here, once, so that it
// wraps properties exactly like the server does.
import { createRequire } from "node:module";

interface PolicyProxyModule {
  unknownCheckingProxy<T extends object>(value: T): T;
  UnknownValueError: new (...args: never[]) => Error;
  unknownStringValue: string;
}

const proxyModule = createRequire(import.meta.url)("@pulumi/policy/proxy") as PolicyProxyModule;

/** What the engine sends for a value that is unknown during preview. */
export const UNKNOWN_VALUE: string = proxyModule.unknownStringValue;

/** `props` as the analyzer server hands them to a policy: reading an unknown value throws. */
export function unknownChecking<T extends object>(props: T): T {
  return proxyModule.unknownCheckingProxy(props);
}

/** Whether `err` is the error a policy gets when it reads a value that is unknown during preview. */
export function isUnknownValueError(err: unknown): err is Error {
  return err instanceof proxyModule.UnknownValueError;
}
