// Desktop VS Code through @vscode/test-electron: downloads VS Code, starts it with this extension
// under development and runs test/e2e/vscode/suite.cjs inside it. These machines cannot download
// VS Code (no route to its update server, and no npm or Debian package ships it), so here the test
// says so and skips; it runs wherever the download works, or against a local VS Code named by
// STERILE_VSCODE_EXECUTABLE.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { copyWardMonitor } from "./support/fixture.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const UPDATE_HOST = "update.code.visualstudio.com";

async function unavailable() {
  const local = process.env.STERILE_VSCODE_EXECUTABLE;
  if (local) return existsSync(local) ? undefined : `STERILE_VSCODE_EXECUTABLE=${local} does not exist`;
  try {
    await Promise.race([lookup(UPDATE_HOST), new Promise((_, reject) => setTimeout(() => reject(new Error("DNS timeout")), 5000))]);
    return undefined;
  } catch (error) {
    return `VS Code cannot be downloaded here (${UPDATE_HOST}: ${error.code ?? error.message}); set STERILE_VSCODE_EXECUTABLE to run against a local VS Code`;
  }
}

test("desktop VS Code (@vscode/test-electron): diagnostics, hover, quick fix, workspace scan", { timeout: 600_000 }, async (t) => {
  const reason = await unavailable();
  if (reason) {
    t.skip(reason);
    return;
  }
  const { runTests } = await import("@vscode/test-electron");
  const work = mkdtempSync(join(tmpdir(), "sterile-vscode-"));
  const project = join(work, "ward-monitor");
  copyWardMonitor(project);
  try {
    await runTests({
      ...(process.env.STERILE_VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.STERILE_VSCODE_EXECUTABLE } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, "test", "e2e", "vscode", "suite.cjs"),
      launchArgs: [project, "--disable-extensions", "--disable-workspace-trust", "--skip-welcome", "--user-data-dir", join(work, "user-data")],
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
