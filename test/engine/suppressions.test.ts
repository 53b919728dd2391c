// Suppression comments: the grammar in every comment syntax, target lines, dates, the config form,
// how they apply to findings, agreement with the editor's "Suppress with justification" writer,
// and linear time on hostile input.

import { describe, expect, it } from "vitest";
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from "../../grammars/registry.ts";
import { LineIndex } from "../../server/src/engine/line-index.ts";
import { suppressionLine } from "../../server/src/engine/suppression-comment.ts";
import {
  applySuppressions,
  compileConfigSuppressions,
  INVALID_SUPPRESSION,
  isCalendarDate,
  localProblems,
  parseSuppressions,
  settleConfigSuppressions,
  utcDate,
  type RuleResolver,
} from "../../server/src/engine/suppressions.ts";
import type { Finding } from "../../server/src/engine/types.ts";

const KNOWN = new Map([
  ["hardcoded-credential", "hardcoded-credential"],
  ["cleartext-url", "cleartext-url"],
  ["old-credential-name", "hardcoded-credential"],
]);
const resolveRule: RuleResolver = (id) => KNOWN.get(id);
const TODAY = "2026-03-15";

/** A finding of `ruleId` starting on zero-based `line` (spanning `lines` lines). */
function findingAt(text: string, ruleId: string, line: number, lines = 1, path = "src/x.c"): Finding {
  const index = new LineIndex(text);
  const start = index.lineStart(line);
  const end = index.lineEnd(line + lines - 1);
  return { ruleId, severity: "error", message: "m", path, range: index.range({ start, end }), related: [], fixes: [] };
}

