// Machine output for scripts: one JSON document, described by schema/sterile-report.schema.json.
// Positions are one-based (lines and UTF-16 columns), like the text and SARIF outputs.

import type { Suppression } from "../engine/suppressions.ts";
import type { TextRange } from "../engine/types.ts";
import { activeFindings, listedFindings, suppressedFindings, type ScanReport } from "./model.ts";

export const JSON_REPORT_VERSION = 1;

function position(range: TextRange) {
  return {
    line: range.startPosition.line + 1,
    column: range.startPosition.character + 1,
    endLine: range.endPosition.line + 1,
    endColumn: range.endPosition.character + 1,
  };
}

function suppressionJson(suppression: Suppression) {
  return {
    kind: suppression.kind,
    status: suppression.status,
    form: suppression.form,
    justification: suppression.justification,
    ...(suppression.until ? { until: suppression.until } : {}),
    ...(suppression.by ? { by: suppression.by } : {}),
    location: { path: suppression.location.path, line: suppression.location.line + 1 },
    ...(suppression.pattern ? { pattern: suppression.pattern } : {}),
  };
}

export function buildJsonReport(report: ScanReport) {
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  const counts = { error: 0, warning: 0, note: 0 };
  for (const finding of activeFindings(report)) counts[finding.severity]++;
  return {
    version: JSON_REPORT_VERSION,
    tool: report.tool,
    parser: report.parser,
    commandLine: report.commandLine,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ...(report.baseline ? { baseline: { file: report.baseline.file, matched: report.baseline.matched } } : {}),
    summary: {
      filesScanned: report.files.length,
      filesParsed: report.parsedCount ?? report.files.length,
      findings: activeFindings(report).length,
      ...counts,
      suppressed: suppressedFindings(report).length,
      skipped: report.skipped.length,
      internalErrors: report.failures.length,
    },
    findings: listedFindings(report).map((finding) => {
      const rule = rules.get(finding.ruleId);
      return {
        ruleId: finding.ruleId,
        family: rule?.family ?? "unknown",
        severity: finding.severity,
        message: finding.message,
        path: finding.path,
        ...position(finding.range),
        cwe: rule ? [...rule.cwe] : [],
        fingerprint: finding.fingerprint,
        related: finding.related.map((r) => ({ path: r.path, ...position(r.range), message: r.message })),
        fixes: finding.fixes.map((fix) => ({
          title: fix.title,
          safety: fix.safety,
          edits: fix.edits.map((edit) => ({ start: edit.start, end: edit.end, newText: edit.newText })),
        })),
        ...(finding.suppression ? { suppression: suppressionJson(finding.suppression) } : {}),
      };
    }),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason, detail: s.detail })),
    internalErrors: report.failures.map((f) => ({ ruleId: f.ruleId, path: f.path, message: f.message })),
  };
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(buildJsonReport(report), null, 2)}\n`;
}
