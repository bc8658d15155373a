export * from "./model.js";
export { renderWireValue, sortKeysDeep, digestString, MAX_INLINE_STRING } from "./render-value.js";
export {
  createPlanMocks,
  mockResourceState,
  renderPolicyDocument,
  stableSuffix,
  PLAN_ACCOUNT_ID,
} from "./mocks.js";
export { evaluateStack, PlanEvaluationError, type EvaluateOptions } from "./evaluate.js";
export { planToJson, planToMarkdown, parsePlanJson, datasetOfResources } from "./plan-writer.js";
export { diffPlans, diffValues, renderDiffMarkdown, isEmptyDiff } from "./diff.js";
export type { StackDiff, ResourceChange, ValueChange } from "./diff.js";
export { planApp, upstreamOutputsFrom, planFileName, type PlanAppOptions } from "./plan-app.js";
export {
  readPulumiProject,
  readStackConfig,
  stackConfigFromDocument,
  parseStackName,
} from "./pulumi-project.js";
export { findWorkspaceRoot, discoverPulumiApps, orderByDependencies } from "./workspace.js";
export { planWildcardGrants, policyDocumentsIn, type PolicyFinding } from "./policy.js";
