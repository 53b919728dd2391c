// The rule contract, checked for every rule: listed in the catalog, metadata complete, a docs
// page with every section, and fixtures with both findings and realistic negatives.

import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { allRules } from "../../rules/index.ts";
import { FDA_PREMARKET_TOPICS, IEC_62443_4_2, OWASP_IOT_2018 } from "../../rules/standards.ts";
import { testEngine } from "../support/engine.ts";
import { countAnnotations, listFiles, loadFixture, REPO_ROOT } from "../support/fixtures.ts";

const DOC_SECTIONS = ["What it finds", "Why it matters on a medical device", "Example", "Fix", "Fix safety", "False positives and how to suppress", "References"];

function ruleFolders(): { family: string; id: string; dir: string }[] {
  const rulesDir = join(REPO_ROOT, "rules");
  const out: { family: string; id: string; dir: string }[] = [];
  for (const family of readdirSync(rulesDir)) {
    const familyDir = join(rulesDir, family);
    if (!statSync(familyDir).isDirectory()) continue;
    for (const id of readdirSync(familyDir)) {
      const dir = join(familyDir, id);
      if (statSync(dir).isDirectory() && existsSync(join(dir, "rule.ts"))) out.push({ family, id, dir });
    }
  }
  return out;
}

describe("rule catalog", () => {
  it("lists every rule folder, once, under its own family and id", () => {
    const folders = ruleFolders();
    expect(folders.map((f) => f.id).sort()).toEqual(allRules.map((r) => r.id).sort());
    for (const folder of folders) {
      const rule = allRules.find((r) => r.id === folder.id)!;
      expect(rule.family, folder.id).toBe(folder.family);
    }
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      it("cites standards that exist", () => {
        for (const id of rule.standards.owaspIot) expect(OWASP_IOT_2018, id).toHaveProperty(id);
        for (const id of rule.standards.iec62443) expect(IEC_62443_4_2, id).toHaveProperty([id]);
        for (const id of rule.standards.fda) expect(FDA_PREMARKET_TOPICS, id).toHaveProperty(id);
        expect(rule.standards.owaspIot.length + rule.standards.iec62443.length + rule.standards.fda.length).toBeGreaterThan(0);
      });

      it("has a docs page with every section, naming its CWEs", () => {
        expect(rule.docs.split("\n")[0]).toBe(`# ${rule.id}`);
        for (const section of DOC_SECTIONS) expect(rule.docs, section).toMatch(new RegExp(`^## ${section}\\s*$`, "m"));
        for (const cwe of rule.cwe) expect(rule.docs).toContain(cwe);
      });

      it("has fixtures with findings and with annotated negatives", () => {
        const folder = ruleFolders().find((f) => f.id === rule.id)!;
        const files = listFiles(join(folder.dir, "fixtures"));
        const { expects, oks } = countAnnotations(files, rule.id);
        expect(expects, "positive fixtures").toBeGreaterThan(0);
        expect(oks, "negative fixtures (ok: annotations)").toBeGreaterThan(0);
      });

      it("declares `fixable` exactly when its fixtures produce fixes, and of that safety", async () => {
        const engine = await testEngine();
        const folder = ruleFolders().find((f) => f.id === rule.id)!;
        const safeties = new Set<string>();
        for (const absolute of listFiles(join(folder.dir, "fixtures"))) {
          const file = loadFixture(absolute);
          if (!file) continue;
          for (const finding of engine.analyze({ path: file.path, language: file.language, text: file.text }).findings) {
            if (finding.ruleId === rule.id) for (const fix of finding.fixes) safeties.add(fix.safety);
          }
        }
        if (rule.fixable === undefined) expect([...safeties]).toEqual([]);
        else expect(safeties.has(rule.fixable), `fixable: ${rule.fixable} but fixtures produce ${[...safeties].join(", ") || "no fix"}`).toBe(true);
        if (rule.fixable === "unsafe") expect(safeties.has("safe") && !safeties.has("unsafe")).toBe(false);
      });
    });
  }
});
