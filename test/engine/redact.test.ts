import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { maskSpans, redact } from "../../server/src/engine/redact.ts";

describe("redaction", () => {
  it("shows at most a short prefix and the length", () => {
    expect(redact("Tr0ub4dor&3")).toBe("Tr…(11 chars)");
    expect(redact("admin")).toBe("a…(5 chars)");
    expect(redact("abc")).toBe("…(3 chars)");
    expect(redact("")).toBe("(empty)");
  });

  it("masks spans keeping width, including spans cut by the line's edges", () => {
    expect(maskSpans('x = "secret-value";', 0, [{ start: 5, end: 17 }])).toBe('x = "se**********";');
    // A span that started on an earlier line shows no prefix on this one.
    expect(maskSpans("continued-secret\";", 100, [{ start: 90, end: 116 }])).toBe('****************";');
  });

  it("never throws and never changes length, whatever the spans", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: -50, max: 50 }), fc.array(fc.tuple(fc.integer({ min: -80, max: 120 }), fc.integer({ min: 0, max: 80 })), { maxLength: 4 }), (text, base, spans) => {
        const masked = maskSpans(text, base, spans.map(([start, length]) => ({ start, end: start + length })));
        expect(masked.length).toBe(text.length);
      }),
    );
  });
});
