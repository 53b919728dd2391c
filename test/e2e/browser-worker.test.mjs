// The browser build of the language server (`dist/web/server.js`) in a real Chromium Web Worker,
// started as VS Code's web extension host starts it (see test/e2e/support/worker-harness.ts), from a
// page served on 127.0.0.1 and driven over `vscode-jsonrpc/browser`: diagnostics for C and
// sdkconfig documents of a virtual (`vscode-vfs:`) workspace, the project config read through the
// client (and read again when it changes), code actions (quick fix, suppression with justification) applied as edits, hover, and
// the workspace scan's clear refusal. Prints the browser bundle's size. Skips, saying why, without
// Debian's chromium.

import { build } from "esbuild";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { chromiumMissing, launchChromium } from "./support/chromium.mjs";
import { WARD_MONITOR } from "./support/fixture.mjs";
import { browserBundleSize, formatBundleSize } from "../../scripts/browser-size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "dist");
const SECRETS = ["Zq8!mediPump-774", "ward7-Pump!2024"];
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".md": "text/markdown", ".html": "text/html", ".json": "application/json" };

/** Serves the harness page and dist/ (bundles, wasm, docs) on 127.0.0.1; nothing else. */
async function serve(harness) {
  const page = `<!doctype html><meta charset="utf-8"><title>sterile worker</title><link rel="icon" href="data:,"><script>${harness.replace(/<\/script/gi, "<\\/script")}</script>`;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end(page);
      return;
    }
    const file = normalize(join(root, path));
    if (!path.startsWith("/dist/") || !file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function bundleHarness() {
  const result = await build({
    entryPoints: [join(root, "test", "e2e", "support", "worker-harness.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

test("browser worker: the web server bundle in Chromium — diagnostics, project config, quick fix, suppression, hover, scan refusal", { timeout: 120_000 }, async (t) => {
  const reason = chromiumMissing();
  if (reason) {
    t.skip(reason);
    return;
  }
  assert.ok(existsSync(join(dist, "web", "server.js")), "dist/web/server.js is missing: run npm run build");
  const size = browserBundleSize(root);
  t.diagnostic(formatBundleSize(size));
  console.log(formatBundleSize(size));

  const started = Date.now();
  const http = await serve(await bundleHarness());
  const profile = mkdtempSync(join(tmpdir(), "sterile-worker-chromium-"));
  const context = await launchChromium(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  try {
    await page.goto(http.url);
    await page.waitForFunction(() => typeof globalThis.runScenario === "function");
    const folderUri = "vscode-vfs://github/sterile-example/ward-monitor";
    // As on vscode.dev (the bundle's https: URL) and as in code-server (a blob: of its bytes).
    for (const workerFrom of ["url", "blob"]) {
      const result = await page.evaluate((input) => globalThis.runScenario(input), {
        workerFrom,
        folderUri,
        files: [
          { path: "src/wifi.c", languageId: "c", text: readFileSync(join(WARD_MONITOR, "src", "wifi.c"), "utf8") },
          { path: "sdkconfig", languageId: "plaintext", text: readFileSync(join(WARD_MONITOR, "sdkconfig"), "utf8") },
        ],
        projectConfig: { name: ".sterile.yml", text: "rules:\n  cleartext-url: note\n" },
        changedConfigText: "rules:\n  cleartext-url: error\n",
      });
      t.diagnostic(`worker from ${workerFrom}: timings (ms since the page started the worker): ${JSON.stringify(result.timings)}; ${Date.now() - started} ms since the test started`);

      assert.equal(result.serverInfo?.name, "sterile");
      assert.ok(result.capabilities.hoverProvider && result.capabilities.codeActionProvider, "hover and code actions are offered");

      // The project config came from the client, for the workspace folder, and applied.
      assert.deepEqual(result.configRequests[0], { folderUri, names: [".sterile.yml", ".sterile.yaml", ".sterile.json"] });
      const wifi = result.opened["src/wifi.c"];
      assert.deepEqual(wifi.map((d) => d.code).sort(), ["cleartext-url", "hardcoded-credential"]);
      assert.equal(wifi.find((d) => d.code === "hardcoded-credential").severity, 1);
      assert.equal(wifi.find((d) => d.code === "cleartext-url").severity, 3, "the project config's `cleartext-url: note` applies");
      assert.deepEqual(wifi.find((d) => d.code === "hardcoded-credential").range.start, { line: 6, character: 18 });
      for (const d of wifi) assert.equal(d.codeDescription?.href, `${http.url}/dist/docs/${d.code}.md`);
      // Changed on disk (a watched-file event): read again through the client, and applied.
      assert.equal(result.configRequests.length, 2);
      assert.equal(result.afterConfigChange.find((d) => d.code === "cleartext-url")?.severity, 1);
      // A second grammar (tree-sitter-properties) loaded from the handed-over bytes.
      const sdkconfig = result.opened.sdkconfig.map((d) => d.code);
      assert.ok(sdkconfig.includes("hardcoded-credential") && sdkconfig.length >= 2, `sdkconfig findings: ${sdkconfig.join(", ")}`);
      for (const d of [...wifi, ...result.opened.sdkconfig]) for (const secret of SECRETS) assert.ok(!d.message.includes(secret), "a secret reached a diagnostic");

      // Code actions: the labelled quick fix and the justified suppression, applied, remove both findings.
      assert.ok(result.actions["cleartext-url"].some((a) => a.title === "Use https:// (may change behaviour)" && a.kind === "quickfix"));
      assert.ok(result.actions["hardcoded-credential"].some((a) => a.title === "Suppress hardcoded-credential with justification"));
      assert.deepEqual(result.edited, [
        { title: "Use https:// (may change behaviour)", codes: ["hardcoded-credential"] },
        { title: "Suppress hardcoded-credential with justification", codes: [] },
      ]);
      assert.match(result.finalText, /"https:\/\/telemetry\.example-hospital\.net\/v1\/vitals"/);
      assert.match(result.finalText, /\/\/ sterile-ignore-next-line hardcoded-credential -- public test broker, no patient data\n#define WIFI_PASS/);

      // Hover: the rule's summary, why it matters, CWE; never the secret.
      const hover = result.hover?.contents?.value ?? "";
      assert.match(hover, /hardcoded-credential/);
      assert.match(hover, /Why it matters on a medical device/);
      assert.match(hover, /CWE-798/);
      for (const secret of SECRETS) assert.ok(!hover.includes(secret));

      // No file system to list: the scan degrades with a clear message.
      assert.equal(result.scan, null);
      assert.ok(result.messages.some((m) => /Scan Workspace is not available in the browser/.test(m.message) && /open files are still linted/.test(m.message)), JSON.stringify(result.messages));
    }
    assert.deepEqual(problems, []);
  } catch (error) {
    throw new Error(`${error.message}\n--- page problems:\n${problems.join("\n")}`, { cause: error });
  } finally {
    await context.close().catch(() => {});
    await http.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
