// Fix safety, for any annotated file: every fix applies, adds no syntax error, removes its finding,
// leaves the rest of the file byte-identical, and applying fixes again changes nothing.

import { expect } from "vitest";
import { applyEdits } from "../../server/src/engine/apply-fix.ts";
import type { Engine } from "../../server/src/engine/engine.ts";
import { syntaxErrorCount } from "../../server/src/engine/syntax.ts";
import type { FixtureFile } from "./fixtures.ts";

/** Checks every fix the engine offers on the file; returns how many were checked. */
export function checkFixes(engine: Engine, file: FixtureFile): number {
  const source = { path: file.path, language: file.language, text: file.text };
  const before = engine.analyze(source).findings;
  const tree = engine.parse(source);
  const errorsBefore = tree ? syntaxErrorCount(tree.root) : 0;
  tree?.release();
  let checked = 0;
  for (const finding of before) {
    for (const fix of finding.fixes) {
      checked++;
      const fixed = applyEdits(file.text, fix.edits);
      expect(fixed, `${file.path}: ${fix.title} changes nothing`).not.toBe(file.text);
      const fixedSource = { ...source, text: fixed };
      const fixedTree = engine.parse(fixedSource);
      const errorsAfter = fixedTree ? syntaxErrorCount(fixedTree.root) : 0;
      fixedTree?.release();
      expect(errorsAfter, `${file.path}: ${fix.title} adds syntax errors`).toBeLessThanOrEqual(errorsBefore);
      const after = engine.analyze(fixedSource).findings;
      const line = finding.range.startPosition.line;
      expect(after.filter((f) => f.ruleId === finding.ruleId && f.range.startPosition.line === line), `${file.path}: ${fix.title} leaves the finding`).toHaveLength(0);
      // Applying again: the fixed text offers no fix for that finding, so a second run changes nothing.
      expect(after.filter((f) => f.ruleId === finding.ruleId && f.range.startPosition.line === line && f.fixes.length > 0)).toHaveLength(0);
      // Outside the edited spans the file is byte-identical.
      const first = Math.min(...fix.edits.map((e) => e.start));
      const lastEnd = Math.max(...fix.edits.map((e) => e.end));
      const grown = fixed.length - file.text.length;
      expect(fixed.slice(0, first)).toBe(file.text.slice(0, first));
      expect(fixed.slice(lastEnd + grown)).toBe(file.text.slice(lastEnd));
    }
  }
  return checked;
}
