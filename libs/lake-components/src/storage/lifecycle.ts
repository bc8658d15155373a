// S3 lifecycle rules per layer, and their validation against S3's day rules (S3 API reference: Transition,
// NoncurrentVersionExpiration, AbortIncompleteMultipartUpload; user guide: "Transitioning objects using
// Amazon S3 Lifecycle"). Pure: the component only hands the rules to aws.s3.BucketLifecycleConfiguration.
import type { LakeLayer } from "../naming.js";

/**
 * The archive class for old bronze objects. Glacier Instant Retrieval is the default: a backfill reads old
 * bronze days directly, in milliseconds, without a restore job first; Spark and Athena cannot read Glacier
 * Flexible Retrieval (`GLACIER`) or Deep Archive objects until they are restored. Both Glacier classes bill a
 * 90-day minimum, so archiving earlier than 90 days after creation only costs more.
 */
export type ArchiveStorageClass = "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";

/** Lifecycle settings of a bucket. `null` turns a layer default off. */
export interface LifecycleSettings {
  /** Days after which an unfinished multipart upload is aborted (its parts are billed until then). Defaults to 7. */
  readonly abortIncompleteMultipartUploadDays?: number;
  /** Days a version stays after it stops being current. Defaults to 30. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days after creation to move objects to S3 Intelligent-Tiering. Defaults to 30 for bronze, off otherwise. */
  readonly intelligentTieringDays?: number | null;
  /** Days after creation to move objects to `archiveStorageClass`. Defaults to 90 for bronze, off otherwise. */
  readonly archiveDays?: number | null;
  /** Defaults to `GLACIER_IR` (see {@link ArchiveStorageClass} for why). */
  readonly archiveStorageClass?: ArchiveStorageClass;
  /** Days after creation to delete current objects. Defaults to off: the lake keeps its data. */
  readonly expirationDays?: number | null;
}

export interface ResolvedLifecycle {
  readonly abortIncompleteMultipartUploadDays: number;
  readonly noncurrentVersionExpirationDays: number;
  readonly intelligentTieringDays: number | null;
  readonly archiveDays: number | null;
  readonly archiveStorageClass: ArchiveStorageClass;
  readonly expirationDays: number | null;
}

const COMMON_DEFAULTS = {
  abortIncompleteMultipartUploadDays: 7,
  noncurrentVersionExpirationDays: 30,
  archiveStorageClass: "GLACIER_IR",
  expirationDays: null,
} as const;

/** The defaults of each layer: bronze (raw, rarely reread) tiers and archives; silver and gold stay hot. */
export const LAYER_LIFECYCLE_DEFAULTS: Readonly<Record<LakeLayer, ResolvedLifecycle>> = {
  bronze: { ...COMMON_DEFAULTS, intelligentTieringDays: 30, archiveDays: 90 },
  silver: { ...COMMON_DEFAULTS, intelligentTieringDays: null, archiveDays: null },
  gold: { ...COMMON_DEFAULTS, intelligentTieringDays: null, archiveDays: null },
};

/** Applies each layer default once: a field given (even `null`) wins. */
export function resolveLifecycle(layer: LakeLayer, settings: LifecycleSettings = {}): ResolvedLifecycle {
  const d = LAYER_LIFECYCLE_DEFAULTS[layer];
  return {
    abortIncompleteMultipartUploadDays:
      settings.abortIncompleteMultipartUploadDays ?? d.abortIncompleteMultipartUploadDays,
    noncurrentVersionExpirationDays:
      settings.noncurrentVersionExpirationDays ?? d.noncurrentVersionExpirationDays,
    intelligentTieringDays:
      settings.intelligentTieringDays === undefined
        ? d.intelligentTieringDays
        : settings.intelligentTieringDays,
    archiveDays: settings.archiveDays === undefined ? d.archiveDays : settings.archiveDays,
    archiveStorageClass: settings.archiveStorageClass ?? d.archiveStorageClass,
    expirationDays: settings.expirationDays === undefined ? d.expirationDays : settings.expirationDays,
  };
}

const isWhole = (n: number, min: number) => Number.isInteger(n) && n >= min;

