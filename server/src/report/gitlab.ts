// GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format

import type { Severity } from "../engine/types.ts";
import { activeFindings, type ScanReport } from "./model.ts";

const SEVERITY: Readonly<Record<Severity, string>> = { error: "critical", warning: "major", note: "minor" };

export function buildGitlab(report: ScanReport) {
  return activeFindings(report).map((f) => ({
    description: f.message,
    check_name: f.ruleId,
    fingerprint: `${f.ruleId}:${f.fingerprint}`,
    severity: SEVERITY[f.severity],
    categories: ["Security"],
    location: { path: f.path, lines: { begin: f.range.startPosition.line + 1, end: f.range.endPosition.line + 1 } },
  }));
}

export function formatGitlab(report: ScanReport): string {
  return `${JSON.stringify(buildGitlab(report), null, 2)}\n`;
}
