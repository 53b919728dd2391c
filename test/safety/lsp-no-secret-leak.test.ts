// Planted secrets never leave the language server in full: not in diagnostics (messages, related
// information), hovers, code action titles or edits, the workspace scan, log messages, or trace
// output. The server runs with tracing at its most verbose (`initialize.trace` and `$/setTrace`,
// what VS Code sends for `sterile.trace.server: verbose`), and every byte it writes — stdout, the
// protocol itself, and stderr — is searched. (The CLI's outputs: no-secret-leak.test.ts.)

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol/node.js";
import { makeProject } from "../support/cli.ts";
import { TestLspClient, uriOf } from "../support/lsp-client.ts";

const SECRETS = [
  "Zq8!mediPump-774",
  "tk_9fJ2kQ77ab55",
  "Vl!nk-GW5-broker",
  "h7kQ2mediNetX",
  "Serv1ce-IP200x",
  "Cl0ud-Relay#5521",
  // A private key's body: no line of it may appear.
  "MC4CAQAwBQYDK2VwBCIEIMoD6HUtcdLgth88TfpbWLz4DMhUT7n",
  // A password in a URL's user info (messages name the host, never the whole URL).
  "Upd8-Secret!x91",
];

const FILES: Record<string, { text: string; languageId: string }> = {
  "src/wifi.c": {
    languageId: "c",
    text: `#define WIFI_PASS "${SECRETS[0]}"\nstatic const char *api_token = "${SECRETS[1]}";\nvoid f(mbedtls_ssl_config *c) { mbedtls_ssl_conf_authmode(c, MBEDTLS_SSL_VERIFY_NONE); }\n`,
  },
  // A credential reached through a macro (the CLI reports it with the use related; the server, which
  // has no cross-file facts, does not report it yet — either way nothing may leak).
  "src/cloud.c": {
    languageId: "c",
    text: `#define RELAY_DEFAULT "${SECRETS[5]}"\n\nvoid wifi_start(wifi_config_t *cfg)\n{\n    strcpy((char *)cfg->sta.password, RELAY_DEFAULT);\n}\n`,
  },
  // A macro defined and used (related information, where the rule reports it) and an unsafe quick fix on a URL carrying a password.
  "src/ota.c": {
    languageId: "c",
    text: `#include "esp_https_ota.h"\n#define FIRMWARE_SERVER "http://ota:${SECRETS[7]}@updates.example-hospital.net/fw.bin"\nesp_err_t ota_task(void)\n{\n    esp_http_client_config_t http = { .url = FIRMWARE_SERVER };\n    esp_https_ota_config_t ota = { .http_config = &http };\n    return esp_https_ota(&ota);\n}\n`,
  },
  "src/menu.c": { languageId: "c", text: `int ok(const char *password) { return strcmp(password, "${SECRETS[4]}") == 0; }\n` },
  "src/keys.h": { languageId: "c", text: `#define BACKUP_KEY_PEM "-----BEGIN PRIVATE KEY-----\\n${SECRETS[6]}WLz4DMhUT7n/rjPo1TZauu8A\\n-----END PRIVATE KEY-----\\n"\n` },
  "config/gw.yaml": { languageId: "yaml", text: `broker:\n  url: http://broker.ward.example\n  password: "${SECRETS[2]}"\n` },
  // Safe fixes on both sides of a secret: fix-all's one edit must not carry the line between them.
  sdkconfig: {
    languageId: "plaintext",
    text: `CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\nCONFIG_EXAMPLE_WIFI_PASSWORD="${SECRETS[3]}"\nCONFIG_ESP_TLS_INSECURE=y\nCONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\n`,
  },
};

const dirs: string[] = [];
const clients: TestLspClient[] = [];

afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function leaks(haystack: string): string[] {
  return SECRETS.filter((secret) => haystack.includes(secret));
}

