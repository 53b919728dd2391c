// An exception in one rule on one file is a reported failure for that rule and file; every other
// rule still runs and reports.

import { describe, expect, it } from "vitest";
import { defineRule } from "../../server/src/engine/rule.ts";
import { allRules } from "../../rules/index.ts";
import { testEngine } from "../support/engine.ts";

const broken = defineRule({
  id: "always-throws",
  family: "credentials",
  severity: "error",
  title: "A rule that throws",
  message: "never reported",
  cwe: ["CWE-703"],
  standards: { owaspIot: [], iec62443: [], fda: [] },
  languages: ["c"],
  docs: "# always-throws\n",
  check() {
    throw new Error("boom in a rule");
  },
});

describe("fault isolation", () => {
  it("turns a throwing rule into a failure record and keeps the other rules' findings", async () => {
    const engine = await testEngine([broken, ...allRules]);
    const analysis = engine.analyze({ path: "src/wifi.c", language: "c", text: '#define WIFI_PASS "Zq8!mediPump-774"\n' });
    expect(analysis.failures).toEqual([expect.objectContaining({ ruleId: "always-throws", path: "src/wifi.c", message: "boom in a rule" })]);
    expect(analysis.findings.map((f) => f.ruleId)).toContain("hardcoded-credential");
    expect(analysis.completed).toBe(true);
  });
});
