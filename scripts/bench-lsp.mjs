// Language-server latency (`npm run bench:lsp`, also part of `npm run bench`): figures, no pass/fail.
//  1. server start → first diagnostics: spawn `dist/server.js --stdio`, initialize, open a file,
//     until its publishDiagnostics arrives (small fixture file and a 10,000-line C file);
//  2. didChange → publishDiagnostics for one-character edits in the 10,000-line file (every
//     debounce included), p50/p95/max, each edit sent once the previous one's diagnostics arrived;
//  3. the same edits in-process, split into incremental reparse and rule time, to show where the
//     time goes;
//  4. the same for a rule-dense 10,000-line file (TLS, HTTP, MQTT and OTA set-up in every module),
//     the stress case where most C rules run on every change.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { build } from "esbuild";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const EDITS = Number(process.env.STERILE_BENCH_EDITS ?? 200);
/** Each measurement stops after this long even if fewer than EDITS edits ran (rules are slow on big files). */
const BUDGET_MS = Number(process.env.STERILE_BENCH_BUDGET_MS ?? 40_000);
const LINES = 10_000;
const requireFromRoot = createRequire(join(root, "package.json"));

/** A 10,000-line C file that looks like firmware: functions, structs, macros, a few findings. */
export function generateC(lines = LINES) {
  const out = ["/* Generated benchmark source: a large firmware module. */", "#include <string.h>", "#include \"esp_http_client.h\"", ""];
  out.push('#define WIFI_PASS "Zq8!mediPump-774"', '#define TELEMETRY_URL "http://telemetry.example-hospital.net/v1"', "");
  for (let i = 0; out.length < lines - 8; i++) {
    out.push(
      `/* Sensor channel ${i}: sampled every ${10 + (i % 50)} ms. */`,
      `static int sensor_${i}_read(const struct sensor_cfg *cfg, int raw)`,
      "{",
      `    int scaled = raw * cfg->gain_${i % 7} + ${i};`,
      `    if (scaled > ${1000 + i}) { log_warn("sensor ${i} high: %d", scaled); }`,
      `    return scaled >> ${i % 4};`,
      "}",
      "",
    );
  }
  out.push("int main(void)", "{", "    return sensor_0_read(0, 0);", "}");
  while (out.length < lines) out.push("");
  return `${out.slice(0, lines).join("\n")}\n`;
}

/**
 * A 10,000-line C file dense in what the rules look at: TLS, HTTP, MQTT and OTA set-up, command
 * dispatch, preprocessor switches and log lines, each module done securely except a few planted
 * findings, so that most C rules run on every change (the file above triggers four).
 */
