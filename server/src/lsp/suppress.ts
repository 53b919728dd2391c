// Justified suppressions in the editor: the same `applySuppressions` the CLI runs, after each
// analysis. Suppressed findings are not shown; broken suppressions (no justification, expired,
// unknown rule) show as `invalid-suppression` diagnostics, as in a scan.

import picomatch from "picomatch";
import { ruleById } from "../../../rules/index.ts";
import type { LoadedProject } from "./host.ts";
import type { FilePolicy } from "./documents.ts";
import { compareFindings, type Engine } from "../engine/engine.ts";
import { applySuppressions, compileConfigSuppressions, INVALID_SUPPRESSION, utcDate, type ConfigSuppressions } from "../engine/suppressions.ts";
import type { Finding, SourceFile } from "../engine/types.ts";


const resolveRule = (id: string) => ruleById(id)?.id;

/** The project config's `suppress:` entries, compiled once per config (globs relative to its folder). */
export function configSuppressions(project: LoadedProject | undefined): ConfigSuppressions | undefined {
  if (!project || project.config.suppress.length === 0) return undefined;
  return compileConfigSuppressions(project.config.suppress, {
    source: { path: project.file.name, text: project.file.text },
    matcher: (glob) => picomatch(glob, { dot: true }),
    today: utcDate(),
    resolveRule,
  });
}

/**
 * The findings to show for a file: unsuppressed ones plus problems with its suppressions, and, with
 * `showSuppressed`, the suppressed ones as notes that say they are accepted and why.
 */
export function visibleFindings(
  engine: Engine,
  source: SourceFile,
  findings: readonly Finding[],
  policy: FilePolicy,
  config: ConfigSuppressions | undefined,
  showSuppressed = false,
): Finding[] {
  const ran = new Set(policy.grade === "skip" ? [] : engine.rulesFor(source.language, policy.severities).map((r) => r.id));
  const applied = applySuppressions(source, findings, {
    today: utcDate(),
    resolveRule,
    ...(config ? { config } : {}),
    severity: engine.severityFor(INVALID_SUPPRESSION, policy),
    ran: (id) => ran.has(id),
  });
  const shown: Finding[] = [];
  for (const finding of applied.findings) {
    if (!finding.suppression) shown.push(finding);
    else if (showSuppressed) {
      const { suppression, ...plain } = finding;
      const by = suppression.by ? ` by ${suppression.by}` : "";
      const until = suppression.until ? ` until ${suppression.until}` : "";
      shown.push({ ...plain, severity: "note", message: `Suppressed${by}${until} (${suppression.justification}): ${finding.message}`, fixes: [] });
    }
  }
  return [...shown, ...applied.problems].sort(compareFindings);
}
