// The browser build in a real workbench: code-server with the packaged .vsix, forced into VS Code's
// web-worker extension host (`"remote.extensionKind": { "sterile.sterile": ["web"] }`, so the
// `browser` entry runs, as on vscode.dev), where the extension URI is `vscode-remote:` — the case
// that needs the `blob:` worker and the handed-over `.wasm` bytes. Checks that no Node language
// server process exists, that the project config (read through `vscode.workspace.fs`) applies, and
// that squiggles, hover, a quick fix and a justified suppression work; the workspace scan says it
// is unavailable; a restart starts a fresh worker. Screenshots: test-results/code-server-browser*.png. Skips, saying why, without
// Debian's chromium (or libkrb5-dev before code-server is installed).

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { assertFixedAndSuppressed, RESULTS, withWorkbench } from "./support/session.mjs";
import { applyCodeAction, goTo, hoverOver, openFile, runCommand, step, waitForSelection, WORKBENCH_SETTINGS } from "./support/workbench.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** Node processes running our desktop server bundle (the Node extension host's language server). */
function nodeServerProcesses(extensionsDir) {
  const lines = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n");
  return lines.filter((line) => line.includes(extensionsDir) && /dist\/server\.js/.test(line));
}

test("code-server web worker host: the browser build — squiggles, project config, hover, quick fix, suppression, scan refusal, restart", { timeout: 300_000 }, async (t) => {
  await withWorkbench(
    t,
    {
      settings: { ...WORKBENCH_SETTINGS, "remote.extensionKind": { [EXTENSION_ID]: ["web"] } },
      // Read by the client through vscode.workspace.fs and applied by the worker: the URL finding
      // becomes a note (an information squiggle) instead of a warning.
      prepare: (project) => writeFileSync(join(project, ".sterile.yml"), "rules:\n  cleartext-url: note\n"),
      failureShot: "code-server-browser-failure.png",
    },
    async ({ page, server, project, timings }) => {
      await step("open src/wifi.c", () => openFile(page, "wifi.c", "WIFI_PASS"), timings);

      await step("squiggles (error; the config's note)", async () => {
        await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 60_000 });
        await page.locator(".monaco-editor .squiggly-info").first().waitFor({ timeout: 30_000 });
        assert.equal(await page.locator(".monaco-editor .squiggly-warning").count(), 0, "cleartext-url is a note under the project config");
        await page.locator(".statusbar-item", { hasText: /Sterile: 2/ }).first().waitFor({ timeout: 20_000 });
      }, timings);

      await step("running in the web worker host, not Node", async () => {
        assert.deepEqual(nodeServerProcesses(server.extensions), [], "a Node language server runs: the extension is not in the web worker host");
        await runCommand(page, "Output: Show Output Channels");
        await page.locator(".quick-input-list .monaco-list-row", { hasText: "Sterile" }).first().waitFor({ timeout: 20_000 });
        await page.keyboard.type("Sterile");
        await page.keyboard.press("Enter");
        const output = page.locator(".panel .monaco-editor .view-lines", { hasText: "Started the server worker" });
        await output.first().waitFor({ timeout: 20_000 });
        // The output view wraps long lines, and renders spaces as non-breaking or zero-width characters.
        const text = (await output.first().innerText()).replace(/[\s\u00a0\u200b-\u200d\u2060]+/g, " ");
        assert.match(text, /Started the server worker \(\d+ wasm files, \d+ KiB\) in \d+ ms from vscode-remote: URIs/, JSON.stringify(text));
        await page.screenshot({ path: join(RESULTS, "code-server-browser-output.png") });
        await page.locator(".tabs-container .tab", { hasText: "wifi.c" }).click();
      }, timings);

      const hover = await step("hover", async () => {
        await hoverOver(page, ".monaco-editor .squiggly-error");
        const widget = page.locator(".monaco-hover", { hasText: "Why it matters on a medical device" });
        await widget.first().waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(RESULTS, "code-server-browser-hover.png") });
        return widget.first().innerText();
      }, timings);
      assert.match(hover, /CWE-798/);
      assert.doesNotMatch(hover, /Zq8!mediPump-774/);

      await step("quick fix via Ctrl+.", async () => {
        await page.mouse.move(5, 5);
        await goTo(page, 8, 35);
        await applyCodeAction(page, "Use https:// (may change behaviour)");
        await page.locator(".monaco-editor .view-lines", { hasText: "https://telemetry" }).waitFor({ timeout: 20_000 });
        await page.waitForFunction(() => document.querySelectorAll(".monaco-editor .squiggly-info").length === 0, null, { timeout: 30_000 });
      }, timings);

      await step("suppress with justification", async () => {
        await goTo(page, 7, 25);
        await applyCodeAction(page, "Suppress hardcoded-credential with justification");
        await page.locator(".monaco-editor .view-lines", { hasText: "sterile-ignore-next-line hardcoded-credential -- justification" }).waitFor({ timeout: 20_000 });
        await waitForSelection(page);
        await page.keyboard.type("public test broker, no patient data");
        await page.waitForFunction(() => document.querySelectorAll(".monaco-editor .squiggly-error").length === 0, null, { timeout: 30_000 });
        await page.locator(".statusbar-item", { hasText: /Sterile: 0/ }).first().waitFor({ timeout: 20_000 });
        await page.keyboard.press("Control+S");
        await page.waitForFunction(() => !document.querySelector(".tabs-container .tab.dirty"), null, { timeout: 20_000 });
        await page.keyboard.press("Home");
        await page.mouse.move(5, 5);
        await page.screenshot({ path: join(RESULTS, "code-server-browser.png") });
      }, timings);

      await step("Sterile: Scan Workspace says why it cannot", async () => {
        await runCommand(page, "Sterile: Scan Workspace");
        await page.locator(".notifications-toasts", { hasText: /Scan Workspace is not available in the browser/ }).first().waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(RESULTS, "code-server-browser-scan.png") });
      }, timings);

      await step("Sterile: Restart Server starts a fresh worker", async () => {
        await runCommand(page, "Sterile: Restart Server");
        await page.waitForFunction(
          () => ((document.querySelector(".panel .monaco-editor .view-lines")?.textContent ?? "").replace(/[\s\u00a0]+/g, " ").match(/Started the server worker/g) ?? []).length >= 2,
          null,
          { timeout: 30_000 },
        );
        await page.locator(".statusbar-item", { hasText: /Sterile: 0/ }).first().waitFor({ timeout: 20_000 });
      }, timings);
      assertFixedAndSuppressed(project);
    },
  );
});
