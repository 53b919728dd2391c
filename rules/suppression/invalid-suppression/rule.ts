// A suppression that cannot be trusted to mean what it says: malformed, without a justification,
// past its `until=` date, misplaced, or naming this rule. It suppresses nothing, and this finding
// says why. Unknown rule ids and unused suppressions need the catalog and every finding of the
// file, so hosts report those through `applySuppressions` under the same rule id.

import { defineRule } from "../../../server/src/engine/rule.ts";
import { INVALID_SUPPRESSION, invalidMessage, localProblems, parseSuppressions, utcDate } from "../../../server/src/engine/suppressions.ts";
import docs from "./README.md?raw";

export default defineRule({
  id: INVALID_SUPPRESSION,
  family: "suppression",
  severity: "warning",
  title: "Suppression comment that suppresses nothing",
  message: "Invalid suppression, suppresses nothing",
  cwe: ["CWE-710"],
  standards: { owaspIot: [], iec62443: [], fda: ["Anomalies"] },
  // Every language with comments; JSON and PEM are suppressed from the project config instead.
  languages: ["c", "cpp", "devicetree", "kconfig", "kconfig-def", "yaml", "toml", "ini", "keyvalue"],
  triggers: [{ text: "sterile-ignore", scope: "anywhere" }],
  docs,
  check(ctx) {
    const today = utcDate();
    for (const directive of parseSuppressions(ctx.file.text, ctx.file.language)) {
      const problems = localProblems(directive, today);
      if (problems.length > 0) ctx.report({ span: directive.span, message: invalidMessage(problems) });
    }
  },
});
