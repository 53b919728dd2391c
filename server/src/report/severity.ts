import { SEVERITY_RANK, type Severity } from "../engine/types.ts";

export type FailOn = Severity | "none";

/** Whether a finding of this severity fails the run under `--fail-on`. */
export function failsRun(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "none" && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
