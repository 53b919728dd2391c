// `sterile report --format markdown`: the evidence report as Markdown, for a design history file
// kept in a repository or a wiki. Same content as the HTML page, as plain tables.

import { plainText } from "./markdown-text.ts";
import { humanTime, type CountRow, type Evidence } from "./evidence.ts";

function cell(text: string | number): string {
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return text ? `\`${text.replace(/`/g, "'")}\`` : "";
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[], align?: readonly ("l" | "r")[]): string[] {
  const rule = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [`| ${header.map(cell).join(" | ")} |`, `| ${rule.join(" | ")} |`, ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`), ""];
}

function counts(title: string, rows: readonly CountRow[], keyHeader: string, showRules: boolean): string[] {
  if (rows.length === 0) return [];
  return [
    `### ${title}`,
    "",
    ...table(
      [keyHeader, "Title", ...(showRules ? ["Checked by"] : []), "Open", "Suppressed"],
      rows.map((r) => [r.key, r.title, ...(showRules ? [r.rules.join(", ")] : []), r.active, r.suppressed]),
      ["l", "l", ...(showRules ? (["l"] as const) : []), "r", "r"],
    ),
  ];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function formatEvidenceMarkdown(evidence: Evidence): string {
  const t = evidence.totals;
  const out: string[] = [
    `# Static analysis evidence: ${evidence.project}`,
    "",
    `Firmware security scan by ${evidence.tool.name} ${evidence.tool.version}, ${humanTime(evidence.generatedAt)}.`,
    "",
    `**${plural(t.files, "file")} scanned · ${plural(t.findings, "open finding")} (${t.bySeverity.error} error, ${t.bySeverity.warning} warning, ${t.bySeverity.note} note) · ${t.suppressed} suppressed (${plural(t.suppressions, "justified suppression")} recorded) · ${t.skipped} skipped · ${plural(t.internalErrors, "internal error")}**`,
    "",
    "## 1. Tool and configuration",
    "",
    ...table(
      ["", ""],
      [
        ["Tool", `${evidence.tool.name} ${evidence.tool.version}`],
        ["Rule set", `${evidence.ruleSet.rules} rules, version ${evidence.ruleSet.version}, digest sha256:${evidence.ruleSet.digest}`],
        ["Report generated", humanTime(evidence.generatedAt)],
        ["Scan", `${humanTime(evidence.startedAt)} to ${humanTime(evidence.finishedAt)}, ${evidence.parser} parser`],
        ["Baseline in use", evidence.baseline],
        ["Command line", code(evidence.commandLine)],
      ],
    ),
    "## 2. Findings by category",
    "",
    ...counts("By severity", evidence.bySeverity, "Severity", false),
    ...counts("By family", evidence.byFamily, "Family", false),
    ...counts("By CWE", evidence.byCwe, "CWE", true),
    ...counts("By standard clause", evidence.byClause, "Clause", true),
    "Clause ids and titles: OWASP IoT Top 10 (2018), IEC 62443-4-2 component requirements, FDA premarket cybersecurity guidance; sources and verification status in Sterile's docs/standards.md. Zero means the mapped checks ran and found nothing.",
    "",
    `## 3. Open findings (${t.findings})`,
    "",
    ...(evidence.findings.length === 0
      ? ["None.", ""]
      : table(
          ["Severity", "Rule", "Location", "Message", "CWE"],
          evidence.findings.map((f) => [f.severity, code(f.ruleId), code(`${f.path}:${f.line}:${f.column}`), plainText(f.message), f.cwe.join(", ")]),
        )),
    `## 4. Accepted risks: suppressions (${t.suppressions})`,
    "",
    `Suppressions without a justification, expired ones and ones naming unknown rules are not honoured; they are listed above as \`invalid-suppression\` findings (${t.invalidSuppressions} in this scan).`,
    "",
    ...(evidence.suppressions.length === 0
      ? ["No suppressions.", ""]
      : table(
          ["Where", "Form", "Rules", "Covers", "Justification", "Author", "Expires", "Findings"],
          evidence.suppressions.map((s) => [code(s.where), s.kind === "external" ? "project config" : s.form, s.rules.join(", "), code(s.scope), s.justification, s.by ?? "not recorded", s.until ?? "no expiry", s.suppressed]),
          ["l", "l", "l", "l", "l", "l", "l", "r"],
        )),
    ...(evidence.suppressedFindings.length === 0
      ? []
      : [
          "### Suppressed findings",
          "",
          ...table(
            ["Severity", "Rule", "Location", "Message", "Suppressed by"],
            evidence.suppressedFindings.map((f) => [f.severity, code(f.ruleId), code(`${f.path}:${f.line}:${f.column}`), plainText(f.message), code(f.where)]),
          ),
        ]),
    `## 5. Scanned scope (${plural(t.files, "file")})`,
    "",
    ...table(
      ["File", "Language", "SHA-256"],
      evidence.files.map((f) => [code(f.path), f.language, code(f.sha256 ?? "not recorded")]),
    ),
    ...(evidence.skipped.length === 0 ? [] : ["### Not scanned", "", ...table(["File", "Reason", "Detail"], evidence.skipped.map((s) => [code(s.path), s.reason, s.detail]))]),
    ...(evidence.failures.length === 0
      ? []
      : ["### Internal errors (these files were not fully checked)", "", ...table(["Rule", "File", "Error"], evidence.failures.map((f) => [code(f.ruleId), code(f.path), plainText(f.message)]))]),
    `## 6. Rules applied (${evidence.rules.length})`,
    "",
    ...table(
      ["Rule", "Title", "Severity", "CWE", "Standards"],
      evidence.rules.map((r) => [code(r.id), r.title, r.severity, r.cwe.join(", "), r.clauses.join("; ")]),
    ),
    `Generated by ${evidence.tool.name} ${evidence.tool.version} (rule set sha256:${evidence.ruleSet.digest}). Paths are relative to the project root.`,
    "",
  ];
  return out.join("\n");
}
