// Property tests: whatever bytes arrive, decoding and analysis never throw, always finish, and
// report positions inside the text. Mutated fixtures probe the space near real firmware.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LANGUAGE_IDS, type LanguageId } from "../../grammars/registry.ts";
import { decodeBytes } from "../../server/src/engine/decode.ts";
import { testEngine } from "../support/engine.ts";
import { listFiles, loadFixture, ruleFixtureDirs } from "../support/fixtures.ts";

const fixtures = ruleFixtureDirs().flatMap(listFiles).map(loadFixture).filter((f): f is NonNullable<typeof f> => Boolean(f));

function analyzeSafely(engine: Awaited<ReturnType<typeof testEngine>>, language: LanguageId, text: string): void {
  const started = Date.now();
  const result = engine.analyze({ path: `x/${language}`, language, text }, { shouldStop: () => Date.now() - started > 5_000 });
  expect(result.failures).toEqual([]);
  for (const finding of result.findings) {
    expect(finding.range.start).toBeGreaterThanOrEqual(0);
    expect(finding.range.end).toBeLessThanOrEqual(text.length);
    expect(finding.range.start).toBeLessThanOrEqual(finding.range.end);
    for (const fix of finding.fixes) for (const edit of fix.edits) expect(edit.end).toBeLessThanOrEqual(text.length);
  }
}

describe("property: hostile bytes and mutated fixtures", () => {
  it("random bytes decode and analyse in every language without throwing", async () => {
    const engine = await testEngine();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...LANGUAGE_IDS), async (bytes, language) => {
        const decoded = decodeBytes(bytes);
        if (decoded.kind === "text") analyzeSafely(engine, language, decoded.text);
      }),
      { numRuns: 300 },
    );
  });

  it("mutated fixtures (cut, duplicated, spliced, garbage-inserted) analyse without throwing", async () => {
    const engine = await testEngine();
    expect(fixtures.length).toBeGreaterThan(0);
    const mutation = fc.record({
      fixture: fc.integer({ min: 0, max: fixtures.length - 1 }),
      at: fc.nat(),
      length: fc.nat({ max: 200 }),
      insert: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('"', "/*", "*/", "#define", "{", "}", "\\", "\n", "\r", "\u0000", "-----BEGIN PRIVATE KEY-----", "http://", "CONFIG_", "é", "😀")),
      op: fc.constantFrom("cut", "insert", "duplicate", "replace"),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ fixture, at, length, insert, op }) => {
        const file = fixtures[fixture]!;
        const text = file.text;
        const pos = text.length === 0 ? 0 : at % text.length;
        const mutated =
          op === "cut" ? text.slice(0, pos) + text.slice(pos + length)
          : op === "insert" ? text.slice(0, pos) + insert + text.slice(pos)
          : op === "duplicate" ? text.slice(0, pos + length) + text.slice(pos, pos + length) + text.slice(pos + length)
          : text.slice(0, pos) + insert + text.slice(pos + length);
        analyzeSafely(engine, file.language, mutated);
      }),
      { numRuns: 400 },
    );
  });
});
