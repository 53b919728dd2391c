// Real VS Code (code-server 4.139: the VS Code workbench and extension host, in Chromium driven by
// playwright-core): install the packaged .vsix, open the fixture's C file, see the squiggles and
// the Problems entries, hover, open a rule's rendered docs page from the diagnostic's link, apply
// a quick fix through Ctrl+., suppress the other finding with its justification typed over the
// selected placeholder, save, and see both findings gone. Screenshots go to test-results/.
// Skips, saying why, without Debian's chromium (or libkrb5-dev before code-server is installed).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { copyWardMonitor } from "./support/fixture.mjs";
import { CODE_SERVER_ENTRY } from "./support/code-server-install.mjs";
import { startCodeServer } from "./support/code-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const results = join(root, "test-results");
const CHROMIUM = process.env.STERILE_CHROMIUM ?? "/usr/bin/chromium";
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const vsix = join(root, "out", `${pkg.name}-${pkg.version}.vsix`);

function skipReason() {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (Debian package: chromium)`;
  if (!existsSync(CODE_SERVER_ENTRY) && !existsSync("/usr/include/gssapi/gssapi.h")) {
    return "libkrb5-dev is not installed (Debian package: libkrb5-dev; code-server's kerberos module builds from source offline)";
  }
  return undefined;
}

const SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "editor.hover.delay": 200,
  "editor.minimap.enabled": false,
  "files.autoSave": "off",
  "git.enabled": false,
  "chat.disableAIFeatures": true,
};

async function step(name, fn, log) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    log.push(`${name}: ${Date.now() - started} ms`);
  }
}

test("code-server: squiggles, Problems, hover, docs, quick fix via Ctrl+., suppression, save, workspace scan, restart", { timeout: 300_000 }, async (t) => {
  const reason = skipReason();
  if (reason) {
    t.skip(reason);
    return;
  }
  const timings = [];
  if (!existsSync(vsix)) {
    const built = spawnSync(process.execPath, [join(root, "scripts", "package.mjs")], { cwd: root, encoding: "utf8" });
    assert.equal(built.status, 0, `packaging failed: ${built.stderr}`);
  }
  mkdirSync(results, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "sterile-code-server-"));
  const project = join(work, "ward-monitor");
  copyWardMonitor(project);

  const server = await step("code-server install check, vsix install and start", () => startCodeServer({ workDir: work, vsix, settings: SETTINGS }), timings);
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(join(work, "chromium"), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await step("workbench", async () => {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(project)}`);
      await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
      await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
    }, timings);

    await step("open src/wifi.c", async () => {
      await page.keyboard.press("Control+P");
      await page.locator(".quick-input-widget input").waitFor();
      await page.keyboard.type("wifi.c");
      await page.locator(".quick-input-list .monaco-list-row", { hasText: "wifi.c" }).first().waitFor({ timeout: 20_000 });
      await page.keyboard.press("Enter");
      await page.locator(".monaco-editor .view-lines", { hasText: "WIFI_PASS" }).waitFor({ timeout: 20_000 });
    }, timings);

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
      const box = await page.locator(".monaco-editor .squiggly-error").first().boundingBox();
      assert.ok(box, "no squiggle to hover");
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const widget = page.locator(".monaco-hover", { hasText: "Why it matters on a medical device" });
      await widget.first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(results, "code-server-hover.png") });
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
      await page.screenshot({ path: join(results, "code-server-docs.png") });
      await page.keyboard.press("Control+W");
      await page.locator(".tabs-container .tab", { hasText: "wifi.c" }).click();
    }, timings);

    await step("quick fix via Ctrl+.", async () => {
      await page.keyboard.press("Control+G");
      await page.keyboard.type("8:35");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Control+Period");
      const fix = page.locator(".monaco-list-row.action", { hasText: "Use https:// (may change behaviour)" });
      await fix.first().waitFor({ timeout: 20_000 });
      await fix.first().click();
      await page.locator(".monaco-editor .view-lines", { hasText: "https://telemetry" }).waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => document.querySelectorAll(".monaco-editor .squiggly-warning").length === 0, null, { timeout: 30_000 });
    }, timings);

    await step("suppress with justification", async () => {
      await page.keyboard.press("Control+G");
      await page.keyboard.type("7:25");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Control+Period");
      const suppress = page.locator(".monaco-list-row.action", { hasText: "Suppress hardcoded-credential with justification" });
      await suppress.first().waitFor({ timeout: 20_000 });
      await suppress.first().click();
      await page.locator(".monaco-editor .view-lines", { hasText: "sterile-ignore-next-line hardcoded-credential -- justification" }).waitFor({ timeout: 20_000 });
      // The placeholder is selected: typing replaces it.
      await page.waitForTimeout(500);
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
      await page.screenshot({ path: join(results, "code-server.png") });
    }, timings);

    const runCommand = async (title) => {
      await page.keyboard.press("F1");
      await page.locator(".quick-input-widget input").waitFor();
      await page.keyboard.type(title);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 20_000 });
      await page.keyboard.press("Enter");
    };

    await step("Sterile: Scan Workspace", async () => {
      await runCommand("Sterile: Scan Workspace");
      const rows = page.locator(".markers-panel .monaco-list-row");
      await rows.filter({ hasText: "sdkconfig" }).first().waitFor({ timeout: 30_000 });
      await rows.filter({ hasText: "gateway.json" }).first().waitFor({ timeout: 30_000 });
      await page.locator(".notifications-toasts", { hasText: /Sterile: scanned \d+ files/ }).first().waitFor({ timeout: 30_000 });
      const text = (await rows.allInnerTexts()).join("\n");
      assert.doesNotMatch(text, /generated\.c/, "a .gitignored file was scanned");
      await page.screenshot({ path: join(results, "code-server-scan.png") });
    }, timings);

    await step("Sterile: Restart Server", async () => {
      await runCommand("Sterile: Restart Server");
      await page.locator(".statusbar-item", { hasText: /Sterile: \d+/ }).first().waitFor({ timeout: 30_000 });
    }, timings);

    const saved = readFileSync(join(project, "src", "wifi.c"), "utf8");
    assert.match(saved, /#define TELEMETRY_URL "https:\/\/telemetry\.example-hospital\.net\/v1\/vitals"/);
    assert.match(saved, /\/\/ sterile-ignore-next-line hardcoded-credential -- public test broker, no patient data\n#define WIFI_PASS/);
    t.diagnostic(timings.join("; "));
  } catch (error) {
    await page.screenshot({ path: join(results, "code-server-failure.png") }).catch(() => {});
    const extensionLog = server.log().split("\n").slice(-40).join("\n");
    throw new Error(`${error.message}\n--- timings: ${timings.join("; ")}\n--- code-server log (tail):\n${extensionLog}`, { cause: error });
  } finally {
    await context.close().catch(() => {});
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
