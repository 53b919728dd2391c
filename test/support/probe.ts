// Runs a look at a RuleContext inside the engine through a throwaway rule, so shared rule helpers
// are tested against a real context with its node index and per-file memo.

import { defineRule } from "../../server/src/engine/rule.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";
import { testEngine } from "./engine.ts";

export async function probe<T>(text: string, look: (ctx: RuleContext) => T, language: "c" | "cpp" = "c"): Promise<T> {
  let result: T | undefined;
  const rule = defineRule({
    id: `probe-${Math.random().toString(36).slice(2, 10)}`,
    family: "transport",
    severity: "note",
    title: "probe",
    message: "probe",
    cwe: ["CWE-295"],
    standards: { owaspIot: ["I7"], iec62443: [], fda: [] },
    languages: [language],
    docs: "# probe",
    check(ctx) {
      result = look(ctx);
    },
  });
  const engine = await testEngine([rule]);
  engine.analyze({ path: `probe.${language}`, language, text });
  return result as T;
}
