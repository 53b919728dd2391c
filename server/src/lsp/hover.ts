// Hover over a finding: what the rule finds, why it matters on a medical device, how to fix it, and
// its CWE and standards with links — all quoted from the rule's docs page, so the editor, the CLI's
// SARIF `help` and the shipped docs never disagree.

import { plainText } from "../report/markdown-text.ts";
import type { MarkupContent } from "vscode-languageserver";
import { cweUrl, describeStandards } from "../../../rules/standards.ts";
import type { Finding, Rule } from "../engine/types.ts";
import { docsSection, docsSummary } from "../report/rule-docs.ts";
import { STANDARD_LINKS } from "../report/standard-links.ts";

export interface HoverLinks {
  /** The rule's docs page, where the host has one. */
  readonly docs?: string;
  /** A command link that opens the rendered page, for clients that run commands from hovers. */
  readonly openDocsCommand?: string;
}

/** The summary paragraph of "What it finds", with the list it introduces when it ends in a colon. */
function whatItFinds(docs: string): string {
  const summary = docsSummary(docs);
  if (!summary.endsWith(":")) return summary;
  const blocks = docsSection(docs, "What it finds").split(/\n\s*\n/);
  const list = blocks[1]?.trim();
  return list && /^[-*] /.test(list) ? `${summary}\n\n${list}` : summary;
}

function standardsLines(rule: Rule): string[] {
  const lines = describeStandards(rule.standards);
  const links = [
    ...rule.standards.owaspIot.map(() => STANDARD_LINKS.owaspIot),
    ...rule.standards.iec62443.map(() => STANDARD_LINKS.iec62443),
    ...rule.standards.fda.map(() => STANDARD_LINKS.fda),
  ];
  return lines.map((line, i) => `- [${line}](${links[i]})`);
}

/** Markdown for one finding; `message` is the diagnostic's (already secret-free) message. */
export function hoverMarkdown(rule: Rule, finding: Finding, message: string, links: HoverLinks): string {
  const parts: string[] = [];
  parts.push(`**Sterile: ${rule.title}** · \`${rule.id}\` · ${finding.severity}`);
  parts.push(plainText(message));
  const what = whatItFinds(rule.docs);
  if (what) parts.push(`**What it finds.** ${what}`);
  const why = docsSection(rule.docs, "Why it matters on a medical device");
  if (why) parts.push(`**Why it matters on a medical device.** ${why}`);
  const fix = docsSection(rule.docs, "Fix");
  if (fix) parts.push(`**Fix.**\n\n${fix}`);
  const safety = docsSection(rule.docs, "Fix safety");
  if (safety) parts.push(`**Fix safety.** ${safety}`);
  const refs = [`- ${rule.cwe.map((cwe) => `[${cwe}](${cweUrl(cwe)})`).join(", ")}`, ...standardsLines(rule)];
  parts.push(`**References**\n\n${refs.join("\n")}`);
  const more: string[] = [];
  if (links.openDocsCommand) more.push(`[Open the rule's documentation](${links.openDocsCommand})`);
  else if (links.docs) more.push(`[Rule documentation](${links.docs})`);
  more.push(`Suppress: \`sterile-ignore-next-line ${rule.id} -- <justification>\``);
  parts.push(more.join(" · "));
  return parts.join("\n\n");
}

export function hoverContent(entries: readonly { rule: Rule; finding: Finding; message: string }[], links: (rule: Rule) => HoverLinks): MarkupContent {
  return { kind: "markdown", value: entries.map((e) => hoverMarkdown(e.rule, e.finding, e.message, links(e.rule))).join("\n\n---\n\n") };
}

export { plainText };
