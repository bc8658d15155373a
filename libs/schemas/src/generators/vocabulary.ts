// The closed vocabularies of contract.json as data (`dist/schemas/vocabulary.json`), so readers in another
// language check their constants against these instead of copying them by hand. Every value comes from an
// exported constant of this package.
import {
  AUDIT_KINDS,
  AUDIT_PREFIX,
  CLASSIFICATIONS,
  COMPARISON_OPERATORS,
  DURATION_TOLERANCE,
  DURATION_UNIT_SECONDS,
  DURATION_UNITS,
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
  readonly derived: readonly string[];
  readonly level: RuleLevel;
  readonly optional: readonly string[];
  readonly required: readonly string[];
}

/** Keys in alphabetical order at every level; lists in the order the constants declare them. */
export interface ContractVocabulary {
  readonly auditKinds: readonly string[];
  readonly auditPrefix: string;
  readonly classifications: readonly string[];
  /** A compare rule's operators, in Spark SQL spelling. */
  readonly comparisonOperators: readonly string[];
  readonly contractVersion: number;
  /** A duration rule's tolerance, in its unit. */
  readonly durationTolerance: number;
  /** Each duration unit, in the order declared, with its length in seconds. */
  readonly durationUnits: readonly { readonly seconds: number; readonly unit: string }[];
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
      return [
        kind,
        {
          derived: [...spec.derived],
          level: spec.level,
          optional: [...spec.optional],
          required: [...spec.required],
        },
      ];
    }),
  ) as Record<RuleKind, RuleKindVocabulary>;
  return {
    auditKinds: [...AUDIT_KINDS],
    auditPrefix: AUDIT_PREFIX,
    classifications: [...CLASSIFICATIONS],
    comparisonOperators: [...COMPARISON_OPERATORS],
    contractVersion: CONTRACT_VERSION,
    durationTolerance: DURATION_TOLERANCE,
    durationUnits: DURATION_UNITS.map((unit) => ({ seconds: DURATION_UNIT_SECONDS[unit], unit })),
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
