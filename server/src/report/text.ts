// Human output: `path:line:col  severity  rule-id  message`, a code frame with secrets masked, and
// a summary. Colour only when the caller says the stream is a terminal and NO_COLOR is unset.

import { createColors } from "picocolors";
import type { Severity } from "../engine/types.ts";
import { activeFindings, suppressedFindings, type ScanReport } from "./model.ts";

export interface TextOptions {
  readonly color: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function formatText(report: ScanReport, options: TextOptions): string {
  const c = createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, note: c.cyan };
  const out: string[] = [];
  for (const finding of activeFindings(report)) {
    const { line, character } = finding.range.startPosition;
    out.push(
      `${c.bold(`${finding.path}:${line + 1}:${character + 1}`)}  ${paint[finding.severity](finding.severity)}  ${c.dim(finding.ruleId)}  ${finding.message}`,
    );
    const width = String(finding.frame.firstLine + finding.frame.lines.length).length;
    finding.frame.lines.forEach((text, i) => {
      const lineNo = finding.frame.firstLine + i;
      const inside = lineNo >= finding.range.startPosition.line && lineNo <= finding.range.endPosition.line;
      out.push(`  ${inside ? c.red(">") : " "} ${c.dim(String(lineNo + 1).padStart(width))} | ${text}`);
      if (lineNo === finding.range.startPosition.line) {
        const end = finding.range.endPosition.line === lineNo ? finding.range.endPosition.character : text.length;
        const caretCount = Math.max(1, Math.min(end, text.length) - character);
        out.push(`    ${" ".repeat(width)} | ${" ".repeat(character)}${paint[finding.severity]("^".repeat(caretCount))}`);
      }
    });
    for (const related of finding.related) {
      out.push(`    ${c.dim(`related: ${related.path}:${related.range.startPosition.line + 1}:${related.range.startPosition.character + 1} ${related.message}`)}`);
    }
    out.push("");
  }
  for (const skip of report.skipped) out.push(c.dim(`skipped ${skip.path}: ${skip.reason} (${skip.detail})`));
  for (const failure of report.failures) out.push(c.red(`internal error in rule ${failure.ruleId} on ${failure.path}: ${failure.message}`));
  const counts = { error: 0, warning: 0, note: 0 };
  for (const finding of activeFindings(report)) counts[finding.severity]++;
  const summary =
    activeFindings(report).length === 0
      ? `No findings in ${plural(report.files.length, "file")}`
      : `${plural(activeFindings(report).length, "finding")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")}) in ${plural(report.files.length, "file")} scanned`;
  const suppressed = suppressedFindings(report).length;
  const extras = [suppressed > 0 ? `${suppressed} suppressed with a justification` : "", report.baseline ? `${report.baseline.matched} matched the baseline` : "", report.skipped.length > 0 ? `${report.skipped.length} skipped` : "", report.failures.length > 0 ? plural(report.failures.length, "internal error") : ""].filter(Boolean);
  out.push(c.bold(extras.length > 0 ? `${summary}; ${extras.join(", ")}` : summary));
  return `${out.join("\n")}\n`;
}
