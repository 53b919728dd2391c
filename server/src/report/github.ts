// GitHub Actions workflow commands: each finding annotates the pull request diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

import type { Severity } from "../engine/types.ts";
import { activeFindings, type ScanReport } from "./model.ts";

const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", note: "notice" };

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(report: ScanReport): string {
  const lines = activeFindings(report).map((f) => {
    const props = [
      `file=${escapeProperty(f.path)}`,
      `line=${f.range.startPosition.line + 1}`,
      `endLine=${f.range.endPosition.line + 1}`,
      ...(f.range.startPosition.line === f.range.endPosition.line
        ? [`col=${f.range.startPosition.character + 1}`, `endColumn=${f.range.endPosition.character + 1}`]
        : []),
      `title=${escapeProperty(`sterile ${f.ruleId}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(f.message)}`;
  });
  for (const skip of report.skipped) lines.push(`::notice file=${escapeProperty(skip.path)},title=sterile skipped::${escapeData(`${skip.reason}: ${skip.detail}`)}`);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