export function generateDenseC(lines = LINES) {
  const out = [
    "/* Generated benchmark source: a connectivity and update module, dense in TLS, MQTT and OTA code. */",
    "#include <string.h>",
    '#include "esp_http_client.h"',
    '#include "esp_https_ota.h"',
    '#include "mqtt_client.h"',
    '#include "mbedtls/ssl.h"',
    '#include "bootloader_flash.h"',
    "",
    '#define WIFI_PASS "Zq8!mediPump-774"',
    '#define TELEMETRY_URL "http://telemetry.example-hospital.net/v1"',
    "",
  ];
  for (let i = 0; out.length < lines - 8; i++) {
    out.push(
      `/* Channel ${i}: secure session, telemetry and update check. */`,
      `static int channel_${i}_tls(mbedtls_ssl_context *ssl, mbedtls_ssl_config *conf, const char *host)`,
      "{",
      "    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);",
      "    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);",
      "    int ret = mbedtls_ssl_set_hostname(ssl, host);",
      `    if (ret != 0) { log_warn("channel ${i}: hostname: %d", ret); return ret; }`,
      "    return mbedtls_ssl_handshake(ssl);",
      "}",
      "",
      `static int channel_${i}_upload(const char *body)`,
      "{",
      "    esp_http_client_config_t config = {",
      `        .url = "https://records.example-hospital.net/v1/channel/${i}",`,
      "        .crt_bundle_attach = esp_crt_bundle_attach,",
      `        .timeout_ms = ${1000 + i},`,
      "    };",
      "    esp_http_client_handle_t client = esp_http_client_init(&config);",
      "    esp_http_client_set_post_field(client, body, strlen(body));",
      "    return esp_http_client_perform(client);",
      "}",
      "",
      `static void channel_${i}_command(const char *cmd, int arg)`,
      "{",
      `    if (strcmp(cmd, "rate") == 0) { set_rate_${i % 9}(arg); }`,
      '    else if (strcmp(cmd, "mode") == 0) { set_mode(arg); }',
      `    else { log_warn("channel ${i}: unknown command: %s", cmd); }`,
      "}",
      "",
      "#ifdef CONFIG_SECURE_BOOT_V2_ENABLED",
      `static int channel_${i}_update(void)`,
      "{",
      "    esp_http_client_config_t http = { .url = FIRMWARE_URL, .cert_pem = server_cert_pem_start };",
      "    esp_https_ota_config_t ota = { .http_config = &http };",
      "    return esp_https_ota(&ota);",
      "}",
      "#endif",
      "",
    );
  }
  out.push("int main(void)", "{", "    return channel_0_upload(\"{}\");", "}");
  while (out.length < lines) out.push("");
  return `${out.slice(0, lines).join("\n")}\n`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(label, values) {
  const sorted = [...values].sort((a, b) => a - b);
  const fmt = (n) => `${n.toFixed(1)} ms`;
  return `${label}: p50 ${fmt(percentile(sorted, 50))}, p95 ${fmt(percentile(sorted, 95))}, max ${fmt(sorted.at(-1))} (n=${sorted.length})`;
}

async function startServer(workspace) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, "dist", "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = new Set();
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    for (const listener of listeners) listener(params);
  });
  connection.onRequest("workspace/configuration", (params) => params.items.map(() => ({})));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: "bench" }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification("initialized", {});
  const nextDiagnostics = (uri, version) =>
    new Promise((resolve) => {
      const listener = (params) => {
        if (params.uri === uri && (version === undefined || params.version === version)) {
          listeners.delete(listener);
          resolve(params);
        }
      };
      listeners.add(listener);
    });
  const stop = async () => {
    await connection.sendRequest("shutdown").catch(() => {});
    await connection.sendNotification("exit").catch(() => {});
    connection.dispose();
    child.kill();
  };
  return { connection, nextDiagnostics, started, stop };
}

async function firstDiagnostics(workspace, file, text) {
  const server = await startServer(workspace);
  const uri = pathToFileURL(file).href;
  const published = server.nextDiagnostics(uri, 1);
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "c", version: 1, text } });
  const params = await published;
  const ms = performance.now() - server.started;
  await server.stop();
  return { ms, findings: params.diagnostics.length };
}

/** Deterministic one-character edits: type a character into a line, then delete it again. */
function* oneCharEdits(text, count) {
  const lines = text.split("\n");
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i += 2) {
    const line = 8 + Math.floor(random() * (lines.length - 20));
    const character = Math.min(lines[line].length, 4 + Math.floor(random() * 20));
    yield { range: { start: { line, character }, end: { line, character } }, text: "x" };
    yield { range: { start: { line, character }, end: { line, character: character + 1 } }, text: "" };
  }
}

async function editLatency(workspace, file, text) {
  const server = await startServer(workspace);
  const uri = pathToFileURL(file).href;
  const opened = server.nextDiagnostics(uri, 1);
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "c", version: 1, text } });
  const first = await opened;
  const latencies = [];
  let version = 1;
  let findings = first.diagnostics.length;
  const until = performance.now() + BUDGET_MS;
  for (const change of oneCharEdits(text, EDITS)) {
    if (performance.now() > until && latencies.length % 2 === 0) break;
    version++;
    const published = server.nextDiagnostics(uri, version);
    const sent = performance.now();
    await server.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    const params = await published;
    latencies.push(performance.now() - sent);
    findings = params.diagnostics.length;
  }
  await server.stop();
  return { latencies, findings };
}

