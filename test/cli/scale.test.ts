// Scale features keep results exact: worker threads, shards merged back, and the prefilter.

import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

const TARGETS = ["examples", "rules"];
const stripTimes = (text: string) => text.replace(/"(startedAt|finishedAt|startTimeUtc|endTimeUtc)": "[^"]*"/g, '"$1": ""');

function scan(args: string[]): string {
  const run = runCli(["scan", ...TARGETS, "--fail-on", "none", ...args]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe("scale", () => {
  it("--jobs N gives identical, identically ordered output for any N", () => {
    const one = stripTimes(scan(["--format", "json", "--jobs", "1"]));
    expect((JSON.parse(one) as { findings: unknown[] }).findings.length).toBeGreaterThan(20);
    for (const jobs of ["2", "3"]) expect(stripTimes(scan(["--format", "json", "--jobs", jobs])), `--jobs ${jobs}`).toBe(one);
    expect(stripTimes(scan(["--format", "sarif", "--jobs", "2"]))).toBe(stripTimes(scan(["--format", "sarif", "--jobs", "1"])));
  });

  it("--shard K/N runs merged with `sterile merge` equal one unsharded run (json and sarif)", () => {
    const dir = mkdtempSync(join(tmpdir(), "sterile-shards-"));
    for (const format of ["json", "sarif"]) {
      const single = stripTimes(scan(["--format", format]));
      const parts: string[] = [];
      for (let k = 1; k <= 3; k++) {
        const out = join(dir, `shard-${k}.${format}`);
        writeFileSync(out, scan(["--format", format, "--shard", `${k}/3`]));
        parts.push(out);
      }
      const merged = join(dir, `merged.${format}`);
      const run = runCli(["merge", "--format", format, ...parts, "--output", merged]);
      expect(run.status, run.stderr).toBe(0);
      const shardSizes = parts.map((p) => (JSON.parse(readFileSync(p, "utf8")) as { findings?: unknown[]; runs?: { results: unknown[] }[] }));
      const counts = shardSizes.map((r) => (r.findings ?? r.runs![0]!.results).length);
      expect(counts.filter((c) => c > 0).length, "findings spread over several shards").toBeGreaterThan(1);
      const mergedText = readFileSync(merged, "utf8");
      const normalise = (text: string) => {
        const data = JSON.parse(stripTimes(text)) as { summary?: Record<string, number> };
        // Each shard parses only its own files.
        if (data.summary) delete data.summary.filesParsed;
        return JSON.stringify(data, null, 2);
      };
      expect(normalise(mergedText)).toBe(normalise(single));
    }
  });

  it("the prefilter changes what is parsed, never what is found", () => {
    const on = JSON.parse(scan(["--format", "json"])) as { findings: unknown[]; summary: { filesScanned: number; filesParsed: number } };
    const off = JSON.parse(scan(["--format", "json", "--no-prefilter"])) as { findings: unknown[]; summary: { filesScanned: number; filesParsed: number } };
    expect(on.findings).toEqual(off.findings);
    expect(on.summary.filesScanned).toBe(off.summary.filesScanned);
    expect(on.summary.filesParsed).toBeLessThanOrEqual(off.summary.filesParsed);
  });

  it("rejects malformed --jobs and --shard", () => {
    for (const args of [["--jobs", "0"], ["--jobs", "many"], ["--shard", "4/3"], ["--shard", "0/2"], ["--shard", "1"]]) {
      const run = runCli(["scan", "examples", ...args]);
      expect(run.status, args.join(" ")).toBe(2);
    }
    expect(runCli(["merge", "--format", "sarif"]).status).toBe(2);
    expect(REPO_ROOT.length).toBeGreaterThan(0);
  });
});
