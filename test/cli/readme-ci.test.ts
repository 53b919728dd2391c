// Runs every `npx sterile …` and `git fetch …` command of the README's "In CI" section, in a
// throwaway repository with a local `origin`, the way a pipeline would.

import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, makeProject } from "../support/cli.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

function ciCommands(): string[] {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## In CI"), readme.indexOf("\n## ", readme.indexOf("## In CI") + 3));
  const blocks = [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const commands: string[] = [];
  for (const block of blocks) {
    for (const line of block.split("\n")) {
      const command = line.replace(/^\s*(?:-\s*)?(?:run:\s*)?/, "").replace(/\s+#.*$/, "").trim();
      if (/^(?:npx sterile|git fetch)\b/.test(command)) commands.push(command);
    }
  }
  return commands;
}

describe("README: In CI", () => {
  it("every snippet command runs in a fresh repository", () => {
    const commands = ciCommands();
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const origin = makeProject({ "src/wifi.c": '#define WIFI_PASS "Zq8!mediPump-774"\n' });
    execFileSync("rm", ["-rf", join(origin, ".git")]);
    const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
    git(origin, "init", "-q");
    git(origin, "add", ".");
    git(origin, "commit", "-qm", "base");
    const work = join(mkdtempSync(join(tmpdir(), "sterile-ci-")), "work");
    git(join(work, ".."), "clone", "-q", `file://${origin}`, work);
    const bin = join(work, ".bin");
    execFileSync("mkdir", ["-p", bin]);
    // `npx sterile` resolves to this checkout's CLI, as it does after `npm ci` in a real pipeline.
    writeFileSync(join(bin, "npx"), `#!/bin/sh\n[ "$1" = sterile ] && shift && exec "${process.execPath}" "${CLI}" "$@"\nexit 127\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    for (const command of commands) {
      const run = spawnSync("sh", ["-c", command], { cwd: work, env, encoding: "utf8", timeout: 120_000 });
      expect([0, 1], `${command}\n${run.stderr}`).toContain(run.status);
      expect(run.stderr, command).not.toMatch(/internal error/);
    }
    for (const produced of ["sterile.sarif", "gl-code-quality-report.json", "sterile-junit.xml", ".sterile-baseline.json"]) {
      expect(existsSync(join(work, produced)), produced).toBe(true);
    }
  });
});
