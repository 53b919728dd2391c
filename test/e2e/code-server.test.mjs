// Real VS Code (code-server 4.139: the VS Code workbench and extension host, in Chromium driven by
// playwright-core): install the packaged .vsix, open the fixture's C file, see the squiggles and
// the Problems entries, hover, open a rule's rendered docs page from the diagnostic's link, apply
// a quick fix through Ctrl+., suppress the other finding with its justification typed over the
// selected placeholder, save, and see both findings gone. Screenshots go to test-results/.
// Skips, saying why, without Debian's chromium (or libkrb5-dev before code-server is installed).

import { join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertFixedAndSuppressed, RESULTS, withWorkbench } from "./support/session.mjs";
import { applyCodeAction, goTo, hoverOver, openFile, runCommand, step, waitForSelection, WORKBENCH_SETTINGS } from "./support/workbench.mjs";


test("code-server: squiggles, Problems, hover, docs, quick fix via Ctrl+., suppression, save, workspace scan, restart", { timeout: 300_000 }, async (t) => {
  await withWorkbench(t, { settings: WORKBENCH_SETTINGS, failureShot: "code-server-failure.png" }, async ({ page, server, project, timings }) => {
    await step("open src/wifi.c", () => openFile(page, "wifi.c", "WIFI_PASS"), timings);

    await step("squiggles", async () => {
      await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 60_000 });
      await page.locator(".monaco-editor .squiggly-warning").first().waitFor({ timeout: 30_000 });
    }, timings);

    await step("status bar", async () => {
      await page.locator(".statusbar-item", { hasText: /Sterile: 2/ }).first().waitFor({ timeout: 20_000 });
    }, timings);

    const problems = await step("Problems panel", async () => {
      await page.keyboard.press("Control+Shift+M");
      const rows = page.locator(".markers-panel .monaco-list-row");
      await rows.filter({ hasText: "cleartext-url" }).first().waitFor({ timeout: 20_000 });
      await rows.filter({ hasText: "hardcoded-credential" }).first().waitFor({ timeout: 20_000 });
      return (await rows.allInnerTexts()).join("\n");
    }, timings);
    assert.match(problems, /sterile/);
    assert.doesNotMatch(problems, /Zq8!mediPump-774/, "a secret reached the Problems panel");

    const hover = await step("hover", async () => {
      await hoverOver(page, ".monaco-editor .squiggly-error");
      const widget = page.locator(".monaco-hover", { hasText: "Why it matters on a medical device" });
      await widget.first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(RESULTS, "code-server-hover.png") });
      return widget.first().innerText();
    }, timings);
    assert.match(hover, /CWE-798/);
    assert.match(hover, /hardcoded-credential/);
    assert.doesNotMatch(hover, /Zq8!mediPump-774/);

    await step("rule docs from the diagnostic's link", async () => {
      const link = page.locator(".monaco-hover a.code-link", { hasText: "hardcoded-credential" }).first();
      await link.click();
      await page.locator(".tabs-container .tab", { hasText: /Preview hardcoded-credential\.md/ }).waitFor({ timeout: 30_000 });
      // The raw text tab is swapped for the rendered preview.
      await page.waitForFunction(() => ![...document.querySelectorAll(".tabs-container .tab")].some((tab) => /^hardcoded-credential\.md/.test(tab.textContent ?? "")), null, { timeout: 15_000 });
      // The preview is a webview (nested iframes): wait until the rendered page shows.
      const rendered = async () => {
        for (const frame of page.frames()) {
          const text = await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "");
          if (text.includes("Why it matters on a medical device") && !text.includes("## Why")) return true;
        }
        return false;
      };
      const deadline = Date.now() + 30_000;
      while (!(await rendered())) {
        assert.ok(Date.now() < deadline, "the rule's docs page did not render");
        await page.waitForTimeout(250);
      }
      await page.waitForTimeout(1500); // the webview paints a moment after its text is there
      await page.screenshot({ path: join(RESULTS, "code-server-docs.png") });
      await page.keyboard.press("Control+W");
      await page.locator(".tabs-container .tab", { hasText: "wifi.c" }).click();
    }, timings);

    await step("quick fix via Ctrl+.", async () => {
      await goTo(page, 8, 35);
      await applyCodeAction(page, "Use https:// (may change behaviour)");
      await page.locator(".monaco-editor .view-lines", { hasText: "https://telemetry" }).waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => document.querySelectorAll(".monaco-editor .squiggly-warning").length === 0, null, { timeout: 30_000 });
    }, timings);

    await step("suppress with justification", async () => {
      await goTo(page, 7, 25);
      await applyCodeAction(page, "Suppress hardcoded-credential with justification");
      await page.locator(".monaco-editor .view-lines", { hasText: "sterile-ignore-next-line hardcoded-credential -- justification" }).waitFor({ timeout: 20_000 });
      // The placeholder is selected: typing replaces it.
      await waitForSelection(page);
      await page.keyboard.type("public test broker, no patient data");
      await page.locator(".monaco-editor .view-lines", { hasText: "hardcoded-credential -- public test broker, no patient data" }).waitFor({ timeout: 20_000 });
    }, timings);

    await step("save, finding gone", async () => {
      await page.keyboard.press("Control+S");
      await page.waitForFunction(() => !document.querySelector(".tabs-container .tab.dirty"), null, { timeout: 20_000 });
      const rows = page.locator(".markers-panel .monaco-list-row");
      // The fixed finding and the justified one are both gone.
      await page.waitForFunction(
        () => ![...document.querySelectorAll(".markers-panel .monaco-list-row")].some((r) => /cleartext-url|hardcoded-credential/.test(r.textContent ?? "")),
        null,
        { timeout: 20_000 },
      );
      await page.locator(".statusbar-item", { hasText: /Sterile: 0/ }).first().waitFor({ timeout: 20_000 });
      assert.equal(await rows.count(), 0);
      await page.keyboard.press("Home");
      await page.mouse.move(5, 5);
      await page.screenshot({ path: join(RESULTS, "code-server.png") });
    }, timings);

    await step("Sterile: Scan Workspace", async () => {
      await runCommand(page, "Sterile: Scan Workspace");
      const rows = page.locator(".markers-panel .monaco-list-row");
      await rows.filter({ hasText: "sdkconfig" }).first().waitFor({ timeout: 30_000 });
      await rows.filter({ hasText: "gateway.json" }).first().waitFor({ timeout: 30_000 });
      await page.locator(".notifications-toasts", { hasText: /Sterile: scanned \d+ files/ }).first().waitFor({ timeout: 30_000 });
      const text = (await rows.allInnerTexts()).join("\n");
      assert.doesNotMatch(text, /generated\.c/, "a .gitignored file was scanned");
      await page.screenshot({ path: join(RESULTS, "code-server-scan.png") });
    }, timings);

    await step("Sterile: Restart Server", async () => {
      await runCommand(page, "Sterile: Restart Server");
      await page.locator(".statusbar-item", { hasText: /Sterile: \d+/ }).first().waitFor({ timeout: 30_000 });
    }, timings);
    assertFixedAndSuppressed(project);
  });
});
