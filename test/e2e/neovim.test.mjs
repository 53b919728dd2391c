// Neovim (Debian `neovim`, 0.7.2 here) as a client we did not write: its built-in LSP client starts
// `sterile lsp --stdio`, receives the diagnostics for the fixture's C file, applies a quick fix and
// sees the finding go. Skips, saying why, where `nvim` is not installed.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { copyWardMonitor } from "./support/fixture.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function nvimVersion() {
  const probe = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.split("\n")[0] : undefined;
}

test("Neovim's LSP client: diagnostics, quick fix, finding gone", (t) => {
  const version = nvimVersion();
  if (!version) {
    t.skip("nvim is not installed (Debian package: neovim)");
    return;
  }
  const project = mkdtempSync(join(tmpdir(), "sterile-nvim-"));
  copyWardMonitor(project);
  const resultFile = join(project, "result.json");
  try {
    const started = Date.now();
    const run = spawnSync("nvim", ["--headless", "--clean", "-n", "-i", "NONE", "-c", `luafile ${join(root, "test", "e2e", "neovim", "quick-fix.lua")}`], {
      cwd: project,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        STERILE_ROOT: project,
        STERILE_RESULT: resultFile,
        STERILE_NODE: process.execPath,
        STERILE_CLI: join(root, "dist", "cli.js"),
      },
    });
    let result;
    try {
      result = JSON.parse(readFileSync(resultFile, "utf8"));
    } catch {
      assert.fail(`Neovim wrote no result (exit ${run.status}, signal ${run.signal}): ${run.stderr || run.stdout}`);
    }
    t.diagnostic(`${version}; ${Date.now() - started} ms; first diagnostics after ${Math.round(result.first_diagnostics_ms)} ms`);
    assert.equal(result.error, undefined, `Neovim script failed: ${result.error}\n${JSON.stringify(result, null, 2)}`);
    assert.deepEqual(result.diagnostics.map((d) => d.code).sort(), ["cleartext-url", "hardcoded-credential"]);
    assert.ok(result.actions.includes("Use https:// (may change behaviour)"), `actions: ${result.actions}`);
    assert.ok(result.actions.includes("Suppress cleartext-url with justification"), `actions: ${result.actions}`);
    assert.equal(result.line_after_fix, '#define TELEMETRY_URL "https://telemetry.example-hospital.net/v1/vitals"');
    assert.deepEqual(result.after.map((d) => d.code), ["hardcoded-credential"]);
    assert.match(result.hover ?? "", /Why it matters on a medical device/);
    const saved = readFileSync(join(project, "src", "wifi.c"), "utf8");
    assert.match(saved, /"https:\/\/telemetry\.example-hospital\.net/);
    for (const d of result.diagnostics) assert.doesNotMatch(d.message, /Zq8!mediPump-774/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
