// Planted secrets never appear in full in any output: every report format, fix diffs, baselines.
// (The language server's diagnostics are checked in the LSP suite.)

import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { makeProject, runCli } from "../support/cli.ts";

const SECRETS = ["Zq8!mediPump-774", "tk_9fJ2kQ77ab55", "Vl!nk-GW5-broker", "h7kQ2mediNetX", "Serv1ce-IP200x"];

const PROJECT = {
  "src/wifi.c": `#define WIFI_PASS "${SECRETS[0]}"\nstatic const char *api_token = "${SECRETS[1]}";\nvoid f(mbedtls_ssl_config *c) { mbedtls_ssl_conf_authmode(c, MBEDTLS_SSL_VERIFY_NONE); }\n`,
  "config/gw.yaml": `broker:\n  url: http://broker.ward.example\n  password: "${SECRETS[2]}"\n`,
  sdkconfig: `CONFIG_EXAMPLE_WIFI_PASSWORD="${SECRETS[3]}"\nCONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\n`,
  "src/menu.c": `int ok(const char *password) { return strcmp(password, "${SECRETS[4]}") == 0; }\n`,
};

function allText(dir: string): string {
  let out = "";
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === ".git" || name === "src" || name === "config" || name === "sdkconfig") continue;
    out += statSync(full).isDirectory() ? allText(full) : readFileSync(full, "utf8");
  }
  return out;
}

describe("no secret leaks", () => {
  it("appear in no report format, diff, baseline or log", () => {
    const dir = makeProject(PROJECT);
    const outputs: string[] = [];
    for (const format of ["text", "json", "sarif", "github", "junit", "gitlab", "markdown"]) {
      const run = runCli(["scan", "--format", format], { cwd: dir });
      outputs.push(run.stdout, run.stderr);
    }
    const dry = runCli(["scan", "--fix", "--unsafe-fixes", "--dry-run"], { cwd: dir });
    outputs.push(dry.stdout, dry.stderr);
    outputs.push(runCli(["baseline", "create", "--output", "out/baseline.json"], { cwd: dir }).stderr);
    outputs.push(runCli(["scan", "--format", "sarif=out/r.sarif", "--format", "junit=out/r.xml", "--debug"], { cwd: dir }).stderr);
    outputs.push(allText(join(dir, "out")));
    const everything = outputs.join("\n");
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret);
  });
});
