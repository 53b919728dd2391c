// Fix-all's edits: whatever safe fixes apply over however many passes, the edits sent to the
// editor reproduce the fixed text exactly, and carry only what the fixes wrote — never the
// unchanged text between two fixes (where a secret may sit).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits } from "../../server/src/engine/apply-fix.ts";
import type { Finding, TextEdit } from "../../server/src/engine/types.ts";
import { fixAllEdits } from "../../server/src/lsp/code-actions.ts";

const SECRET = "S3cr3t-Pa55!";

function finding(edits: readonly TextEdit[]): Finding {
  return { ruleId: "r", severity: "warning", message: "m", path: "f", range: { start: 0, end: 0, startPosition: { line: 0, character: 0 }, endPosition: { line: 0, character: 0 } }, related: [], fixes: [{ title: "t", safety: "safe", edits }] };
}

/** Random fixes over a text of `length`: each one or two edits, possibly clashing (fix-all then skips it). */
const fixes = (length: number) =>
  fc.array(
    fc.array(
      fc.record({ a: fc.nat({ max: length }), b: fc.nat({ max: length }), newText: fc.stringMatching(/^[xyz\n]{0,6}$/) }).map(({ a, b, newText }) => ({ start: Math.min(a, b), end: Math.max(a, b), newText })),
      { minLength: 1, maxLength: 2 },
    ).filter((edits) => edits.length < 2 || edits[0]!.end <= edits[1]!.start || edits[1]!.end <= edits[0]!.start),
    { maxLength: 5 },
  );

describe("fix-all edits", () => {
  it("reproduce the fixed text, one edit per changed region, holding only what the fixes wrote", () => {
    const text = fc.tuple(fc.stringMatching(/^[a-f\n]{0,40}$/), fc.stringMatching(/^[a-f\n]{0,40}$/)).map(([a, b]) => `${a}\n${SECRET}\n${b}`);
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), fixes(t.length), fc.array(fc.nat(), { maxLength: 3 }))),
        ([original, first, later]) => {
          // Later passes (at most three, so the text after the last one is reanalysed and seen here):
          // fixes drawn afresh on whatever text the previous pass produced.
          let seen = original;
          let call = 0;
          const reanalyze = (current: string): Finding[] => {
            seen = current;
            const seed = later[call++];
            if (seed === undefined) return [];
            const a = seed % (current.length + 1);
            const b = Math.floor(seed / 7) % (current.length + 1);
            return [finding([{ start: Math.min(a, b), end: Math.max(a, b), newText: "z".repeat(seed % 3) }])];
          };
          const edits = fixAllEdits(original, first.map(finding), reanalyze);
          // The last text reanalysed is the fixed text (fix-all stops after a pass that changes nothing).
          const fixed = call === 0 ? original : seen;
          expect(applyEdits(original, edits)).toBe(fixed);
          const sorted = [...edits].sort((x, y) => x.start - y.start);
          for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThan(sorted[i - 1]!.end - 1);
          for (const edit of edits) {
            expect(edit.newText).not.toContain(SECRET);
            expect(edit.newText).toMatch(/^[xyz\n]*$/);
            expect(edit.newText === original.slice(edit.start, edit.end)).toBe(false);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("leaves the line between two fixes out of the edits", () => {
    const text = `CONFIG_A=y\nCONFIG_PASSWORD="${SECRET}"\nCONFIG_B=y\n`;
    const a = text.indexOf("y");
    const b = text.lastIndexOf("y");
    const edits = fixAllEdits(text, [finding([{ start: a, end: a + 1, newText: "n" }]), finding([{ start: b, end: b + 1, newText: "n" }])], () => []);
    expect(edits).toEqual([
      { start: a, end: a + 1, newText: "n" },
      { start: b, end: b + 1, newText: "n" },
    ]);
  });
});
