// Validates our SARIF with Microsoft's SARIF Multitool (offline, from npm), the validator GitHub
// code scanning's own checks derive from: zero errors allowed.

import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeProject, runCli } from "../support/cli.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

const require = createRequire(import.meta.url);

function multitool(): string | undefined {
  try {
    const bin = require("@microsoft/sarif-multitool") as string;
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

interface ValidationResult {
  level?: string;
  ruleId: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

describe("SARIF output", () => {
  it("passes Microsoft's SARIF validator with zero errors (examples, rule fixtures and skipped files)", () => {
    const bin = multitool();
    if (!bin) {
      console.log("SARIF validation skipped: @microsoft/sarif-multitool's platform binary is not installed here");
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "sterile-sarif-"));
    const targets: [string, string[]][] = [
      ["rules.sarif", ["rules"]],
      ...(existsSync(join(REPO_ROOT, "examples")) ? ([["examples.sarif", ["examples"]]] as [string, string[]][]) : []),
    ];
    // A project with a skipped binary, so toolExecutionNotifications are validated too.
    const withSkips = makeProject({ "fw/blob.c": new Uint8Array([0, 1, 2, 0]), "fw/wifi.c": '#define WIFI_PASS "Hq7-pump!x"\n' });
    for (const [name, paths] of targets) {
      const out = join(dir, name);
      const run = runCli(["scan", ...paths, "--format", "sarif", "--output", out, "--fail-on", "none"]);
      expect(run.status, run.stderr).toBe(0);
    }
    targets.push(["skips.sarif", []]);
    expect(runCli(["scan", "--format", "sarif", "--output", join(dir, "skips.sarif"), "--fail-on", "none"], { cwd: withSkips }).status).toBe(0);
    for (const [name] of targets) {
      const out = join(dir, name);
      const log = join(dir, `${name}.validation.sarif`);
      const validation = spawnSync(bin, ["validate", out, "--output", log], { encoding: "utf8", timeout: 120_000 });
      expect(validation.status, validation.stdout + validation.stderr).toBe(0);
      const results = (JSON.parse(readFileSync(log, "utf8")) as { runs: { results?: ValidationResult[] }[] }).runs[0]?.results ?? [];
      const errors = results.filter((r) => (r.level ?? "warning") === "error");
      expect(errors.map((e) => `${e.ruleId}: ${e.message.text ?? e.message.arguments?.join(" ")}`)).toEqual([]);
      // The one warning we accept: no informationUri, because there is no public site yet.
      const warnings = results.filter((r) => r.level === "warning" && r.ruleId !== "SARIF2005");
      expect(warnings.map((w) => `${w.ruleId}: ${w.message.arguments?.join(" ")}`)).toEqual([]);
    }
  });

  it("carries what GitHub code scanning reads: rules, tags, security-severity, fingerprints, relative URIs", () => {
    const run = runCli(["scan", "rules", "--format", "sarif", "--fail-on", "none"]);
    const sarif = JSON.parse(run.stdout) as {
      runs: {
        tool: { driver: { name: string; rules: { id: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string }; properties: { tags: string[]; "security-severity": string } }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        columnKind: string;
        results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[]; partialFingerprints: Record<string, string> }[];
      }[];
    };
    const runRecord = sarif.runs[0]!;
    expect(runRecord.tool.driver.name).toBe("sterile");
    expect(runRecord.columnKind).toBe("utf16CodeUnits");
    expect(runRecord.originalUriBaseIds["%SRCROOT%"]!.uri).toMatch(/^file:\/\/.*\/$/);
    for (const rule of runRecord.tool.driver.rules) {
      expect(rule.help.markdown).toContain("## Why it matters on a medical device");
      expect(rule.properties.tags).toContain("security");
      expect(rule.properties.tags.some((t) => /^external\/cwe\/cwe-\d+$/.test(t))).toBe(true);
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
    }
    expect(runRecord.results.length).toBeGreaterThan(0);
    for (const result of runRecord.results) {
      expect(runRecord.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      const location = result.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(location.artifactLocation.uri).toMatch(/^rules\//);
      expect(location.region.startLine).toBeGreaterThan(0);
      expect(result.partialFingerprints["sterile/v1"]).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
  });
});
