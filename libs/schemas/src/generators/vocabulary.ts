// The closed vocabularies of contract.json as data (`dist/schemas/vocabulary.json`), so readers in another
// language check their constants against these instead of copying them by hand. Every value comes from an
// exported constant of this package.
import {
  AUDIT_KINDS,
  AUDIT_PREFIX,
  CLASSIFICATIONS,
  LANDING_LAYOUTS,
  LAYERS,
  MASKS,
  RULE_KINDS,
  SEVERITIES,
  SOURCE_FORMATS,
  SOURCE_KINDS,
  STANDARDIZERS,
  TABLE_FORMATS,
  type RuleKind,
  type RuleLevel,
} from "../types.js";
import { CONTRACT_VERSION } from "./contract-json.js";

export interface RuleKindVocabulary {
  readonly level: RuleLevel;
  readonly optional: readonly string[];
  readonly required: readonly string[];
}

/** Keys in alphabetical order at every level; lists in the order the constants declare them. */
export interface ContractVocabulary {
  readonly auditKinds: readonly string[];
  readonly auditPrefix: string;
  readonly classifications: readonly string[];
  readonly contractVersion: number;
  /** How a source's files are laid out in bronze (`source.layout`). */
  readonly landingLayouts: readonly string[];
  readonly layers: readonly string[];
  readonly masks: readonly string[];
  /** By kind, sorted: the keys a rule carries beyond `id`, `kind` and `severity`, and how it is judged. */
  readonly ruleKinds: Readonly<Record<RuleKind, RuleKindVocabulary>>;
  readonly severities: readonly string[];
  readonly sourceFormats: readonly string[];
  readonly sourceKinds: readonly string[];
  readonly standardizers: readonly string[];
  readonly tableFormats: readonly string[];
}

export function contractVocabulary(): ContractVocabulary {
  const kinds = (Object.keys(RULE_KINDS) as RuleKind[]).sort();
  const ruleKinds = Object.fromEntries(
    kinds.map((kind): [RuleKind, RuleKindVocabulary] => {
      const spec = RULE_KINDS[kind];
      return [kind, { level: spec.level, optional: [...spec.optional], required: [...spec.required] }];
    }),
  ) as Record<RuleKind, RuleKindVocabulary>;
  return {
    auditKinds: [...AUDIT_KINDS],
    auditPrefix: AUDIT_PREFIX,
    classifications: [...CLASSIFICATIONS],
    contractVersion: CONTRACT_VERSION,
    landingLayouts: [...LANDING_LAYOUTS],
    layers: [...LAYERS],
    masks: [...MASKS],
    ruleKinds,
    severities: [...SEVERITIES],
    sourceFormats: [...SOURCE_FORMATS],
    sourceKinds: [...SOURCE_KINDS],
    standardizers: [...STANDARDIZERS],
    tableFormats: [...TABLE_FORMATS],
  };
}
