// Fingerprints that survive edits elsewhere in a file and hold no secret: the rule, the path and
// a hash of the finding's own lines with the secret masked and whitespace folded. A running
// occurrence count separates identical lines in one file. Baselines use the same scheme.

import { createHash } from "node:crypto";
import { LineIndex } from "../engine/line-index.ts";
import type { Finding } from "../engine/types.ts";

export const FINGERPRINT_KEY = "sterile/v1";

export function normalisedContent(finding: Finding, lines: LineIndex): string {
  const text = lines.text;
  const start = lines.lineStart(finding.range.startPosition.line);
  const end = lines.lineEnd(finding.range.endPosition.line);
  let content = text.slice(start, end);
  if (finding.secret) {
    const s = Math.max(0, finding.secret.start - start);
    const e = Math.min(content.length, finding.secret.end - start);
    if (e > s) content = `${content.slice(0, s)}\u0000secret\u0000${content.slice(e)}`;
  }
  return content.replace(/\s+/g, " ").trim();
}

/** Fingerprints for one file's findings, in the order given. */
export function fingerprintFindings(findings: readonly Finding[], lines: LineIndex): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const digest = createHash("sha256")
      .update(`${finding.ruleId}\u0000${finding.path}\u0000${normalisedContent(finding, lines)}`)
      .digest("hex")
      .slice(0, 32);
    const count = occurrences.get(digest) ?? 0;
    occurrences.set(digest, count + 1);
    return `${digest}:${count}`;
  });
}
