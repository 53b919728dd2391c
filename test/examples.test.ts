// The bundled example firmware is annotated like a fixture: every finding expected, nothing else.

import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { checkAnnotated } from "./support/check-annotated.ts";
import { testEngine } from "./support/engine.ts";
import { countAnnotations, listFiles, loadFixture, REPO_ROOT } from "./support/fixtures.ts";

const files = listFiles(join(REPO_ROOT, "examples"));

describe("examples/", () => {
  it("holds findings and clean counterparts", () => {
    const { expects, oks } = countAnnotations(files);
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
