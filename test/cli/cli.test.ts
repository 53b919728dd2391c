// The CLI as pipelines use it: every flag, exit code and format, run as a separate process.

import { describe, expect, it } from "vitest";
import { readFileSync, existsSync, symlinkSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { makeProject, runCli } from "../support/cli.ts";
import { REPO_ROOT } from "../support/fixtures.ts";
import { allRules } from "../../rules/index.ts";

const LEAKY_SOURCE = `#include <string.h>
#define WIFI_SSID "ward-7"
#define WIFI_PASS "Zq8!mediPump-774"
static const char *api_token = "tk_9fJ2kQ77ab";
`;
const PLANTED_SECRETS = ["Zq8!mediPump-774", "tk_9fJ2kQ77ab"];

function project(extra: Record<string, string | Uint8Array> = {}): string {
  return makeProject({ "src/wifi.c": LEAKY_SOURCE, "src/clean.c": "int main(void) { return 0; }\n", ...extra });
}

describe("sterile CLI", () => {
  it("--version prints the package version", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const run = runCli(["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it("--help describes the commands and exits 0; no command exits 2", () => {
    const help = runCli(["--help"]);
    expect(help.status).toBe(0);
    for (const word of ["scan", "rules", "--format", "--fail-on", "--exclude", "--parser", "--max-file-size"]) expect(help.stdout).toContain(word);
    expect(runCli([]).status).toBe(2);
    expect(runCli(["scan", "--help"]).status).toBe(0);
  });

  it("rules --format json lists every rule with its metadata", () => {
    const run = runCli(["rules", "--format", "json"]);
    expect(run.status).toBe(0);
    const listed = JSON.parse(run.stdout) as { id: string; family: string; severity: string; cwe: string[]; languages: string[]; fixable: unknown }[];
    expect(listed.map((r) => r.id)).toEqual(allRules.map((r) => r.id));
    for (const rule of listed) {
      expect(rule.cwe.length).toBeGreaterThan(0);
      expect(rule.languages.length).toBeGreaterThan(0);
      expect(["error", "warning", "note"]).toContain(rule.severity);
    }
    const text = runCli(["rules"]);
    for (const rule of allRules) expect(text.stdout).toContain(rule.id);
  });

  it("exits 1 on findings, 0 on a clean tree, and honours --fail-on", () => {
    const dir = project();
    expect(runCli(["scan"], { cwd: dir }).status).toBe(1);
    expect(runCli(["scan", "src/clean.c"], { cwd: dir }).status).toBe(0);
    expect(runCli(["scan", "--fail-on", "none"], { cwd: dir }).status).toBe(0);
    expect(runCli(["scan", "--fail-on", "error"], { cwd: dir }).status).toBe(1);
  });

  it("exits 2 with a one-line message for bad usage and missing paths, a stack trace only with --debug", () => {
    const dir = project();
    for (const args of [["scan", "does-not-exist"], ["scan", "--format", "xml"], ["scan", "--fail-on", "sometimes"], ["scan", "--bogus"], ["frobnicate"], ["scan", "--max-file-size", "lots"]]) {
      const run = runCli(args, { cwd: dir });
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^sterile: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("text output: location, severity, rule, message, a redacted code frame, a summary; no colour when piped", () => {
    const dir = project();
    const run = runCli(["scan"], { cwd: dir });
    expect(run.stdout).toMatch(/^src\/wifi\.c:3:\d+ {2}error {2}hardcoded-credential {2}/m);
    expect(run.stdout).toMatch(/^ {2}> +3 \| #define WIFI_PASS "Zq\*+"/m);
    expect(run.stdout).toMatch(/findings? \(\d+ errors?, \d+ warnings?, \d+ notes?\) in 2 files scanned/);
    for (const secret of PLANTED_SECRETS) expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it("json output validates against the shipped schema", () => {
    const dir = project();
    const run = runCli(["scan", "--format", "json"], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string }[]; summary: { filesScanned: number } };
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "sterile-report.schema.json"), "utf8")) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary.filesScanned).toBe(2);
    expect(report.findings.every((f) => f.path === "src/wifi.c")).toBe(true);
    for (const secret of PLANTED_SECRETS) expect(run.stdout).not.toContain(secret);
  });

  it("--output writes the report to a file and keeps stdout empty", () => {
    const dir = project();
    const run = runCli(["scan", "--format", "sarif", "--output", "out/results.sarif"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const sarif = JSON.parse(readFileSync(join(dir, "out", "results.sarif"), "utf8")) as { version: string };
    expect(sarif.version).toBe("2.1.0");
  });

  it("paths are relative to the project root whatever the working directory", () => {
    const dir = project();
    const run = runCli(["scan", ".", "--format", "json"], { cwd: join(dir, "src") });
    const report = JSON.parse(run.stdout) as { findings: { path: string }[] };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.path === "src/wifi.c")).toBe(true);
  });

  it("honours .gitignore (nested too) and --exclude", () => {
    const dir = project({ ".gitignore": "build/\n", "build/gen.c": LEAKY_SOURCE, "vendor/.gitignore": "*.c\n", "vendor/lib.c": LEAKY_SOURCE, "third/x.c": LEAKY_SOURCE });
    const json = (args: string[]) => JSON.parse(runCli([...args, "--format", "json"], { cwd: dir }).stdout) as { findings: { path: string }[] };
    const paths = new Set(json(["scan"]).findings.map((f) => f.path));
    expect([...paths].sort()).toEqual(["src/wifi.c", "third/x.c"]);
    const excluded = new Set(json(["scan", "--exclude", "third/**"]).findings.map((f) => f.path));
    expect([...excluded]).toEqual(["src/wifi.c"]);
    const all = new Set(json(["scan", "--no-gitignore"]).findings.map((f) => f.path));
    expect(all.has("build/gen.c") && all.has("vendor/lib.c")).toBe(true);
  });

  it("skips binary, oversized and special files, lists them in json and SARIF, and does not fail for them", () => {
    const binary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]);
    const dir = makeProject({ "fw/blob.c": binary, "fw/big.c": `/* ${"x".repeat(5000)} */\n`, "fw/ok.c": "int x;\n" });
    try {
      symlinkSync("loop-b.c", join(dir, "fw", "loop-a.c"));
      symlinkSync("loop-a.c", join(dir, "fw", "loop-b.c"));
      execFileSync("mkfifo", [join(dir, "fw", "pipe.c")]);
    } catch {
      // mkfifo/symlinks unavailable: the binary and size cases still run.
    }
    const run = runCli(["scan", "--format", "json", "--max-file-size", "1k"], { cwd: dir });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { skipped: { path: string; reason: string }[] };
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(reasons["fw/blob.c"]).toBe("binary");
    expect(reasons["fw/big.c"]).toBe("too-large");
    if (existsSync(join(dir, "fw", "pipe.c"))) expect(reasons["fw/pipe.c"]).toBe("not-a-regular-file");
    const sarif = JSON.parse(runCli(["scan", "--format", "sarif", "--max-file-size", "1k"], { cwd: dir }).stdout) as {
      runs: { invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[] }[];
    };
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications ?? [];
    expect(notes.some((n) => n.message.text.includes("fw/blob.c"))).toBe(true);
    expect(notes.some((n) => n.message.text.includes("fw/big.c"))).toBe(true);
    const text = runCli(["scan", "--max-file-size", "1k"], { cwd: dir });
    expect(text.stdout).toMatch(/skipped fw\/blob\.c: binary/);
  });

  it("output is deterministic apart from timestamps", () => {
    const dir = project({ "b/sdkconfig": 'CONFIG_EXAMPLE_WIFI_PASSWORD="h7!kQ2-mediNet"\n', "a/x.c": LEAKY_SOURCE });
    const strip = (s: string) => s.replace(/"(startedAt|finishedAt|startTimeUtc|endTimeUtc)": "[^"]*"/g, "");
    for (const format of ["json", "sarif", "text"]) {
      const one = runCli(["scan", "--format", format], { cwd: dir }).stdout;
      const two = runCli(["scan", "--format", format], { cwd: dir }).stdout;
      expect(strip(one)).toBe(strip(two));
    }
  });

  it("--parser native and auto give the same findings as wasm", () => {
    const dir = project();
    const findings = (parser: string) => {
      const run = runCli(["scan", "--format", "json", "--parser", parser], { cwd: dir });
      return (JSON.parse(run.stdout) as { findings: unknown[] }).findings;
    };
    const wasm = findings("wasm");
    expect(findings("auto")).toEqual(wasm);
    const native = runCli(["scan", "--format", "json", "--parser", "native"], { cwd: dir });
    if (native.status === 2) {
      console.log(`skipping native comparison: ${native.stderr.trim()}`);
      return;
    }
    expect((JSON.parse(native.stdout) as { findings: unknown[]; parser: string }).findings).toEqual(wasm);
  });

  it("NO_COLOR is respected and colour never reaches a file", () => {
    const dir = project();
    const run = runCli(["scan", "--output", "report.txt"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(readFileSync(join(dir, "report.txt"), "utf8")).not.toMatch(/\u001b\[/);
    expect(run.status).toBe(1);
  });

  it("an explicitly named file is scanned even when .gitignore covers it", () => {
    const dir = project({ ".gitignore": "secret/\n", "secret/creds.c": LEAKY_SOURCE });
    mkdirSync(join(dir, "empty"), { recursive: true });
    writeFileSync(join(dir, "empty", "README.txt"), "nothing to lint");
    expect(runCli(["scan", "secret/creds.c"], { cwd: dir }).status).toBe(1);
    expect(runCli(["scan", "empty"], { cwd: dir }).status).toBe(0);
  });
});
