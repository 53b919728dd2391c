// `sterile report`: the evidence report as an auditor receives it. The same scan as `scan` (numbers
// agree with the JSON report), a SHA-256 per file, every suppression with its justification, a
// self-contained page that renders in headless Chromium and prints to PDF.
// `STERILE_WRITE_DOCS=1 npx vitest run test/cli/report.test.ts` refreshes docs/evidence-report.png.

import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../support/cli.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** A4 at 96 dpi, and the report's @page margins, to picture one printed page. */
const A4 = { width: 794, height: 1123 };

/** A fictional syringe pump's firmware: open findings, inline and config suppressions, an expired one. */
const PROJECT: Record<string, string> = {
  "main/wifi.c": `/* Syringe pump SP-20: Wi-Fi and broker bring-up. */
#include <string.h>
#include "esp_wifi.h"

// sterile-ignore-next-line hardcoded-credential until=2099-06-30 by=j.alvarez -- vendor sandbox broker for the bench rig; holds no device or patient data (RISK-112)
#define SANDBOX_BROKER_PASS "Qm4-sbx-vendor-demo!"

#define WARD_WIFI_PASS "Tr0ub4dor&3-ward7"

void wifi_start(void) {
    wifi_config_t cfg = { 0 };
    strncpy((char *)cfg.sta.password, WARD_WIFI_PASS, sizeof(cfg.sta.password));
}
`,
  "main/ota.c": `#include "esp_https_ota.h"

static const char *FIRMWARE_URL = "http://updates.sp20.example/firmware.bin";

esp_err_t start_update(void) {
    esp_http_client_config_t http = { .url = FIRMWARE_URL, .skip_cert_common_name_check = true };
    esp_https_ota_config_t ota = { .http_config = &http };
    return esp_https_ota(&ota);
}
`,
  sdkconfig: `CONFIG_SECURE_BOOT=y
# sterile-ignore-next-line tls-verification-disabled until=2025-01-31 by=m.okafor -- bench certificate expired
CONFIG_ESP_TLS_INSECURE=y
`,
  "config/mosquitto.conf": `# Ward broker on the gateway.
# sterile-ignore-next-line mqtt-plaintext-port until=2099-03-31 by=netops -- isolated device VLAN behind the gateway firewall; only the TLS listener is routed (RISK-87)
listener 1883
listener 8883
certfile /etc/mosquitto/certs/server.crt
`,
  "config/bench.json": `{ "wifi": { "ssid": "bench-rig", "password": "Jp4!bench-rig-5521" } }
`,
  ".sterile.yml": `suppress:
  - path: config/bench.json
    rules: [hardcoded-credential]
    justification: bench rig configuration, excluded from release images by the build (REQ-SEC-031)
    by: qa-lead
    until: 2099-12-31
`,
};
const PLANTED_SECRETS = ["Qm4-sbx-vendor-demo!", "Tr0ub4dor&3-ward7", "Jp4!bench-rig-5521"];

