import type { PrincipalRef } from "@lake/lake-components";

/** How a principal of the model is named in `principals`. */
export function principalRefLabel(ref: PrincipalRef): string {
  switch (ref.kind) {
    case "arn":
      return "arn";
    case "service-role":
      return `role:${ref.service}`;
    case "account":
      return "account";
    case "job-role":
      return `job:${ref.job}:${ref.dataset}`;
  }
}