function only(text: string, language: LanguageId) {
  const all = parseSuppressions(text, language);
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe("suppression grammar", () => {
  it("reads rule ids, until=, by= and the justification", () => {
    const d = only("int x; // sterile-ignore hardcoded-credential, cleartext-url until=2026-12-31 by=j.alvarez -- bench only -- see REQ-7\n", "c");
    expect(d).toMatchObject({ form: "line", ruleIds: ["hardcoded-credential", "cleartext-url"], until: "2026-12-31", by: "j.alvarez", justification: "bench only -- see REQ-7", target: 0, problems: [] });
    expect("int x; // sterile-ignore hardcoded-credential, cleartext-url until=2026-12-31 by=j.alvarez -- bench only -- see REQ-7".slice(d.span.start, d.span.end)).toMatch(/^sterile-ignore .*REQ-7$/);
  });

  it("reports what is wrong with malformed directives", () => {
    const problems = (comment: string) => only(`int x; // ${comment}\n`, "c").problems.join(" | ");
    expect(problems("sterile-ignore hardcoded-credential")).toMatch(/no justification/);
    expect(problems("sterile-ignore hardcoded-credential --")).toMatch(/no justification/);
    expect(problems("sterile-ignore hardcoded-credential -- ...")).toMatch(/no justification|placeholder/);
    expect(problems("sterile-ignore hardcoded-credential -- justification")).toMatch(/placeholder/);
    expect(problems("sterile-ignore hardcoded-credential cleartext-url -- why")).toMatch(/separate rule ids with commas/);
    expect(problems("sterile-ignore -- why")).toMatch(/names no rule/);
    expect(problems("sterile-ignore Hardcoded -- why")).toMatch(/not a rule id/);
    expect(problems("sterile-ignore a,,b -- why")).toMatch(/empty rule id/);
    expect(problems("sterile-ignore a until=2026-02-29 -- why")).toMatch(/not a date/);
    expect(problems("sterile-ignore a until=2026-1-5 -- why")).toMatch(/not a date/);
    expect(problems("sterile-ignore a until=2026-01-05 until=2026-01-06 -- why")).toMatch(/twice/);
    expect(problems("sterile-ignore a by= -- why")).toMatch(/names nobody/);
    expect(problems("sterile-ignore a owner=x -- why")).toMatch(/unknown option/);
    expect(problems("sterile-ignore a until=2026-01-05 stray -- why")).toMatch(/unexpected "stray"/);
    expect(problems("sterile-ignore-line a -- why")).toMatch(/unknown directive "sterile-ignore-line"/);
    expect(problems("sterile-ignored a -- why")).toMatch(/unknown directive/);
    // Without `--`, the words after the ids are a justification missing its separator: one problem.
    expect(problems("sterile-ignore hardcoded-credential public sandbox broker")).toBe("no justification (write `-- <why this is acceptable>` after the rule ids)");
  });

  it("accepts real calendar dates only", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027-13-01")).toBe(false);
    expect(utcDate(new Date("2026-03-15T23:59:59-05:00"))).toBe("2026-03-16");
  });

  it("only a comment that opens with the keyword is a directive", () => {
    expect(parseSuppressions("int x; // see sterile-ignore in the docs\n", "c")).toEqual([]);
    expect(parseSuppressions('const char *s = "// sterile-ignore a -- b";\n', "c")).toEqual([]);
    expect(parseSuppressions("int x; /** sterile-ignore hardcoded-credential -- doc comment */\n", "c")[0]?.problems).toEqual([]);
    expect(parseSuppressions("int x; /// sterile-ignore hardcoded-credential -- triple slash\n", "cpp")[0]?.problems).toEqual([]);
  });

  it("reads a text once when the rule and the host ask for the same one in turn, and again when it changes", () => {
    const text = "// sterile-ignore-next-line hardcoded-credential -- bench unit\n#define PASS \"x\"\n";
    const first = parseSuppressions(text, "c");
    expect(parseSuppressions(`${text}`, "c")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const edited = parseSuppressions(text.replace("bench unit", "lab unit"), "c");
    expect(edited).not.toBe(first);
    expect(edited[0]?.justification).toBe("lab unit");
    expect(parseSuppressions(text, "cpp")).not.toBe(edited);
  });
});

describe("comment syntax per language", () => {
  const cases: [LanguageId, string, number | undefined][] = [
    ["c", "// sterile-ignore-next-line hardcoded-credential -- why\nint x;\n", 1],
    ["c", "/* sterile-ignore-next-line hardcoded-credential -- why */\nint x;\n", 1],
    ["cpp", "// sterile-ignore-next-line hardcoded-credential -- why\nint x;\n", 1],
    ["devicetree", "/ {\n\t// sterile-ignore-next-line hardcoded-credential -- why\n\tkey = \"v\";\n};\n", 2],
    ["kconfig", "# sterile-ignore-next-line hardcoded-credential -- why\nCONFIG_X=y\n", 1],
    ["kconfig-def", "config X\n\t# sterile-ignore-next-line hardcoded-credential -- why\n\tdefault \"y\"\n", 2],
    ["yaml", "a:\n  # sterile-ignore-next-line hardcoded-credential -- why\n  b: c\n", 2],
    ["toml", "# sterile-ignore-next-line hardcoded-credential -- why\na = 1\n", 1],
    ["ini", "; sterile-ignore-next-line hardcoded-credential -- why\na = 1\n", 1],
    ["ini", "# sterile-ignore-next-line hardcoded-credential -- why\na = 1\n", 1],
    ["keyvalue", "# sterile-ignore-next-line hardcoded-credential -- why\npassword_file /etc/x\n", 1],
  ];
  for (const [language, text, target] of cases) {
    it(`${language}: ${JSON.stringify(text.split("\n")[0])}`, () => {
      const d = only(text, language);
      expect(d.problems).toEqual([]);
      expect(d.target).toBe(target);
    });
  }

  it("JSON and PEM have no comments: nothing is read", () => {
    expect(parseSuppressions('{"a": "// sterile-ignore x -- y"}\n', "json")).toEqual([]);
    expect(parseSuppressions("# sterile-ignore x -- y\n-----BEGIN X-----\n", "pem")).toEqual([]);
  });

  it("formats without trailing comments only honour whole-line comments", () => {
    expect(parseSuppressions('CONFIG_X="a" # sterile-ignore hardcoded-credential -- why\n', "kconfig")).toEqual([]);
    expect(parseSuppressions("listener 1883 # sterile-ignore hardcoded-credential -- why\n", "keyvalue")).toEqual([]);
    expect(parseSuppressions("board = x ; sterile-ignore hardcoded-credential -- why\n", "ini")).toEqual([]);
  });

  it("trailing comments count where the format has them", () => {
    expect(only('password: "x#y"  # sterile-ignore hardcoded-credential -- why\n', "yaml").target).toBe(0);
    expect(only("url: http://h/p#frag # sterile-ignore cleartext-url -- why\n", "yaml").target).toBe(0);
    expect(only("a = 'x#y' # sterile-ignore hardcoded-credential -- why\n", "toml").target).toBe(0);
    expect(only('\tdefault "a#b" # sterile-ignore hardcoded-credential -- why\n', "kconfig-def").target).toBe(0);
  });

  it("text in strings, raw strings, block scalars and help text is not a comment", () => {
    expect(parseSuppressions('auto s = R"x(\n// sterile-ignore a -- b\n)x";\n', "cpp")).toEqual([]);
    expect(parseSuppressions("script: |\n  # sterile-ignore a -- b\n  echo\n", "yaml")).toEqual([]);
    expect(parseSuppressions('msg: "multi\n  # sterile-ignore a -- b\n  line"\n', "yaml")).toEqual([]);
    expect(parseSuppressions('a = """\n# sterile-ignore a -- b\n"""\n', "toml")).toEqual([]);
    expect(parseSuppressions("config X\n\tbool \"x\"\n\thelp\n\t  # sterile-ignore a -- b\n", "kconfig-def")).toEqual([]);
    // A digit separator is not a character literal, so the comment after it is still read.
    expect(only("long n = 1'000'000; // sterile-ignore hardcoded-credential -- why\n", "cpp").target).toBe(0);
  });
});

describe("target lines", () => {
  it("next-line skips blank lines, comment-only lines and reviewer notes", () => {
    const text = "// sterile-ignore-next-line hardcoded-credential -- why\n\n// Reviewer note: checked.\n/* another\n   note */\nint x;\n";
    expect(only(text, "c").target).toBe(5);
  });

  it("# CONFIG_X is not set is data, so it is the next line", () => {
    const text = "# sterile-ignore-next-line hardcoded-credential -- why\n# a note\n# CONFIG_SECURE_BOOT is not set\n";
    expect(only(text, "kconfig").target).toBe(2);
  });

  it("a code line after a block comment's end is a target", () => {
    expect(only("/* sterile-ignore-next-line hardcoded-credential -- why\n*/ int x;\n", "c").target).toBe(1);
  });

  it("misplaced directives are problems", () => {
    expect(only("// sterile-ignore hardcoded-credential -- why\nint x;\n", "c").problems.join()).toMatch(/holds no code/);
    expect(only("int x;\n// sterile-ignore-next-line hardcoded-credential -- why\n", "c").problems.join()).toMatch(/no line of code follows/);
    expect(only("int x;\n// sterile-ignore-file hardcoded-credential -- why\n", "c").problems.join()).toMatch(/leading comment block/);
    expect(only("/* licence\n * sterile-ignore-file hardcoded-credential -- why\n */\nint x;\n", "c").problems).toEqual([]);
    expect(only("# sterile-ignore-file hardcoded-credential -- why\n# CONFIG_X is not set\n", "kconfig").problems).toEqual([]);
  });
});

describe("dates", () => {
  it("until= is inclusive, in UTC", () => {
    const d = only("int x; // sterile-ignore hardcoded-credential until=2026-03-15 -- why\n", "c");
    expect(localProblems(d, "2026-03-15")).toEqual([]);
    expect(localProblems(d, "2026-03-16").join()).toMatch(/expired on 2026-03-15/);
  });
});

describe("applySuppressions", () => {
  const file = (text: string, language: LanguageId = "c", path = "src/x.c") => ({ path, language, text });

  it("covers findings whose START line is the target, and only the named rules", () => {
    const text = "// sterile-ignore-next-line hardcoded-credential -- why\nconst char *a =\n  \"x\";\nint b;\n";
    const onTarget = findingAt(text, "hardcoded-credential", 1, 2);
    const otherRule = findingAt(text, "cleartext-url", 1);
    const startsLater = findingAt(text, "hardcoded-credential", 2);
    const out = applySuppressions(file(text), [onTarget, otherRule, startsLater], { today: TODAY, resolveRule });
    expect(out.findings.map((f) => Boolean(f.suppression))).toEqual([true, false, false]);
    expect(out.findings[0]!.suppression).toMatchObject({ kind: "inSource", status: "accepted", form: "next-line", justification: "why", location: { path: "src/x.c", line: 0 } });
    expect(out.problems).toEqual([]);
    expect(out.accepted).toMatchObject([{ rules: ["hardcoded-credential"], suppressed: 1, appliesTo: "src/x.c" }]);
  });

  it("resolves aliases to the rule's current id", () => {
    const text = "int x; // sterile-ignore old-credential-name -- renamed rule\n";
    const out = applySuppressions(file(text), [findingAt(text, "hardcoded-credential", 0)], { today: TODAY, resolveRule });
    expect(out.findings[0]!.suppression).toBeDefined();
  });

  it("invalid suppressions suppress nothing; unknown ids are reported here", () => {
    const text = [
      "int a; // sterile-ignore hardcoded-credential",
      "int b; // sterile-ignore hardcoded-credential until=2026-03-14 -- expired yesterday",
      "int c; // sterile-ignore hardcoded-credentail -- typo",
      "int d; // sterile-ignore hardcoded-credential,typo-rule -- one typo spoils it",
    ].join("\n");
    const findings = [0, 1, 2, 3].map((line) => findingAt(text, "hardcoded-credential", line));
    const out = applySuppressions(file(text), findings, { today: TODAY, resolveRule });
    expect(out.findings.every((f) => !f.suppression)).toBe(true);
    expect(out.problems.map((p) => [p.range.startPosition.line, p.ruleId, p.severity])).toEqual([
      [2, INVALID_SUPPRESSION, "warning"],
      [3, INVALID_SUPPRESSION, "warning"],
    ]);
    expect(out.problems[0]!.message).toMatch(/unknown rule "hardcoded-credentail"/);
    expect(out.accepted).toEqual([]);
  });

  it("invalid-suppression findings are never suppressed", () => {
    const text = "int a; // sterile-ignore-file hardcoded-credential -- why\n";
    const own = { ...findingAt(text, INVALID_SUPPRESSION, 0) };
    const out = applySuppressions(file(text), [own], { today: TODAY, resolveRule });
    expect(out.findings[0]!.suppression).toBeUndefined();
  });

  it("a file-level suppression covers the rule everywhere in the file", () => {
    const text = "/* sterile-ignore-file cleartext-url by=r.chen -- offline mirror links */\nint a;\nint b;\n";
    const out = applySuppressions(file(text), [findingAt(text, "cleartext-url", 1), findingAt(text, "cleartext-url", 2), findingAt(text, "hardcoded-credential", 2)], { today: TODAY, resolveRule });
    expect(out.findings.map((f) => f.suppression?.form)).toEqual(["file", "file", undefined]);
    expect(out.accepted[0]).toMatchObject({ by: "r.chen", suppressed: 2 });
  });

  it("with reportUnused, suppressions that cover nothing are findings (unless the rule did not run)", () => {
    const text = "int a; // sterile-ignore hardcoded-credential,cleartext-url -- why\nint b; // sterile-ignore cleartext-url -- why\n";
    const used = findingAt(text, "hardcoded-credential", 0);
    const quiet = applySuppressions(file(text), [used], { today: TODAY, resolveRule });
    expect(quiet.problems).toEqual([]);
    const loud = applySuppressions(file(text), [used], { today: TODAY, resolveRule, reportUnused: true });
    expect(loud.problems.map((p) => [p.range.startPosition.line, p.message])).toEqual([
      [0, expect.stringMatching(/^Unused suppression: no cleartext-url finding on line 1/)],
      [1, expect.stringMatching(/^Unused suppression: no cleartext-url finding on line 2/)],
    ]);
    const notRun = applySuppressions(file(text), [used], { today: TODAY, resolveRule, reportUnused: true, ran: (id) => id !== "cleartext-url" });
    expect(notRun.problems).toEqual([]);
    const off = applySuppressions(file(text), [used], { today: TODAY, resolveRule, reportUnused: true, severity: "off" });
    expect(off.problems).toEqual([]);
  });
});

describe("config suppressions", () => {
  const configText = "suppress:\n  - path: cfg/*.json\n    rules: [hardcoded-credential]\n    justification: bench config\n    by: qa\n  - path: old/**\n    rules: [cleartext-url]\n    justification: TODO\n  - path: x/**\n    rules: [cleartext-url]\n    justification: gone\n    until: 2026-01-01\n";
  const glob = (pattern: string) => (path: string) => (pattern.endsWith("/**") ? path.startsWith(pattern.slice(0, -2)) : path.startsWith(pattern.split("*")[0]!) && path.endsWith(".json"));
  const config = compileConfigSuppressions(
    [
      { path: "cfg/*.json", rules: ["hardcoded-credential"], justification: "bench config", by: "qa", line: 2 },
      { path: "old/**", rules: ["cleartext-url"], justification: "TODO", line: 6 },
      { path: "x/**", rules: ["cleartext-url"], justification: "gone", until: "2026-01-01", line: 9 },
    ],
    { source: { path: ".sterile.yml", text: configText }, matcher: glob, today: TODAY, resolveRule },
  );

  it("covers findings in matching files as external suppressions; inline ones win", () => {
    const json = '{"password": "x"}\n';
    const out = applySuppressions({ path: "cfg/device.json", language: "json", text: json }, [findingAt(json, "hardcoded-credential", 0, 1, "cfg/device.json")], { today: TODAY, resolveRule, config });
    expect(out.findings[0]!.suppression).toMatchObject({ kind: "external", form: "config", pattern: "cfg/*.json", by: "qa", location: { path: ".sterile.yml", line: 1 } });
    expect(out.configUsage.get(0)).toBe(1);
    const other = applySuppressions({ path: "src/device.json", language: "json", text: json }, [findingAt(json, "hardcoded-credential", 0, 1, "src/device.json")], { today: TODAY, resolveRule, config });
    expect(other.findings[0]!.suppression).toBeUndefined();
  });

  it("invalid entries suppress nothing and become findings in the config file; unused ones with reportUnused", () => {
    const text = "int a;\n";
    const out = applySuppressions({ path: "old/a.c", language: "c", text }, [findingAt(text, "cleartext-url", 0, 1, "old/a.c")], { today: TODAY, resolveRule, config });
    expect(out.findings[0]!.suppression).toBeUndefined();
    const settled = settleConfigSuppressions(config, new Map([[0, 3]]), { reportUnused: true });
    expect(settled.problems.map((p) => [p.path, p.range.startPosition.line + 1, p.message.replace(/:.*/, "")])).toEqual([
      [".sterile.yml", 6, 'Invalid suppress'],
      [".sterile.yml", 9, 'Invalid suppress'],
    ]);
    expect(settled.problems[0]!.message).toMatch(/placeholder/);
    expect(settled.problems[1]!.message).toMatch(/expired on 2026-01-01/);
    expect(settled.accepted).toMatchObject([{ kind: "external", suppressed: 3, pattern: "cfg/*.json" }]);
    const unused = settleConfigSuppressions(config, new Map(), { reportUnused: true });
    expect(unused.problems.some((p) => /^Unused suppress: entry/.test(p.message))).toBe(true);
  });
});

describe("agreement with the editor's suppression writer", () => {
  for (const language of LANGUAGE_IDS) {
    const probe = suppressionLine(language, "hardcoded-credential", "  ", "\n", "bench build only, see REQ-7");
    if (!probe) {
      it(`${language}: has no comments, so the config form applies`, () => {
        expect(LANGUAGES[language].comments.line).toEqual([]);
      });
      continue;
    }
    it(`${language}: the inserted line parses as a valid next-line suppression of the line below`, () => {
      const data = language === "c" || language === "cpp" ? "  int x = 1;\n" : language === "devicetree" ? "  key = <1>;\n" : language === "yaml" ? "  key: v\n" : "  key = v\n";
      const text = `${probe.text}${data}`;
      const d = only(text, language);
      expect(d).toMatchObject({ form: "next-line", ruleIds: ["hardcoded-credential"], justification: "bench build only, see REQ-7", target: 1, problems: [] });
    });
    it(`${language}: the untouched placeholder is not a justification`, () => {
      const placeholder = suppressionLine(language, "hardcoded-credential", "", "\n")!;
      const d = only(`${placeholder.text}key = v\n`, language);
      expect(d.problems.join()).toMatch(/placeholder/);
    });
  }
});

describe("linear time", () => {
  const hostile: [LanguageId, string][] = [
    ["c", `/*${" sterile-ignore a".repeat(20_000)}\n`.repeat(30)],
    ["c", `// sterile-ignore ${"a,".repeat(100_000)} ${"-- ".repeat(50_000)}\n`],
    ["cpp", `auto s = R"(${"\n// sterile-ignore a -- b".repeat(30_000)}`],
    ["c", `int x = ${"'".repeat(200_000)} // sterile-ignore a -- b\n`],
    ["yaml", `a: "${"\\\"#".repeat(100_000)}\n# sterile-ignore a -- b\n`.repeat(3)],
    ["yaml", `x: |\n${"  # sterile-ignore a -- b\n".repeat(40_000)}`],
    ["toml", `a = """${"\n# sterile-ignore a -- b".repeat(40_000)}`],
    ["kconfig", "# sterile-ignore-next-line a -- b\n".repeat(40_000)],
    ["kconfig-def", `config X\n\thelp\n${"\t  # sterile-ignore a -- b\n".repeat(40_000)}`],
  ];
  for (const [language, text] of hostile) {
    it(`${language}: ${text.length} characters of hostile input`, () => {
      const started = performance.now();
      const out = parseSuppressions(text, language);
      const ms = performance.now() - started;
      expect(Array.isArray(out)).toBe(true);
      expect(ms).toBeLessThan(1500);
    });
  }
});
