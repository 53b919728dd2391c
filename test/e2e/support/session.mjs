// One code-server session for a workbench test: the packaged .vsix in a fresh code-server, the
// fixture project copied into a temporary folder, Chromium on the folder, timings per step, a
// screenshot and the server's log on failure, and everything torn down after. A browser-driven
// workbench occasionally drops a keystroke or a menu under load, so the scenario gets one retry in
// a fresh session with the first failure printed; a real regression fails both attempts.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumMissing, launchChromium } from "./chromium.mjs";
import { codeServerMissing, packagedVsix, startCodeServer } from "./code-server.mjs";
import { copyWardMonitor } from "./fixture.mjs";
import { openFolder, step } from "./workbench.mjs";

export const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "test-results");

/**
 * Runs `scenario({ page, server, project, timings })` in a fresh session (once more on failure).
 * `prepare(project)` may add files before code-server starts; `failureShot` names the screenshot.
 */
export async function withWorkbench(t, { settings, prepare, failureShot }, scenario) {
  const reason = chromiumMissing() ?? codeServerMissing();
  if (reason) {
    t.skip(reason);
    return;
  }
  const attempt = async () => {
    const timings = [];
    mkdirSync(RESULTS, { recursive: true });
    const work = mkdtempSync(join(tmpdir(), "sterile-code-server-"));
    const project = join(work, "ward-monitor");
    copyWardMonitor(project);
    prepare?.(project);
    const server = await step("code-server install check, vsix install and start", () => startCodeServer({ workDir: work, vsix: packagedVsix(), settings }), timings);
    const context = await launchChromium(join(work, "chromium"));
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      await step("workbench", () => openFolder(page, server.url, project), timings);
      await scenario({ page, server, project, timings });
      t.diagnostic(timings.join("; "));
    } catch (error) {
      await page.screenshot({ path: join(RESULTS, failureShot) }).catch(() => {});
      const log = server.log().split("\n").slice(-40).join("\n");
      throw new Error(`${error.message}\n--- timings: ${timings.join("; ")}\n--- code-server log (tail):\n${log}`, { cause: error });
    } finally {
      await context.close().catch(() => {});
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    }
  };
  try {
    await attempt();
  } catch (error) {
    t.diagnostic(`first attempt failed, retrying once: ${String(error.message).split("\n")[0]}`);
    await attempt();
  }
}

/** What both workbench scenarios leave on disk: the URL fixed to https and the secret suppressed with its justification. */
export function assertFixedAndSuppressed(project) {
  const saved = readFileSync(join(project, "src", "wifi.c"), "utf8");
  assert.match(saved, /#define TELEMETRY_URL "https:\/\/telemetry\.example-hospital\.net\/v1\/vitals"/);
  assert.match(saved, /\/\/ sterile-ignore-next-line hardcoded-credential -- public test broker, no patient data\n#define WIFI_PASS/);
}