/** The same edits in-process: incremental reparse vs rules, through the engine's own API. */
async function breakdown(text, work) {
  const source = `
    import { Engine } from "./server/src/engine/engine.ts";
    import { WasmBackend } from "./server/src/engine/parser.ts";
    import { editTreeAndText } from "./server/src/engine/incremental.ts";
    import { allRules } from "./rules/index.ts";
    export { Engine, WasmBackend, editTreeAndText, allRules };`;
  const rawText = {
    name: "raw-text",
    setup(b) {
      b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, "")), namespace: "raw-text" }));
      b.onLoad({ filter: /.*/, namespace: "raw-text" }, (args) => ({ contents: readFileSync(args.path, "utf8"), loader: "text" }));
    },
  };
  const webTreeSitterCjs = { name: "wts", setup: (b) => b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: join(root, "node_modules", "web-tree-sitter", "web-tree-sitter.cjs") })) };
  const outfile = join(work, "engine-bench.cjs");
  await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    outfile,
    format: "cjs",
    platform: "node",
    plugins: [rawText, webTreeSitterCjs],
    logLevel: "silent",
    logOverride: { "empty-import-meta": "silent" },
  });
  const { Engine, WasmBackend, editTreeAndText, allRules } = requireFromRoot(outfile);
  const engine = await Engine.create(new WasmBackend((f) => readFile(join(root, "dist", "grammars", f))), allRules);
  const file = { path: "src/big.c", language: "c" };
  let current = text;
  let tree = engine.parse({ ...file, text: current });
  const parse = [];
  const rules = [];
  const lineStarts = (t) => {
    const starts = [0];
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) starts.push(i + 1);
    return starts;
  };
  let starts = lineStarts(current);
  const until = performance.now() + BUDGET_MS;
  for (const change of oneCharEdits(text, EDITS)) {
    if (performance.now() > until && parse.length % 2 === 0) break;
    const start = starts[change.range.start.line] + change.range.start.character;
    const end = starts[change.range.end.line] + change.range.end.character;
    let t0 = performance.now();
    current = editTreeAndText(engine.backend, tree, current, { start, end, newText: change.text });
    const next = engine.parse({ ...file, text: current }, { oldTree: tree });
    tree.release();
    tree = next;
    parse.push(performance.now() - t0);
    t0 = performance.now();
    engine.analyze({ ...file, text: current }, { tree });
    rules.push(performance.now() - t0);
    starts = lineStarts(current);
  }
  tree.release();
  return { parse, rules };
}

const work = mkdtempSync(join(tmpdir(), "sterile-bench-"));
try {
  const big = generateC();
  const bigFile = join(work, "src", "big.c");
  const smallFile = join(root, "test", "fixtures", "lsp", "ward-monitor", "src", "wifi.c");
  mkdirSync(dirname(bigFile), { recursive: true });
  writeFileSync(bigFile, big);

  console.log(`Language server latency (${process.platform}, Node ${process.versions.node}, ${cpus().length} cores; ${BUDGET_MS / 1000} s budget per series)`);
  const smallText = readFileSync(smallFile, "utf8");
  const small = await firstDiagnostics(join(root, "test", "fixtures", "lsp", "ward-monitor"), smallFile, smallText);
  console.log(`server start → first diagnostics, ${smallText.split("\n").length - 1}-line file: ${small.ms.toFixed(0)} ms (${small.findings} findings)`);
  for (const lines of [1_000, LINES]) {
    const text = lines === LINES ? big : generateC(lines);
    const file = join(work, "src", `module_${lines}.c`);
    writeFileSync(file, text);
    const first = await firstDiagnostics(work, file, text);
    console.log(`server start → first diagnostics, ${lines}-line C file: ${first.ms.toFixed(0)} ms (${first.findings} findings)${lines === LINES ? "  (target ≤ 1000 ms)" : ""}`);
    const edits = await editLatency(work, file, text);
    console.log(summary(`didChange → publishDiagnostics, one-character edits, ${lines}-line C file`, edits.latencies) + (lines === LINES ? "  (target p95 ≤ 30 ms)" : ""));
  }
  const parts = await breakdown(big, work);
  console.log(summary(`  ${LINES} lines, in-process: incremental reparse`, parts.parse) + "  (target p95 ≤ 12 ms)");
  console.log(summary(`  ${LINES} lines, in-process: rules`, parts.rules));

  // The stress case: most C rules have their trigger words in the file and work on every change.
  const dense = generateDenseC();
  const denseFile = join(work, "src", "connectivity.c");
  writeFileSync(denseFile, dense);
  const denseFirst = await firstDiagnostics(work, denseFile, dense);
  console.log(`server start → first diagnostics, ${LINES}-line rule-dense C file: ${denseFirst.ms.toFixed(0)} ms (${denseFirst.findings} findings)`);
  const denseEdits = await editLatency(work, denseFile, dense);
  console.log(summary(`didChange → publishDiagnostics, one-character edits, ${LINES}-line rule-dense C file`, denseEdits.latencies));
  const denseParts = await breakdown(dense, work);
  console.log(summary(`  ${LINES} lines rule-dense, in-process: incremental reparse`, denseParts.parse));
  console.log(summary(`  ${LINES} lines rule-dense, in-process: rules`, denseParts.rules));
} finally {
  rmSync(work, { recursive: true, force: true });
}
