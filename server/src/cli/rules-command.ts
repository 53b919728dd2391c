// `sterile rules`: the catalog as a table or JSON.

import type { Rule } from "../engine/types.ts";

export function describeRule(rule: Rule) {
  return {
    id: rule.id,
    family: rule.family,
    severity: rule.severity,
    title: rule.title,
    cwe: [...rule.cwe],
    languages: [...rule.languages],
    fixable: rule.fixable ?? false,
    standards: {
      owaspIot: [...rule.standards.owaspIot],
      iec62443: [...rule.standards.iec62443],
      fda: [...rule.standards.fda],
    },
  };
}

export function formatRules(rules: readonly Rule[], format: "text" | "json"): string {
  if (format === "json") return `${JSON.stringify(rules.map(describeRule), null, 2)}\n`;
  const rows = rules.map((r) => [r.id, r.family, r.severity, r.cwe.join(","), r.fixable ?? "-", r.languages.join(",")]);
  const header = ["RULE", "FAMILY", "SEVERITY", "CWE", "FIX", "LANGUAGES"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ");
  const families = [...new Set(rules.map((r) => r.family))];
  return `${[line(header), ...rows.map(line)].join("\n")}\n\n${rules.length} rules in ${families.length} families: ${families.join(", ")}\n`;
}