/**
 * What S3 would reject (or what would silently never happen), one message per problem, naming the field.
 * Transition days to INTELLIGENT_TIERING and the Glacier classes may be 0; AbortIncompleteMultipartUpload,
 * NoncurrentDays and Expiration days must be positive; transitions follow S3's waterfall (Intelligent-Tiering
 * before Glacier), and objects must not expire before they are transitioned.
 */
export function lifecycleErrors(l: ResolvedLifecycle): string[] {
  const errors: string[] = [];
  if (!isWhole(l.abortIncompleteMultipartUploadDays, 1)) {
    errors.push(
      `abortIncompleteMultipartUploadDays must be a whole number ≥ 1, got ${l.abortIncompleteMultipartUploadDays}`,
    );
  }
  if (!isWhole(l.noncurrentVersionExpirationDays, 1)) {
    errors.push(
      `noncurrentVersionExpirationDays must be a whole number ≥ 1, got ${l.noncurrentVersionExpirationDays}`,
    );
  }
  if (l.intelligentTieringDays !== null && !isWhole(l.intelligentTieringDays, 0)) {
    errors.push(`intelligentTieringDays must be a whole number ≥ 0, got ${l.intelligentTieringDays}`);
  }
  if (l.archiveDays !== null && !isWhole(l.archiveDays, 0)) {
    errors.push(`archiveDays must be a whole number ≥ 0, got ${l.archiveDays}`);
  }
  if (l.expirationDays !== null && !isWhole(l.expirationDays, 1)) {
    errors.push(`expirationDays must be a whole number ≥ 1, got ${l.expirationDays}`);
  }
  if (
    l.intelligentTieringDays !== null &&
    l.archiveDays !== null &&
    l.archiveDays <= l.intelligentTieringDays
  ) {
    errors.push(
      `archiveDays (${l.archiveDays}) must be greater than intelligentTieringDays (${l.intelligentTieringDays}): ` +
        "S3 moves objects from Intelligent-Tiering down to Glacier, never back",
    );
  }
  const lastTransition = Math.max(l.intelligentTieringDays ?? -1, l.archiveDays ?? -1);
  if (l.expirationDays !== null && lastTransition >= 0 && l.expirationDays <= lastTransition) {
    errors.push(
      `expirationDays (${l.expirationDays}) must be greater than the last transition (${lastTransition} days): ` +
        "S3 rejects an expiration that is not after the rule's transitions",
    );
  }
  return errors;
}

/** The shape of aws.s3.BucketLifecycleConfiguration rules, with plain values. */
export interface LifecycleRule {
  readonly id: string;
  readonly status: "Enabled";
  readonly filter: { readonly prefix?: string };
  readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
  readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
  readonly expiration?: { readonly days?: number; readonly expiredObjectDeleteMarker?: boolean };
  readonly transitions?: { readonly days: number; readonly storageClass: string }[];
}

/** The rules for a valid resolved lifecycle (call {@link lifecycleErrors} first). */
export function lifecycleRules(l: ResolvedLifecycle): LifecycleRule[] {
  const rules: LifecycleRule[] = [
    {
      id: "abort-incomplete-multipart-uploads",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: l.abortIncompleteMultipartUploadDays },
    },
    {
      // Removing the delete markers left once every older version has expired keeps listings fast.
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: l.noncurrentVersionExpirationDays },
      expiration: { expiredObjectDeleteMarker: true },
    },
  ];
  const transitions = [
    ...(l.intelligentTieringDays === null
      ? []
      : [{ days: l.intelligentTieringDays, storageClass: "INTELLIGENT_TIERING" }]),
    ...(l.archiveDays === null ? [] : [{ days: l.archiveDays, storageClass: l.archiveStorageClass }]),
  ];
  if (transitions.length > 0 || l.expirationDays !== null) {
    rules.push({
      id: "tier-and-expire-current-versions",
      status: "Enabled",
      filter: {},
      ...(transitions.length > 0 ? { transitions } : {}),
      ...(l.expirationDays === null ? {} : { expiration: { days: l.expirationDays } }),
    });
  }
  return rules;
}
