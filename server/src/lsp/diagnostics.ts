// Findings → LSP diagnostics. Positions come straight from the engine (zero-based lines, UTF-16
// characters, `\r\n`/`\r`/`\n` line breaks: LSP's own defaults). Messages never carry a secret.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from "vscode-languageserver";
import { redact } from "../engine/redact.ts";
import type { Finding, Severity, TextRange } from "../engine/types.ts";

export const SOURCE = "sterile";

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

export function toLspRange(range: TextRange): Range {
  return { start: { ...range.startPosition }, end: { ...range.endPosition } };
}

/**
 * The finding's message with any copy of its secret replaced by a redacted form. Rules already
 * word their messages without the value; this is the host's belt to their braces.
 */
export function safeMessage(finding: Finding, text: string): string {
  if (!finding.secret || finding.secret.end <= finding.secret.start) return finding.message;
  const secret = text.slice(finding.secret.start, finding.secret.end);
  if (secret.length < 4 || !finding.message.includes(secret)) return finding.message;
  return finding.message.split(secret).join(redact(secret));
}

export interface DiagnosticContext {
  /** The analysed text (to redact with). */
  readonly text: string;
  /** URI of the document the finding's own path names. */
  readonly uri: string;
  /** Maps a finding's `path` (relative to the workspace folder) to a URI. */
  readonly uriOf: (path: string) => string;
  /** Where the rule's docs page lives (`codeDescription.href`), or `undefined` for no link. */
  readonly docsHref: (ruleId: string) => string | undefined;
}

export function toDiagnostic(finding: Finding, context: DiagnosticContext): Diagnostic {
  const href = context.docsHref(finding.ruleId);
  const related: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
    location: { uri: r.path === finding.path ? context.uri : context.uriOf(r.path), range: toLspRange(r.range) },
    message: r.message,
  }));
  return {
    range: toLspRange(finding.range),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: safeMessage(finding, context.text),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data: { ruleId: finding.ruleId },
  };
}
