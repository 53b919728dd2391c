// Fix safety beyond the rule fixtures: every fix the rules offer on the examples and the eval corpus.

import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkFixes } from "../support/fix-safety.ts";
import { testEngine } from "../support/engine.ts";
import { listFiles, loadFixture, REPO_ROOT } from "../support/fixtures.ts";

describe("fix safety on the examples and the eval corpus", () => {
  it("every fix applies cleanly, removes its finding, is idempotent and touches nothing else", async () => {
    const engine = await testEngine();
    let checked = 0;
    for (const dir of [join(REPO_ROOT, "examples"), join(REPO_ROOT, "eval", "corpus")].filter(existsSync)) {
      for (const absolute of listFiles(dir)) {
        const file = loadFixture(absolute);
        if (file) checked += checkFixes(engine, file);
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
