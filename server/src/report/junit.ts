// JUnit XML for CI systems that show test reports: one test case per scanned file; a file with
// findings fails, its failure listing them.

import { activeFindings, type ReportedFinding, type ScanReport } from "./model.ts";

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

export function formatJunit(report: ScanReport): string {
  const byPath = new Map<string, ReportedFinding[]>();
  for (const finding of activeFindings(report)) {
    const list = byPath.get(finding.path) ?? [];
    list.push(finding);
    byPath.set(finding.path, list);
  }
  const cases = report.files.map((file) => {
    const findings = byPath.get(file.path) ?? [];
    if (findings.length === 0) return `    <testcase classname="sterile" name="${xml(file.path)}"/>`;
    const body = findings
      .map((f) => `${f.path}:${f.range.startPosition.line + 1}:${f.range.startPosition.character + 1} ${f.severity} ${f.ruleId} ${f.message}`)
      .join("\n");
    return [
      `    <testcase classname="sterile" name="${xml(file.path)}">`,
      `      <failure type="${xml(findings[0]!.ruleId)}" message="${findings.length} finding${findings.length === 1 ? "" : "s"}">${xml(body)}</failure>`,
      "    </testcase>",
    ].join("\n");
  });
  const skipped = report.skipped.map(
    (s) => `    <testcase classname="sterile" name="${xml(s.path)}">\n      <skipped message="${xml(`${s.reason}: ${s.detail}`)}"/>\n    </testcase>`,
  );
  const failures = [...byPath.keys()].length;
  const tests = report.files.length + report.skipped.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sterile" tests="${tests}" failures="${failures}" skipped="${report.skipped.length}">`,
    `  <testsuite name="sterile" tests="${tests}" failures="${failures}" skipped="${report.skipped.length}" errors="0" timestamp="${xml(report.startedAt.replace(/Z$/, ""))}">`,
    ...cases,
    ...skipped,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
