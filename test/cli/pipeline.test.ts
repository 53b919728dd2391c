// Build-pipeline features: project config, context grading, baselines, diff-aware scans, CI
// formats, several outputs in one run, and --fix.

import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeProject, runCli } from "../support/cli.ts";

const PASSWORD_LINE = '#define WIFI_PASS "Zq8!mediPump-774"\n';
const SECRET = "Zq8!mediPump-774";

interface JsonReport {
  findings: { ruleId: string; path: string; line: number; severity: string; fingerprint: string }[];
  baseline?: { file: string; matched: number };
  summary: { findings: number };
}

function json(dir: string, args: string[] = []): JsonReport {
  const run = runCli(["scan", "--format", "json", ...args], { cwd: dir });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as JsonReport;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main", ...args], { cwd: dir, encoding: "utf8" });
}

describe("project config", () => {
  it("turns rules off, changes severities, excludes paths and sets failOn", () => {
    const dir = makeProject({ "src/a.c": PASSWORD_LINE, "gen/b.c": PASSWORD_LINE });
    expect(json(dir).findings.map((f) => f.path).sort()).toEqual(["gen/b.c", "src/a.c"]);
    writeFileSync(join(dir, ".sterile.yml"), "rules:\n  hardcoded-credential: note\nexclude:\n  - gen/**\nfailOn: error\n");
    const report = json(dir);
    expect(report.findings.map((f) => [f.path, f.severity])).toEqual([["src/a.c", "note"]]);
    expect(runCli(["scan"], { cwd: dir }).status).toBe(0);
    expect(runCli(["scan", "--fail-on", "note"], { cwd: dir }).status).toBe(1);
    writeFileSync(join(dir, ".sterile.yml"), "rules:\n  hardcoded-credential: off\n");
    expect(json(dir).findings).toEqual([]);
  });

  it("applies per-path overrides, later ones winning", () => {
    const dir = makeProject({ "src/a.c": PASSWORD_LINE, "vendor/lib/b.c": PASSWORD_LINE, ".sterile.json": JSON.stringify({ overrides: [{ files: ["vendor/**"], rules: { "hardcoded-credential": "off" } }, { files: ["vendor/lib/**"], rules: { "hardcoded-credential": "warning" } }] }) });
    expect(json(dir).findings.map((f) => [f.path, f.severity])).toEqual([["src/a.c", "error"], ["vendor/lib/b.c", "warning"]]);
  });

  it("grades the same line by the file's role, and the context policy overrides it", () => {
    const dir = makeProject({ "src/wifi.c": PASSWORD_LINE, "test/test_wifi.c": PASSWORD_LINE });
    const graded = Object.fromEntries(json(dir).findings.map((f) => [f.path, f.severity]));
    expect(graded).toEqual({ "src/wifi.c": "error", "test/test_wifi.c": "warning" });
    writeFileSync(join(dir, ".sterile.yml"), "context:\n  test: skip\n");
    expect(json(dir).findings.map((f) => f.path)).toEqual(["src/wifi.c"]);
  });

  it("grades host tooling under a top-level tools/ folder like tests, and the policy can skip it", () => {
    const dir = makeProject({ "src/wifi.c": PASSWORD_LINE, "tools/flash_helper/wifi.c": PASSWORD_LINE, "components/tools/wifi.c": PASSWORD_LINE });
    const graded = Object.fromEntries(json(dir).findings.map((f) => [f.path, f.severity]));
    expect(graded).toEqual({ "src/wifi.c": "error", "tools/flash_helper/wifi.c": "warning", "components/tools/wifi.c": "error" });
    writeFileSync(join(dir, ".sterile.yml"), "context:\n  tooling: skip\n");
    expect(json(dir).findings.map((f) => f.path).sort()).toEqual(["components/tools/wifi.c", "src/wifi.c"]);
  });

  it("reports invalid config as file:line with exit 2, never a stack trace", () => {
    const cases: [string, string, RegExp][] = [
      [".sterile.yml", "rules:\n  hardcoded-credential: loud\n", /^sterile: \.sterile\.yml:2: .*(error|warning|note|off)/],
      [".sterile.yml", "rules:\n  no-such-rule: off\n", /^sterile: \.sterile\.yml:2: unknown rule "no-such-rule"/],
      [".sterile.yml", "exclude: [a\nfailOn: error\n", /^sterile: \.sterile\.yml:\d+: /],
      [".sterile.yml", "failOn: error\nfailon: note\n", /^sterile: \.sterile\.yml:2: unknown key "failon"/],
      [".sterile.json", '{ "rules": { "hardcoded-credential": "off" }, }', /^sterile: \.sterile\.json:\d+: /],
    ];
    for (const [name, text, expected] of cases) {
      const dir = makeProject({ "src/a.c": PASSWORD_LINE, [name]: text });
      const run = runCli(["scan"], { cwd: dir });
      expect(run.status, text).toBe(2);
      expect(run.stderr, text).toMatch(expected);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("refuses two config files in one folder, and honours --config", () => {
    const dir = makeProject({ "src/a.c": PASSWORD_LINE, ".sterile.yml": "failOn: none\n", ".sterile.json": "{}" });
    const run = runCli(["scan"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/two config files/);
    const other = makeProject({ "src/a.c": PASSWORD_LINE, "ci/strict.yml": "rules:\n  hardcoded-credential: off\n" });
    expect(json(other, ["--config", "ci/strict.yml"]).findings).toEqual([]);
  });
});

describe("baselines", () => {
  it("records findings without secrets, one sorted entry per line, and reports only new ones", () => {
    const dir = makeProject({ "src/b.c": PASSWORD_LINE, "src/a.c": PASSWORD_LINE });
    const created = runCli(["baseline", "create"], { cwd: dir });
    expect(created.status).toBe(0);
    const file = readFileSync(join(dir, ".sterile-baseline.json"), "utf8");
    expect(file).not.toContain(SECRET);
    const entryLines = file.split("\n").filter((l) => l.trim().startsWith('{"rule"'));
    expect(entryLines).toHaveLength(2);
    expect(entryLines[0]).toContain("src/a.c");
    expect(runCli(["scan", "--baseline", ".sterile-baseline.json"], { cwd: dir }).status).toBe(0);
    // Edits above a finding do not invalidate it: fingerprints hold no line numbers.
    writeFileSync(join(dir, "src", "a.c"), `/* header added later */\n#include <stdint.h>\n\n${PASSWORD_LINE}`);
    const report = json(dir, ["--baseline", ".sterile-baseline.json"]);
    expect(report.findings).toEqual([]);
    expect(report.baseline).toEqual({ file: ".sterile-baseline.json", matched: 2 });
    writeFileSync(join(dir, "src", "c.c"), '#define MQTT_PASSWORD "n3w-Secret-9"\n');
    const withNew = runCli(["scan", "--baseline", ".sterile-baseline.json"], { cwd: dir });
    expect(withNew.status).toBe(1);
    expect(withNew.stdout).toContain("src/c.c");
    expect(withNew.stdout).not.toContain("src/a.c");
    expect(withNew.stdout).toMatch(/2 matched the baseline/);
    const sarif = JSON.parse(runCli(["scan", "--baseline", ".sterile-baseline.json", "--format", "sarif"], { cwd: dir }).stdout) as {
      runs: { results: { baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const states = sarif.runs[0]!.results.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.baselineState]).sort();
    expect(states).toEqual([["src/a.c", "unchanged"], ["src/b.c", "unchanged"], ["src/c.c", "new"]]);
  });

  it("prune drops entries that no longer match", () => {
    const dir = makeProject({ "src/a.c": PASSWORD_LINE, "src/b.c": PASSWORD_LINE });
    runCli(["baseline", "create", "--output", "base.json"], { cwd: dir });
    writeFileSync(join(dir, "src", "b.c"), "int fixed;\n");
    const pruned = runCli(["baseline", "prune", "--output", "base.json"], { cwd: dir });
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toMatch(/pruned 1 of 2/);
    expect(readFileSync(join(dir, "base.json"), "utf8")).not.toContain("src/b.c");
  });

  it("rejects a file that is not a baseline", () => {
    const dir = makeProject({ "src/a.c": PASSWORD_LINE, "bad.json": "[1,2]" });
    const run = runCli(["scan", "--baseline", "bad.json"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not a Sterile baseline/);
  });
});

describe("--changed-since", () => {
  function repo(): string {
    const dir = makeProject({ "src/old.c": PASSWORD_LINE, "src/touched.c": `int a;\n${PASSWORD_LINE}int b;\n` });
    execFileSync("rm", ["-rf", join(dir, ".git")]);
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "base");
    return dir;
  }

  it("reports only findings on lines changed since the ref", () => {
    const dir = repo();
    writeFileSync(join(dir, "src", "touched.c"), `int a;\n${PASSWORD_LINE}int b;\n#define API_TOKEN "tk_9fJ2kQ77ab"\n`);
    writeFileSync(join(dir, "src", "brand-new.c"), PASSWORD_LINE);
    const report = json(dir, ["--changed-since", "HEAD"]);
    expect(report.findings.map((f) => `${f.path}:${f.line}`).sort()).toEqual(["src/brand-new.c:1", "src/touched.c:4"]);
  });

  it("never runs the repository's code: hooks, external diff and textconv drivers stay off", () => {
    const dir = repo();
    const marker = join(dir, "PWNED");
    const script = join(dir, "evil.sh");
    writeFileSync(script, `#!/bin/sh\ntouch ${marker}\ncat "$1" 2>/dev/null\n`, { mode: 0o755 });
    git(dir, "config", "diff.external", script);
    git(dir, "config", "diff.evil.textconv", script);
    git(dir, "config", "filter.evil.clean", script);
    git(dir, "config", "core.fsmonitor", script);
    git(dir, "config", "core.pager", script);
    writeFileSync(join(dir, ".gitattributes"), "*.c diff=evil filter=evil\n");
    mkdirSync(join(dir, ".git", "hooks"), { recursive: true });
    for (const hook of ["post-checkout", "pre-commit", "reference-transaction"]) writeFileSync(join(dir, ".git", "hooks", hook), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    writeFileSync(join(dir, "src", "touched.c"), `int a;\n${PASSWORD_LINE}int c;\n`);
    const run = runCli(["scan", "--changed-since", "HEAD", "--format", "json"], { cwd: dir });
    expect(run.status, run.stderr).not.toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it("fails with a clear message for a ref that does not exist (e.g. in a shallow clone)", () => {
    const dir = repo();
    writeFileSync(join(dir, "src", "x.c"), PASSWORD_LINE);
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "second");
    const shallow = join(dir, "..", `${dir.split("/").pop()}-shallow`);
    git(join(dir, ".."), "clone", "-q", "--depth", "1", `file://${dir}`, shallow);
    const missing = runCli(["scan", "--changed-since", "HEAD~1"], { cwd: shallow });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^sterile: --changed-since: "HEAD~1" is not a commit.*shallow/);
    expect(runCli(["scan", "--changed-since", "HEAD"], { cwd: shallow }).status).toBe(0);
  });
});

describe("CI formats and several outputs", () => {
  const files = { "src/a.c": PASSWORD_LINE, "src/clean.c": "int main(void) { return 0; }\n" };

  it("github: one workflow command per finding, with file and position", () => {
    const dir = makeProject(files);
    const out = runCli(["scan", "--format", "github"], { cwd: dir }).stdout.trim().split("\n");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^::error file=src\/a\.c,line=1,endLine=1,col=\d+,endColumn=\d+,title=sterile hardcoded-credential::Hard-coded/);
    expect(out[0]).not.toContain(SECRET);
  });

  it("junit: one test case per scanned file, failures list findings", () => {
    const dir = makeProject(files);
    const xml = runCli(["scan", "--format", "junit"], { cwd: dir }).stdout;
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toMatch(/<testcase classname="sterile" name="src\/a\.c">\s*<failure type="hardcoded-credential" message="1 finding">src\/a\.c:1:\d+ error hardcoded-credential/);
    expect(xml).toMatch(/<testcase classname="sterile" name="src\/clean\.c"\/>/);
    expect(xml).toMatch(/<testsuites name="sterile" tests="2" failures="1"/);
    // Well-formed enough for a strict parser: every opened element is closed.
    expect((xml.match(/<testcase\b[^>]*[^/]>/g) ?? []).length).toBe((xml.match(/<\/testcase>/g) ?? []).length);
  });

  it("gitlab: Code Quality issues with check name, severity, fingerprint and location", () => {
    const dir = makeProject(files);
    const issues = JSON.parse(runCli(["scan", "--format", "gitlab"], { cwd: dir }).stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ check_name: "hardcoded-credential", severity: "critical", location: { path: "src/a.c", lines: { begin: 1 } } });
    expect(issues[0]!.fingerprint.length).toBeGreaterThan(10);
  });

  it("markdown: a summary and a table", () => {
    const dir = makeProject(files);
    const md = runCli(["scan", "--format", "markdown"], { cwd: dir }).stdout;
    expect(md).toMatch(/^## Sterile firmware security scan/);
    expect(md).toMatch(/\| Severity \| Rule \| Location \| Message \|/);
    expect(md).toContain("`src/a.c:1`");
  });

  it("writes several formats in one run, and refuses ambiguous outputs", () => {
    const dir = makeProject(files);
    const run = runCli(["scan", "--format", "sarif=out/r.sarif", "--format", "junit=out/r.xml", "--format", "text"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/src\/a\.c:1:\d+ {2}error/);
    expect((JSON.parse(readFileSync(join(dir, "out", "r.sarif"), "utf8")) as { version: string }).version).toBe("2.1.0");
    expect(readFileSync(join(dir, "out", "r.xml"), "utf8")).toContain("<testsuites");
    const two = runCli(["scan", "--format", "json", "--format", "text"], { cwd: dir });
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/only one --format can go to stdout/);
    const withOutput = runCli(["scan", "--format", "json", "--format", "sarif=x.sarif", "--output", "y"], { cwd: dir });
    expect(withOutput.status).toBe(2);
  });
});

describe("--fix", () => {
  const SDKCONFIG = "CONFIG_PARTITION_TABLE_TWO_OTA=y\r\nCONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\r\nCONFIG_LOG_DEFAULT_LEVEL=3\r\n";
  const TLS_C = `#include "mbedtls/ssl.h"\nvoid setup(mbedtls_ssl_config *conf) {\n    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);\n}\n${PASSWORD_LINE}`;

  it("applies safe fixes atomically, keeps BOM and CRLF, and is idempotent", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SDKCONFIG)]);
    const dir = makeProject({ "sdkconfig.defaults": bom, "src/tls.c": TLS_C });
    const run = runCli(["scan", "--fix"], { cwd: dir });
    expect(run.stdout).toMatch(/^fixed sdkconfig\.defaults: ota-http-allowed/m);
    const after = readFileSync(join(dir, "sdkconfig.defaults"));
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = after.subarray(3).toString("utf8");
    expect(text).not.toContain("CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y");
    expect(text.split("\r\n")).toHaveLength(SDKCONFIG.split("\r\n").length);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    // Unsafe fixes stay unapplied without --unsafe-fixes.
    expect(readFileSync(join(dir, "src", "tls.c"), "utf8")).toBe(TLS_C);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    const again = runCli(["scan", "--fix"], { cwd: dir });
    expect(again.stdout).toMatch(/fixed 0 files/);
    expect(readFileSync(join(dir, "sdkconfig.defaults"))).toEqual(after);
  });

  it("leaves suppressed findings alone", () => {
    const suppressed = TLS_C.replace("    mbedtls_ssl_conf_authmode", "    // sterile-ignore-next-line tls-verification-disabled -- bench rig with a self-signed test CA only\n    mbedtls_ssl_conf_authmode");
    const dir = makeProject({ "src/tls.c": suppressed });
    runCli(["scan", "--fix", "--unsafe-fixes"], { cwd: dir });
    expect(readFileSync(join(dir, "src", "tls.c"), "utf8")).toBe(suppressed);
  });

  it("--unsafe-fixes applies fixes that may change behaviour", () => {
    const dir = makeProject({ "src/tls.c": TLS_C });
    runCli(["scan", "--fix", "--unsafe-fixes"], { cwd: dir });
    expect(readFileSync(join(dir, "src", "tls.c"), "utf8")).toContain("MBEDTLS_SSL_VERIFY_REQUIRED");
  });

  it("--dry-run prints a unified diff with secrets masked and changes nothing", () => {
    const dir = makeProject({ "src/tls.c": TLS_C, "sdkconfig.defaults": SDKCONFIG });
    const run = runCli(["scan", "--fix", "--unsafe-fixes", "--dry-run"], { cwd: dir });
    expect(run.stdout).toMatch(/^--- a\/src\/tls\.c\n\+\+\+ b\/src\/tls\.c\n@@ -\d+,\d+ \+\d+,\d+ @@/m);
    expect(run.stdout).toMatch(/^-    mbedtls_ssl_conf_authmode\(conf, MBEDTLS_SSL_VERIFY_NONE\);$/m);
    expect(run.stdout).toMatch(/^\+    mbedtls_ssl_conf_authmode\(conf, MBEDTLS_SSL_VERIFY_REQUIRED\);$/m);
    expect(run.stdout).not.toContain(SECRET);
    expect(readFileSync(join(dir, "src", "tls.c"), "utf8")).toBe(TLS_C);
    expect(readFileSync(join(dir, "sdkconfig.defaults"), "utf8")).toBe(SDKCONFIG);
    expect(runCli(["scan", "--dry-run"], { cwd: dir }).status).toBe(2);
  });
});

describe("config schema", () => {
  it("ships, is contributed to VS Code for completion, and accepts the README's example", async () => {
    const { REPO_ROOT } = await import("../support/fixtures.ts");
    const { parseProjectConfig } = await import("../../server/src/config/project-config.ts");
    const { allRules } = await import("../../rules/index.ts");
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { contributes: { yamlValidation: { fileMatch: string[]; url: string }[]; jsonValidation: { fileMatch: string[]; url: string }[] } };
    const yaml = manifest.contributes.yamlValidation[0]!;
    const jsonValidation = manifest.contributes.jsonValidation[0]!;
    expect(yaml.fileMatch).toEqual([".sterile.yml", ".sterile.yaml"]);
    expect(jsonValidation.fileMatch).toEqual([".sterile.json"]);
    for (const url of [yaml.url, jsonValidation.url]) expect(existsSync(join(REPO_ROOT, url))).toBe(true);
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Project configuration"));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const config = parseProjectConfig(".sterile.yml", example, new Set(allRules.map((r) => r.id)));
    expect(config.overrides.length).toBeGreaterThan(0);
  });
});
