import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TriggerSet } from "../../server/src/engine/prefilter.ts";

describe("trigger prefilter", () => {
  const set = new TriggerSet([
    { text: "password", scope: "code" },
    { text: "http://", scope: "code" },
    { text: "CONFIG_", scope: "code" },
    { text: "sterile-ignore", scope: "anywhere" },
    { text: "ssl_verify", scope: "code" },
  ]);

  it("finds triggers case-insensitively, overlapping and at the ends", () => {
    expect(set.matches("const char *PassWord = x;", true)).toBe(true);
    expect(set.matches("xhttp://", false)).toBe(true);
    expect(set.matches("config_a=y", false)).toBe(true);
    expect(set.matches("passwor", false)).toBe(false);
    expect(set.matches("", true)).toBe(false);
    expect(set.matches("MBEDTLS_SSL_VERIFY_NONE", true)).toBe(true);
  });

  it("ignores code triggers inside C comments but not in strings; `anywhere` triggers count in comments", () => {
    expect(set.matches("/* See http://www.apache.org/licenses */\nint x;", true)).toBe(false);
    expect(set.matches("// password here\nint x;", true)).toBe(false);
    expect(set.matches('/* a */ const char *u = "http://x";', true)).toBe(true);
    expect(set.matches("/* */ /password/", true)).toBe(true);
    expect(set.matches("// sterile-ignore-next-line x -- y\n", true)).toBe(true);
    expect(set.matches('"/* not a comment */ password"', true)).toBe(true);
    expect(set.matches("'\"' password", true)).toBe(true);
    // Outside C-like files comments are not special.
    expect(set.matches("# see http://x", false)).toBe(true);
  });

  it("agrees with a naive search on random text (no comments)", () => {
    const words = ["password", "http://", "config_", "sterile-ignore", "ssl_verify"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom("pass", "word", "http:", "//", "conf", "ig_", "ssl_", "verify", "x", "P", "A", "S", "W", "sterile-", "ignore", " "), { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(set.matches(text, false)).toBe(words.some((w) => text.toLowerCase().includes(w)));
      }),
      { numRuns: 2000 },
    );
  });
});
