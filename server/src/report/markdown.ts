// A pull-request comment: counts by severity and a table of findings, capped so the comment stays
// readable on a large first scan.

import { plainText } from "./markdown-text.ts";
import type { Severity } from "../engine/types.ts";
import { activeFindings, type ScanReport } from "./model.ts";

const ICON: Readonly<Record<Severity, string>> = { error: "🔴 error", warning: "🟠 warning", note: "🔵 note" };
const MAX_ROWS = 50;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function formatMarkdown(report: ScanReport): string {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of activeFindings(report)) counts[f.severity]++;
  const out = ["## Sterile firmware security scan", ""];
  if (activeFindings(report).length === 0) {
    out.push(`No findings in ${report.files.length} files.`);
  } else {
    out.push(`**${activeFindings(report).length} findings** in ${report.files.length} files: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes.`, "");
    out.push("| Severity | Rule | Location | Message |", "|---|---|---|---|");
    for (const f of activeFindings(report).slice(0, MAX_ROWS)) {
      out.push(`| ${ICON[f.severity]} | \`${f.ruleId}\` | \`${cell(f.path)}:${f.range.startPosition.line + 1}\` | ${cell(plainText(f.message))} |`);
    }
    if (activeFindings(report).length > MAX_ROWS) out.push("", `…and ${activeFindings(report).length - MAX_ROWS} more (see the SARIF or JSON report).`);
  }
  if (report.skipped.length > 0) out.push("", `${report.skipped.length} files skipped (binary, too large or unreadable).`);
  return `${out.join("\n")}\n`;
}
