// The generic fixture test: every rule's fixtures, run through every rule, must match their
// annotations exactly, and every fix a rule offers must be safe to apply.

import { describe, expect, it } from "vitest";
import { checkFixes } from "../support/fix-safety.ts";
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
      checkFixes(await testEngine(), loadFixture(absolute)!);
    });
  }
});