function project(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "sterile-report-")), "sp20-syringe-pump");
  mkdirSync(join(dir, ".git"), { recursive: true });
  for (const [name, content] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

interface Summary {
  filesScanned: number;
  findings: number;
  error: number;
  warning: number;
  note: number;
  suppressed: number;
}

function scanSummary(dir: string): Summary {
  return (JSON.parse(runCli(["scan", "--format", "json"], { cwd: dir }).stdout) as { summary: Summary }).summary;
}

function sha256(dir: string, path: string): string {
  return createHash("sha256").update(readFileSync(join(dir, path))).digest("hex");
}

describe("sterile report", () => {
  it("writes a self-contained HTML evidence report and exits 0 despite open findings", () => {
    const dir = project();
    const summary = scanSummary(dir);
    expect(summary.findings).toBeGreaterThan(0);
    expect(runCli(["scan"], { cwd: dir }).status).toBe(1);
    const run = runCli(["report", "--format", "html", "--output", "evidence/report.html"], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^report: wrote evidence\/report\.html \(5 files, \d+ open findings, 3 suppressed, 0 internal errors\)/);
    const html = readFileSync(join(dir, "evidence", "report.html"), "utf8");
    // Self-contained: no scripts, no stylesheets, fonts or images from elsewhere; a print stylesheet.
    expect(html).not.toMatch(/<script|<link\b|<img\b|@import|url\(/i);
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/@page/);
    // Scope: every file with the SHA-256 of its bytes.
    for (const path of Object.keys(PROJECT).filter((p) => p !== ".sterile.yml")) {
      expect(html).toContain(path);
      expect(html).toContain(sha256(dir, path));
    }
    // Suppressions with justification, author and expiry; the expired one is a finding instead.
    expect(html).toContain("vendor sandbox broker for the bench rig; holds no device or patient data (RISK-112)");
    expect(html).toContain("j.alvarez");
    expect(html).toContain("2099-06-30");
    expect(html).toContain("bench rig configuration, excluded from release images by the build (REQ-SEC-031)");
    expect(html).toContain("config/bench.json");
    expect(html).toMatch(/expired on 2025-01-31/);
    // Tool, rule set, baseline, the exact command line.
    expect(html).toMatch(/sterile \d+\.\d+\.\d+/);
    expect(html).toMatch(/digest sha256:[0-9a-f]{16}/);
    expect(html).toMatch(/Baseline in use<\/th><td>none</);
    expect(html).toContain("sterile report --format html --output evidence/report.html");
    // Standards: CWE and clause rows.
    expect(html).toContain("CWE-798");
    expect(html).toContain("IEC 62443-4-2 CR 1.5");
    expect(html).toContain("OWASP IoT I1");
    for (const secret of PLANTED_SECRETS) expect(html).not.toContain(secret);
  });

  it("markdown carries the same numbers as the JSON scan", () => {
    const dir = project();
    const summary = scanSummary(dir);
    const run = runCli(["report", "--format", "markdown", "--output", "report.md"], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).toContain(`**${summary.filesScanned} files scanned · ${summary.findings} open findings (${summary.error} error, ${summary.warning} warning, ${summary.note} note) · ${summary.suppressed} suppressed`);
    expect(md).toContain(`| \`main/wifi.c\` | c | \`${sha256(dir, "main/wifi.c")}\` |`);
    expect(md).toMatch(/\| `main\/wifi\.c:5` \| next-line \| hardcoded-credential \| `main\/wifi\.c` \| vendor sandbox broker/);
    expect(md).toMatch(/\| `\.sterile\.yml:2` \| project config \| hardcoded-credential \| `config\/bench\.json` \|/);
    expect(md).toMatch(/\| Baseline in use \| none \|/);
    for (const secret of PLANTED_SECRETS) expect(md).not.toContain(secret);
  });

  it("takes the scan's selection flags and rejects what does not fit a report", () => {
    const dir = project();
    const run = runCli(["report", "main", "--exclude", "main/ota.c", "--format", "markdown", "--output", "r.md"], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const md = readFileSync(join(dir, "r.md"), "utf8");
    expect(md).toContain("## 5. Scanned scope (1 file)");
    expect(md).not.toContain("| `main/ota.c` |");
    expect(md).toContain("--exclude main/ota.c");
    for (const args of [["report", "--format", "html"], ["report", "--format", "sarif", "--output", "x"], ["report", "--format", "html", "--format", "markdown", "--output", "x"], ["report", "--fix", "--output", "x"]]) {
      const bad = runCli(args, { cwd: dir });
      expect(bad.status, args.join(" ")).toBe(2);
      expect(bad.stderr).toMatch(/^sterile: /);
    }
  });

  it("renders in headless Chromium: a non-empty first page holding the key numbers, and a PDF", async () => {
    if (!existsSync(CHROMIUM)) {
      console.log(`Chromium render skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
      return;
    }
    const { chromium } = await import("playwright-core");
    const dir = project();
    const summary = scanSummary(dir);
    expect(runCli(["report", "--format", "html", "--output", "report.html"], { cwd: dir }).status).toBe(0);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: A4 });
      const blank = await page.screenshot();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(`file://${join(dir, "report.html")}`);
      expect(requests.filter((url) => !url.startsWith("file://")), "the page loads nothing from elsewhere").toEqual([]);
      // The first printed page: print media, the @page margins as padding, one A4 viewport.
      await page.emulateMedia({ media: "print" });
      await page.addStyleTag({ content: "body { padding: 14mm 12mm !important; }" });
      const shot = await page.screenshot();
      expect(shot.subarray(1, 4).toString()).toBe("PNG");
      expect(shot.length).toBeGreaterThan(blank.length * 3);
      const text = await page.innerText("body");
      const card = (label: string) => new RegExp(`\\b${label}\\b`, "i");
      expect(text).toMatch(card("Files scanned"));
      expect(text).toContain(`${summary.findings} open findings (${summary.error} error, ${summary.warning} warning, ${summary.note} note)`);
      expect(text).toContain(`${summary.suppressed} findings are accepted as a documented risk`);
      const cards = await page.$$eval(".card", (nodes) => nodes.map((n) => (n as HTMLElement).innerText.replace(/\s+/g, " ").trim()));
      expect(cards).toEqual(expect.arrayContaining([`${summary.filesScanned} FILES SCANNED`, `${summary.error} OPEN ERRORS`, `${summary.warning} OPEN WARNINGS`, `${summary.suppressed} SUPPRESSED`]));
      expect(text).toContain(sha256(dir, "main/wifi.c"));
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(20_000);
      if (process.env.STERILE_WRITE_DOCS === "1") writeFileSync(join(REPO_ROOT, "docs", "evidence-report.png"), shot);
    } finally {
      await browser.close();
    }
  });
});
