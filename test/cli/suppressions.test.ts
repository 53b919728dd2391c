// Suppressions through the CLI: suppressed findings are kept (JSON, SARIF), counted (text) and never
// fail the run; invalid and, on request, unused suppressions are findings that do.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { makeProject, runCli } from "../support/cli.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

const SUPPRESSED = `#include <string.h>
// sterile-ignore-next-line hardcoded-credential until=2099-12-31 by=j.alvarez -- vendor sandbox broker, holds no patient data
// Reviewer note: confirmed with the vendor's published sandbox docs.
#define SANDBOX_PASS "Zq8!mediPump-774"
`;

interface JsonReport {
  summary: { findings: number; suppressed: number; error: number; warning: number };
  findings: { ruleId: string; path: string; line: number; suppression?: { kind: string; status: string; justification: string; by?: string; until?: string; location: { path: string; line: number } } }[];
}

function json(dir: string, args: string[] = []): JsonReport {
  return JSON.parse(runCli(["scan", "--format", "json", ...args], { cwd: dir }).stdout) as JsonReport;
}

describe("suppressions in scan", () => {
  it("a justified suppression keeps the run green; the finding stays in JSON with its suppression", () => {
    const dir = makeProject({ "src/wifi.c": SUPPRESSED });
    const text = runCli(["scan"], { cwd: dir });
    expect(text.status, text.stdout).toBe(0);
    expect(text.stdout).toMatch(/No findings in 1 file; 1 suppressed with a justification/);
    expect(text.stdout).not.toContain("SANDBOX_PASS");
    const report = json(dir);
    expect(report.summary).toMatchObject({ findings: 0, suppressed: 1, error: 0 });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: "hardcoded-credential",
      line: 4,
      suppression: { kind: "inSource", status: "accepted", justification: "vendor sandbox broker, holds no patient data", by: "j.alvarez", until: "2099-12-31", location: { path: "src/wifi.c", line: 2 } },
    });
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "sterile-report.schema.json"), "utf8")) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("SARIF carries suppressions[] with kind, status and justification", () => {
    const dir = makeProject({ "src/wifi.c": SUPPRESSED });
    const run = runCli(["scan", "--format", "sarif"], { cwd: dir });
    expect(run.status).toBe(0);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification: string; location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }; properties: { by?: string; until?: string } }[] }[] }[] };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === "hardcoded-credential")!;
    expect(result.suppressions).toHaveLength(1);
    expect(result.suppressions![0]).toMatchObject({ kind: "inSource", status: "accepted", justification: "vendor sandbox broker, holds no patient data", properties: { by: "j.alvarez", until: "2099-12-31" } });
    expect(result.suppressions![0]!.location.physicalLocation).toMatchObject({ artifactLocation: { uri: "src/wifi.c" }, region: { startLine: 2 } });
  });

  it("an invalid suppression suppresses nothing and is itself a finding", () => {
    const dir = makeProject({
      "src/a.c": '// sterile-ignore-next-line hardcoded-credential\n#define WIFI_PASS "Zq8!mediPump-774"\n',
      "src/b.c": '#define API_PASS "Qx7!wardNet-991" // sterile-ignore hardcoded-credentail -- typo in the rule id\n',
      "src/c.c": '// sterile-ignore-next-line hardcoded-credential until=2020-01-31 -- bench build, long gone\n#define OLD_PASS "Jp4!ward-old-5521"\n',
    });
    const run = runCli(["scan", "--format", "json"], { cwd: dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const got = report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}${f.suppression ? " suppressed" : ""}`).sort();
    expect(got).toEqual([
      "src/a.c:1 invalid-suppression",
      "src/a.c:2 hardcoded-credential",
      "src/b.c:1 hardcoded-credential",
      "src/b.c:1 invalid-suppression",
      "src/c.c:1 invalid-suppression",
      "src/c.c:2 hardcoded-credential",
    ]);
    expect(report.summary.suppressed).toBe(0);
  });

  it("invalid-suppression counts toward --fail-on like any warning", () => {
    const dir = makeProject({ "src/a.c": "int x; // sterile-ignore hardcoded-credential\n" });
    expect(runCli(["scan"], { cwd: dir }).status).toBe(1);
    expect(runCli(["scan", "--fail-on", "error"], { cwd: dir }).status).toBe(0);
  });

  it("--report-unused-suppressions turns suppressions that cover nothing into findings", () => {
    const dir = makeProject({ "src/a.c": `${SUPPRESSED}// sterile-ignore-next-line cleartext-url -- left over from the HTTP bench build\nint unrelated;\n` });
    expect(runCli(["scan"], { cwd: dir }).status).toBe(0);
    const run = runCli(["scan", "--report-unused-suppressions", "--format", "json"], { cwd: dir });
    expect(run.status).toBe(1);
    const unused = (JSON.parse(run.stdout) as JsonReport).findings.filter((f) => f.ruleId === "invalid-suppression");
    expect(unused.map((f) => f.line)).toEqual([5]);
  });

  it("the project config's suppress: covers files without comments (JSON) as external suppressions", () => {
    const dir = makeProject({
      "cfg/bench.json": '{ "wifi": { "password": "Jp4!ward-json-5521" } }\n',
      ".sterile.yml": "suppress:\n  - path: cfg/*.json\n    rules: [hardcoded-credential]\n    justification: bench rig only, the release image reads Wi-Fi credentials from NVS\n    by: qa-lead\n",
    });
    const run = runCli(["scan", "--format", "json"], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings[0]).toMatchObject({ path: "cfg/bench.json", suppression: { kind: "external", by: "qa-lead", location: { path: ".sterile.yml", line: 2 } } });
    const sarif = JSON.parse(runCli(["scan", "--format", "sarif"], { cwd: dir }).stdout) as { runs: { results: { suppressions?: { kind: string }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.suppressions?.[0]?.kind).toBe("external");
  });

  it("an expired suppress: entry is a finding in the config file and suppresses nothing", () => {
    const dir = makeProject({
      "cfg/bench.json": '{ "wifi": { "password": "Jp4!ward-json-5521" } }\n',
      ".sterile.yml": "suppress:\n  - path: cfg/*.json\n    rules: [hardcoded-credential]\n    justification: bench rig only\n    until: 2021-06-30\n",
    });
    const run = runCli(["scan", "--format", "json"], { cwd: dir });
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as JsonReport).findings.map((f) => `${f.path}:${f.line} ${f.ruleId}${f.suppression ? " suppressed" : ""}`);
    expect(findings.sort()).toEqual([".sterile.yml:2 invalid-suppression", "cfg/bench.json:1 hardcoded-credential"]);
  });
});
