// The prefilter may only skip work, never findings: every rule fixture, the examples and the
// eval corpus give identical findings with it on and off.

import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { testEngine } from "../support/engine.ts";
import { listFiles, loadFixture, REPO_ROOT, ruleFixtureDirs } from "../support/fixtures.ts";
import { allRules } from "../../rules/index.ts";

const roots = [...ruleFixtureDirs(), join(REPO_ROOT, "examples"), join(REPO_ROOT, "eval", "corpus"), join(REPO_ROOT, "test", "fixtures")].filter(existsSync);

describe("trigger prefilter", () => {
  it("every rule declares triggers (otherwise every file of its languages is parsed)", () => {
    expect(allRules.filter((r) => !r.triggers || r.triggers.length === 0).map((r) => r.id)).toEqual([]);
  });

  it("changes no finding on fixtures, examples and the eval corpus", async () => {
    const engine = await testEngine();
    let files = 0;
    let skipped = 0;
    for (const absolute of roots.flatMap(listFiles)) {
      const file = loadFixture(absolute);
      if (!file) continue;
      files++;
      const source = { path: file.path, language: file.language, text: file.text };
      const on = engine.analyze(source, { prefilter: true });
      const off = engine.analyze(source, { prefilter: false });
      if (!on.parsed) skipped++;
      expect(on.findings, file.path).toEqual(off.findings);
    }
    expect(files).toBeGreaterThan(100);
    console.log(`prefilter: ${skipped} of ${files} files need no parse`);
  });
});
