// The bundled example firmware is annotated like a fixture: every finding expected, nothing else.

import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { checkAnnotated } from "./support/check-annotated.ts";
import { testEngine } from "./support/engine.ts";
import { listFiles, loadFixture, REPO_ROOT } from "./support/fixtures.ts";
import { readAnnotations } from "./support/annotations.ts";

const files = listFiles(join(REPO_ROOT, "examples"));

describe("examples/", () => {
  it("holds findings and clean counterparts", () => {
    let expects = 0;
    let oks = 0;
    for (const absolute of files) {
      const file = loadFixture(absolute);
      if (!file) continue;
      const annotations = readAnnotations(absolute, file.text, file.language);
      expects += annotations.expected.length;
      oks += annotations.ok.length;
    }
    expect(expects).toBeGreaterThan(10);
    expect(oks).toBeGreaterThan(10);
  });

  for (const absolute of files) {
    const file = loadFixture(absolute);
    if (!file) continue;
    it(`${file.path} matches its annotations`, async () => {
      const engine = await testEngine();
      const diff = checkAnnotated(engine, file);
      expect({ missed: diff.missed, unexpected: diff.unexpected }).toEqual({ missed: [], unexpected: [] });
    });
  }
});
