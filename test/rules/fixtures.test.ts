// The generic fixture test: every rule's fixtures, run through every rule, must match their
// annotations exactly, and every fix a rule offers must be safe to apply.

import { describe, expect, it } from "vitest";
import { applyEdits } from "../../server/src/engine/apply-fix.ts";
import { syntaxErrorCount } from "../../server/src/engine/syntax.ts";
import { checkAnnotated } from "../support/check-annotated.ts";
import { testEngine } from "../support/engine.ts";
import { listFiles, loadFixture, REPO_ROOT, ruleFixtureDirs } from "../support/fixtures.ts";
import { relative } from "node:path";

const files = ruleFixtureDirs().flatMap(listFiles);

describe("rule fixtures", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const absolute of files) {
    const name = relative(REPO_ROOT, absolute);
    it(`${name} matches its annotations`, async () => {
      const file = loadFixture(absolute);
      expect(file, `${name}: no language detected for this fixture name`).toBeDefined();
      const engine = await testEngine();
      const diff = checkAnnotated(engine, file!);
      expect({ missed: diff.missed, unexpected: diff.unexpected }).toEqual({ missed: [], unexpected: [] });
    });

    it(`${name}: every fix applies cleanly, removes its finding and is idempotent`, async () => {
      const file = loadFixture(absolute)!;
      const engine = await testEngine();
      const source = { path: file.path, language: file.language, text: file.text };
      const before = engine.analyze(source).findings;
      const tree = engine.parse(source);
      const errorsBefore = tree ? syntaxErrorCount(tree.root) : 0;
      tree?.release();
      for (const finding of before) {
        for (const fix of finding.fixes) {
          const fixed = applyEdits(file.text, fix.edits);
          expect(fixed, `${fix.title} changes nothing`).not.toBe(file.text);
          const fixedSource = { ...source, text: fixed };
          const fixedTree = engine.parse(fixedSource);
          const errorsAfter = fixedTree ? syntaxErrorCount(fixedTree.root) : 0;
          fixedTree?.release();
          expect(errorsAfter, `${fix.title} adds syntax errors`).toBeLessThanOrEqual(errorsBefore);
          const after = engine.analyze(fixedSource).findings;
          const line = finding.range.startPosition.line;
          expect(after.filter((f) => f.ruleId === finding.ruleId && f.range.startPosition.line === line), `${fix.title} leaves the finding`).toHaveLength(0);
          // Outside the edited spans the file is byte-identical.
          const first = Math.min(...fix.edits.map((e) => e.start));
          const lastEnd = Math.max(...fix.edits.map((e) => e.end));
          const grown = fixed.length - file.text.length;
          expect(fixed.slice(0, first)).toBe(file.text.slice(0, first));
          expect(fixed.slice(lastEnd + grown)).toBe(file.text.slice(lastEnd));
        }
      }
    });
  }
});
