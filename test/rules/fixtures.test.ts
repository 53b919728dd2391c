// The generic fixture test: every rule's fixtures, run through every rule, must match their
// annotations exactly, every fix a rule offers must be safe to apply, and applying them all must
// leave exactly the lines the folder's `fixes.expect.yaml` names.

import { describe, expect, it } from "vitest";
import { checkFixes } from "../support/fix-safety.ts";
import { checkAnnotated } from "../support/check-annotated.ts";
import { testEngine } from "../support/engine.ts";
import { listFiles, loadFixture, REPO_ROOT, ruleFixtureDirs } from "../support/fixtures.ts";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { fixText } from "../../server/src/cli/fix.ts";

const files = ruleFixtureDirs().flatMap(listFiles);

/** A fixture folder's expected fixed lines: file name → one-based line → the line's text after every fix. */
function expectedFixes(dir: string): Record<string, Record<string, string>> {
  const path = join(dir, "fixes.expect.yaml");
  return existsSync(path) ? ((parseYaml(readFileSync(path, "utf8")) ?? {}) as Record<string, Record<string, string>>) : {};
}

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
      checkFixes(await testEngine(), loadFixture(absolute)!);
    });

    it(`${name}: all fixes together leave the lines fixes.expect.yaml names`, async () => {
      const file = loadFixture(absolute)!;
      const outcome = fixText(await testEngine(), { path: file.path, language: file.language, text: file.text }, {}, true);
      const before = file.text.split("\n");
      const after = outcome.after.split("\n");
      expect(after.length, "fixes keep the line count").toBe(before.length);
      const changed: Record<string, string> = {};
      after.forEach((line, i) => {
        if (line !== before[i]) changed[String(i + 1)] = line;
      });
      const folder = ruleFixtureDirs().find((dir) => absolute.startsWith(`${dir}/`))!;
      expect(changed).toEqual(expectedFixes(folder)[relative(folder, absolute)] ?? {});
    });
  }
});