describe("language server: no secret leaks", () => {
  it("appear nowhere the server writes, with verbose tracing on", async () => {
    const root = makeProject(Object.fromEntries(Object.entries(FILES).map(([name, f]) => [name, f.text])));
    dirs.push(root);
    const client = await TestLspClient.start({ root, trace: "verbose", captureWire: true });
    clients.push(client);
    void client.connection.sendNotification("$/setTrace", { value: "verbose" });
    const responses: unknown[] = [];
    const ask = async (method: string, params: unknown) => {
      const result = await client.connection.sendRequest(method, params);
      responses.push(result);
      return result;
    };

    // Open every file; for every diagnostic ask for its hover and its code actions; then fix-all.
    const opened: { uri: string; diagnostics: Diagnostic[] }[] = [];
    for (const [name, file] of Object.entries(FILES)) {
      const uri = uriOf(join(root, name));
      void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: file.languageId, version: 1, text: file.text } });
      opened.push({ uri, diagnostics: await client.diagnosticsFor(uri, 1) });
    }
    const codes = opened.flatMap((o) => o.diagnostics.map((d) => d.code));
    for (const code of ["hardcoded-credential", "private-key-material", "ota-http-allowed", "tls-verification-disabled"]) expect(codes).toContain(code);

    const titles: string[] = [];
    for (const { uri, diagnostics } of opened) {
      for (const diagnostic of diagnostics) {
        await ask("textDocument/hover", { textDocument: { uri }, position: diagnostic.range.start });
        const actions = (await ask("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
        titles.push(...actions.map((a) => a.title));
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
      const all = (await ask("textDocument/codeAction", { textDocument: { uri }, range: whole, context: { diagnostics, only: ["source.fixAll"] } })) as CodeAction[];
      titles.push(...all.map((a) => a.title));
    }
    expect(titles.some((t) => t.startsWith("Fix all"))).toBe(true);
    expect(titles.some((t) => t.startsWith("Suppress hardcoded-credential"))).toBe(true);

    // Edits (including a stale version, which is logged), a project-wide scan, a file changed on
    // disk, a settings change: everything that makes the server log or publish.
    const wifi = opened[0]!.uri;
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: wifi, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `#define OTHER_PASS "${SECRETS[0]}"\n` }] });
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: wifi, version: 2 }, contentChanges: [{ text: "" }] });
    await client.diagnosticsFor(wifi, 2);
    responses.push(await ask("workspace/executeCommand", { command: "sterile.server.scanWorkspace", arguments: [] }));
    mkdirSync(join(root, "lib"), { recursive: true });
    writeFileSync(join(root, "lib", "late.c"), `#define LATE_PASSWORD "${SECRETS[4]}"\n`);
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(root, "lib", "late.c")), type: 1 }] });
    await client.diagnosticsFor(uriOf(join(root, "lib", "late.c")));
    client.settings = { rules: { "cleartext-url": "loud" } };
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { sterile: client.settings } });
    await client.waitFor(() => client.messages.length > 0, "settings warning");
    for (const { uri } of opened) void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    await client.stop();

    const wire = Buffer.concat(client.wire).toString("utf8");
    expect(wire.length).toBeGreaterThan(10_000);
    expect(client.logs.length).toBeGreaterThan(0);
    expect(client.logs.some((l) => l.includes("ignored"))).toBe(true); // the stale change was logged
    expect(leaks(wire), "stdout (the protocol as written)").toEqual([]);
    expect(leaks(client.stderrText), "stderr").toEqual([]);
    expect(leaks(JSON.stringify(client.published)), "diagnostics").toEqual([]);
    expect(leaks(JSON.stringify(responses)), "hovers, code actions, scan summary").toEqual([]);
    expect(leaks(titles.join("\n")), "code action titles").toEqual([]);
    expect(leaks([...client.logs, ...client.messages.map((m) => m.message)].join("\n")), "logs and messages").toEqual([]);
  });
});
