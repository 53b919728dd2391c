// The language server as editors drive it: the bundled server over stdio (started through
// `sterile lsp --stdio`), a protocol client, and the fixture project test/fixtures/lsp/ward-monitor.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextDocumentEdit, TextEdit } from "vscode-languageserver-protocol/node.js";
import { testEngine } from "../support/engine.ts";
import { REPO_ROOT } from "../support/fixtures.ts";
import { copyFixtureProject, TestLspClient, uriOf } from "../support/lsp-client.ts";

const SECRETS = ["Zq8!mediPump-774", "ward7-Pump!2024", "tk_9fJ2kQ77abZZ31"];

let clients: TestLspClient[] = [];
let dirs: string[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  clients = [];
  dirs = [];
});

async function start(settings: Record<string, unknown> = {}, command?: string[]): Promise<{ client: TestLspClient; root: string }> {
  const root = copyFixtureProject();
  dirs.push(root);
  const client = await TestLspClient.start({ root, settings, ...(command ? { command } : {}) });
  clients.push(client);
  return { client, root };
}

function byRule(diagnostics: Diagnostic[], ruleId: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === ruleId);
  if (!found) throw new Error(`no ${ruleId} diagnostic among ${diagnostics.map((d) => d.code).join(", ")}`);
  return found;
}

/** Applies LSP text edits to a text (edits as the server sent them, in one document). */
function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (line: number, character: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
  let out = text;
  for (const edit of sorted) {
    const start = offset(edit.range.start.line, edit.range.start.character);
    const end = offset(edit.range.end.line, edit.range.end.character);
    out = out.slice(0, start) + edit.newText + out.slice(end);
  }
  return out;
}

/** The code actions the server offers for one diagnostic (as clients send it back) at its range. */
async function actionsFor(client: TestLspClient, uri: string, diagnostic: Diagnostic, echoed: Partial<Diagnostic> = diagnostic): Promise<CodeAction[]> {
  return (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [echoed] },
  })) as CodeAction[];
}

function editsOf(action: CodeAction, uri: string): { version: number | null; edits: TextEdit[] } {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  expect(change?.textDocument.uri).toBe(uri);
  return { version: change!.textDocument.version, edits: change!.edits as TextEdit[] };
}

describe("language server: diagnostics", () => {
  it("publishes diagnostics on open with source, code, docs link, severity and no secret", async () => {
    const { client, root } = await start();
    const { uri } = client.open(join(root, "src", "wifi.c"));
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["cleartext-url", "hardcoded-credential"]);
    for (const d of diagnostics) {
      expect(d.source).toBe("sterile");
      const href = d.codeDescription?.href ?? "";
      expect(href).toMatch(new RegExp(`/dist/docs/${String(d.code)}\\.md$`));
      expect(existsSync(fileURLToPath(href))).toBe(true);
      for (const secret of SECRETS) expect(d.message).not.toContain(secret);
    }
    const credential = byRule(diagnostics, "hardcoded-credential");
    expect(credential.severity).toBe(1); // error
    expect(credential.range.start).toEqual({ line: 6, character: 18 });
    expect(byRule(diagnostics, "cleartext-url").severity).toBe(2); // warning
  });

  it("reports related locations where a finding spans places (macro definition and use)", async () => {
    const { client, root } = await start();
    const { uri } = client.open(join(root, "src", "ota.c"));
    const ota = byRule(await client.diagnosticsFor(uri, 1), "ota-http-allowed");
    expect(ota.relatedInformation?.length).toBe(2);
    for (const related of ota.relatedInformation ?? []) expect(related.location.uri).toBe(uri);
    expect(ota.relatedInformation?.map((r) => r.location.range.start.line).sort()).toEqual([13, 3]);
  });

  it("re-lints incremental changes, publishes the newest version last and matches a fresh analysis", async () => {
    const { client, root } = await start();
    const path = join(root, "src", "wifi.c");
    const { uri, text } = client.open(path);
    await client.diagnosticsFor(uri, 1);
    // A burst of edits: a new secret at the top, a typed line, then the URL made https by hand.
    const edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] = [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#define API_TOKEN "tk_Live-99ab3FFq"\n' },
      ...[..."static int retries = 3;\n"].map((ch, i) => ({ range: { start: { line: 2, character: i }, end: { line: 2, character: i } }, text: ch })),
      { range: { start: { line: 9, character: 23 }, end: { line: 9, character: 27 } }, text: "https" },
    ];
    let version = 1;
    for (const edit of edits) {
      version++;
      void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [edit] });
    }
    const final = await client.diagnosticsFor(uri, version);
    // Versions only go up: a stale analysis never overwrites a newer one.
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);

    let expectedText = text;
    for (const edit of edits) expectedText = applyLspEdits(expectedText, [{ range: edit.range, newText: edit.text }]);
    const engine = await testEngine();
    const fresh = engine.analyze({ path: "src/wifi.c", language: "c", text: expectedText }).findings;
    const summary = (list: { code?: unknown; line: number }[]) => list.map((d) => `${String(d.code)}@${d.line}`).sort();
    expect(summary(final.map((d) => ({ code: d.code, line: d.range.start.line })))).toEqual(summary(fresh.map((f) => ({ code: f.ruleId, line: f.range.startPosition.line }))));
    expect(final.map((d) => d.code)).not.toContain("cleartext-url");
    expect(final.filter((d) => d.code === "hardcoded-credential")).toHaveLength(2);
  });

  it("clears a document's diagnostics when it is closed", async () => {
    const { client, root } = await start();
    const { uri } = client.open(join(root, "src", "wifi.c"));
    expect((await client.diagnosticsFor(uri, 1)).length).toBeGreaterThan(0);
    const before = client.published.length;
    void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    await client.waitFor(() => client.published.length > before && client.diagnostics.get(uri)!.diagnostics.length === 0, "cleared diagnostics");
  });

  it("sterile lsp without --stdio is a usage error", () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, "dist", "cli.js"), "lsp"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("lsp needs --stdio");
  });

  it("also runs as dist/server.js --stdio", async () => {
    const { client, root } = await start({}, [process.execPath, join(REPO_ROOT, "dist", "server.js"), "--stdio"]);
    const { uri } = client.open(join(root, "src", "wifi.c"));
    expect((await client.diagnosticsFor(uri, 1)).length).toBe(2);
  });
});

describe("language server: code actions", () => {
  it("offers an unsafe quick fix labelled as such; applying it removes the finding", async () => {
    const { client, root } = await start();
    const { uri, text } = client.open(join(root, "src", "wifi.c"));
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const url = byRule(diagnostics, "cleartext-url");
    const actions = await actionsFor(client, uri, url);
    const fix = actions.find((a) => a.title.startsWith("Use https://"));
    expect(fix?.title).toBe("Use https:// (may change behaviour)");
    expect(fix?.kind).toBe("quickfix");
    expect(fix?.isPreferred).toBe(false);
    expect(fix?.diagnostics?.[0]?.code).toBe("cleartext-url");
    const { version, edits } = editsOf(fix!, uri);
    expect(version).toBe(1);
    const fixed = applyLspEdits(text, edits);
    expect(fixed).toContain('"https://telemetry.example-hospital.net/v1/vitals"');
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const after = await client.diagnosticsFor(uri, 2);
    expect(after.map((d) => d.code)).toEqual(["hardcoded-credential"]);
  });

  it("offers 'Suppress with justification' in the file's comment syntax, selecting the placeholder", async () => {
    const { client, root } = await start();
    const { uri, text } = client.open(join(root, "src", "wifi.c"));
    const credential = byRule(await client.diagnosticsFor(uri, 1), "hardcoded-credential");
    const actions = await actionsFor(client, uri, credential);
    expect(actions.map((a) => a.title)).toEqual(["Suppress hardcoded-credential with justification"]);
    const suppress = actions[0]!;
    const { edits } = editsOf(suppress, uri);
    const suppressed = applyLspEdits(text, edits);
    expect(suppressed.split("\n")[6]).toBe("// sterile-ignore-next-line hardcoded-credential -- justification");
    expect(suppressed.split("\n")[7]).toBe('#define WIFI_PASS "Zq8!mediPump-774"');
    expect(suppress.command?.command).toBe("sterile.server.selectJustification");
    const shown = await client.connection.sendRequest("workspace/executeCommand", { command: suppress.command!.command, arguments: suppress.command!.arguments });
    expect(shown).toBe(true);
    expect(client.shown).toEqual([{ uri, selection: { start: { line: 6, character: 52 }, end: { line: 6, character: 65 } }, takeFocus: true }]);
  });

  it("answers clients that echo diagnostics back without ranges (Neovim 0.7)", async () => {
    const { client, root } = await start();
    const { uri } = client.open(join(root, "src", "wifi.c"));
    const url = byRule(await client.diagnosticsFor(uri, 1), "cleartext-url");
    const actions = await actionsFor(client, uri, url, { code: "cleartext-url", message: url.message });
    expect(actions.map((a) => a.title)).toContain("Use https:// (may change behaviour)");
  });

  it("honours the inserted suppression once its placeholder is replaced by a justification", async () => {
    const { client, root } = await start();
    const { uri, text } = client.open(join(root, "src", "wifi.c"));
    const credential = byRule(await client.diagnosticsFor(uri, 1), "hardcoded-credential");
    const actions = await actionsFor(client, uri, credential);
    const { edits } = editsOf(actions.find((a) => a.title.startsWith("Suppress"))!, uri);
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    // The placeholder is not a justification: the suppression is reported and suppresses nothing.
    const withPlaceholder = await client.diagnosticsFor(uri, 2);
    expect(withPlaceholder.map((d) => d.code).sort()).toEqual(["cleartext-url", "hardcoded-credential", "invalid-suppression"]);
    const justified = applyLspEdits(text, edits).replace("-- justification", "-- public test broker, no patient data");
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: justified }] });
    expect((await client.diagnosticsFor(uri, 3)).map((d) => d.code)).toEqual(["cleartext-url"]);
  });

  it("uses # comments in Kconfig files and explains why JSON cannot carry a suppression", async () => {
    const { client, root } = await start();
    const sdkconfig = client.open(join(root, "sdkconfig"), 1, "plaintext");
    const tls = byRule(await client.diagnosticsFor(sdkconfig.uri, 1), "tls-verification-disabled");
    const actions = await actionsFor(client, sdkconfig.uri, tls);
    const suppress = actions.find((a) => a.title.startsWith("Suppress"))!;
    expect(editsOf(suppress, sdkconfig.uri).edits[0]!.newText).toBe("# sterile-ignore-next-line tls-verification-disabled -- justification\n");

    const json = client.open(join(root, "config", "gateway.json"), 1, "json");
    const token = byRule(await client.diagnosticsFor(json.uri, 1), "hardcoded-credential");
    const jsonActions = await actionsFor(client, json.uri, token);
    expect(jsonActions).toHaveLength(1);
    expect(jsonActions[0]!.edit).toBeUndefined();
    expect(jsonActions[0]!.disabled?.reason).toMatch(/JSON has no comments.*suppress:/);
  });

  it("source.fixAll.sterile applies every safe fix and no unsafe one", async () => {
    const { client, root } = await start();
    const { uri, text } = client.open(join(root, "sdkconfig"), 1, "plaintext");
    const before = await client.diagnosticsFor(uri, 1);
    expect(before.map((d) => d.code)).toContain("ota-http-allowed");
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    })) as CodeAction[];
    expect(actions.map((a) => a.kind)).toEqual(["source.fixAll.sterile"]);
    const { edits } = editsOf(actions[0]!, uri);
    const fixed = applyLspEdits(text, edits);
    expect(fixed).toContain("# CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP is not set");
    expect(fixed).toContain("CONFIG_ESP_TLS_INSECURE=y"); // unsafe fix: not applied
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.diagnosticsFor(uri, 2);
    expect(after.map((d) => d.code)).not.toContain("ota-http-allowed");
    expect(after.map((d) => d.code)).toContain("tls-verification-disabled");
  });
});

describe("language server: hover", () => {
  it("explains the finding from the rule's docs page, with CWE and standards links", async () => {
    const { client, root } = await start();
    const { uri } = client.open(join(root, "src", "wifi.c"));
    const credential = byRule(await client.diagnosticsFor(uri, 1), "hardcoded-credential");
    const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 6, character: 24 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    expect((hover.contents as MarkupContent).kind).toBe("markdown");
    expect(hover.range).toEqual(credential.range);
    for (const part of ["hardcoded-credential", "What it finds", "Why it matters on a medical device", "**Fix.**", "[CWE-798](https://cwe.mitre.org/data/definitions/798.html)", "IEC 62443-4-2 CR 1.5", "OWASP IoT Top 10", "FDA premarket", "sterile-ignore-next-line hardcoded-credential"]) {
      expect(value).toContain(part);
    }
    for (const secret of SECRETS) expect(value).not.toContain(secret);
    const nothing = await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 3 } });
    expect(nothing).toBeNull();
  });
});

describe("language server: workspace", () => {
  it("scans the workspace with cancellable percentage progress, honouring .gitignore and excludes", async () => {
    const { client, root } = await start({ exclude: ["third_party/**"] });
    await client.waitFor(() => client.registrations.some((r) => r.method === "workspace/didChangeWatchedFiles"), "file watcher registration");
    const watchers = (client.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles")!.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    expect(watchers).toEqual(expect.arrayContaining(["**/*.c", "**/sdkconfig", "**/.gitignore", "**/.sterile.{yml,yaml,json}"]));

    const summary = (await client.connection.sendRequest("workspace/executeCommand", { command: "sterile.server.scanWorkspace", arguments: [] })) as { files: number; findings: number; cancelled: boolean };
    expect(summary.cancelled).toBe(false);
    expect(summary.files).toBe(5); // src/wifi.c, src/ota.c, src/clean.c, sdkconfig, config/gateway.json
    const kinds = client.progress.map((p) => p.value.kind);
    expect(kinds[0]).toBe("begin");
    expect(kinds.at(-1)).toBe("end");
    expect(client.progress[0]!.value.cancellable).toBe(true);
    const percentages = client.progress.filter((p) => p.value.kind === "report").map((p) => p.value.percentage ?? -1);
    expect(percentages.at(-1)).toBe(100);
    expect([...percentages].sort((a, b) => a - b)).toEqual(percentages);

    const published = [...client.diagnostics.keys()];
    for (const file of ["src/wifi.c", "src/ota.c", "sdkconfig", "config/gateway.json"]) expect(published).toContain(uriOf(join(root, file)));
    expect(published).not.toContain(uriOf(join(root, "build", "generated.c")));
    expect(published).not.toContain(uriOf(join(root, "third_party", "vendor_sdk", "demo.c")));
    expect(summary.findings).toBe([...client.diagnostics.values()].reduce((n, p) => n + p.diagnostics.length, 0));
  });

  it("stops the scan when the editor cancels its progress", async () => {
    const { client, root } = await start();
    for (let i = 0; i < 300; i++) writeFileSync(join(root, "src", `channel_${i}.c`), `#define CHANNEL_${i}_PASSWORD "Ch4nnel-Secret-${i}x"\nint channel_${i}(void) { return ${i}; }\n`);
    const scan = client.connection.sendRequest("workspace/executeCommand", { command: "sterile.server.scanWorkspace", arguments: [] }) as Promise<{ files: number; cancelled: boolean }>;
    await client.waitFor(() => client.progress.some((p) => p.value.kind === "report" && (p.value.percentage ?? 0) > 0), "first progress report");
    void client.connection.sendNotification("window/workDoneProgress/cancel", { token: client.progressTokens[0] });
    const summary = await scan;
    expect(summary.cancelled).toBe(true);
    expect(summary.files).toBeLessThan(305);
    expect(client.progress.at(-1)?.value.kind).toBe("end");
  });

  it("re-lints scanned files when they change on disk, and clears deleted ones", async () => {
    const { client, root } = await start();
    await client.connection.sendRequest("workspace/executeCommand", { command: "sterile.server.scanWorkspace", arguments: [] });
    const clean = join(root, "src", "clean.c");
    const cleanUri = uriOf(clean);
    expect(client.diagnostics.has(cleanUri)).toBe(false);
    writeFileSync(clean, `${readFileSync(clean, "utf8")}#define SERVICE_PASSWORD "Sv3c-Menu!8812"\n`);
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: cleanUri, type: 2 }] });
    expect((await client.diagnosticsFor(cleanUri)).map((d) => d.code)).toEqual(["hardcoded-credential"]);

    const sdkconfigUri = uriOf(join(root, "sdkconfig"));
    expect(client.diagnostics.get(sdkconfigUri)?.diagnostics.length).toBeGreaterThan(0);
    unlinkSync(join(root, "sdkconfig"));
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: sdkconfigUri, type: 3 }] });
    await client.waitFor(() => client.diagnostics.get(sdkconfigUri)?.diagnostics.length === 0, "sdkconfig cleared");

    // A new file that .gitignore covers stays unlinted; one it does not is linted.
    writeFileSync(join(root, "build", "later.c"), '#define LATE_PASSWORD "Late-Secret-4471"\n');
    writeFileSync(join(root, "src", "later.c"), '#define LATE_PASSWORD "Late-Secret-4471"\n');
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [
        { uri: uriOf(join(root, "build", "later.c")), type: 1 },
        { uri: uriOf(join(root, "src", "later.c")), type: 1 },
      ],
    });
    await client.diagnosticsFor(uriOf(join(root, "src", "later.c")));
    expect(client.diagnostics.has(uriOf(join(root, "build", "later.c")))).toBe(false);
  });

  it("applies configuration changes: severity overrides, rules turned off, enable", async () => {
    const { client, root } = await start();
    const { uri } = client.open(join(root, "src", "wifi.c"));
    await client.diagnosticsFor(uri, 1);
    const count = () => client.published.filter((p) => p.uri === uri).length;

    let seen = count();
    client.settings = { rules: { "hardcoded-credential": "off", "cleartext-url": "error" } };
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { sterile: client.settings } });
    await client.waitFor(() => count() > seen, "re-lint after settings change");
    let diagnostics = client.diagnostics.get(uri)!.diagnostics;
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([["cleartext-url", 1]]);

    seen = count();
    client.settings = { enable: false };
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { sterile: client.settings } });
    await client.waitFor(() => count() > seen, "re-lint after disabling");
    expect(client.diagnostics.get(uri)!.diagnostics).toEqual([]);

    seen = count();
    client.settings = {};
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { sterile: client.settings } });
    await client.waitFor(() => count() > seen, "re-lint after enabling");
    diagnostics = client.diagnostics.get(uri)!.diagnostics;
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["cleartext-url", "hardcoded-credential"]);
  });

  it("reports invalid settings clearly and keeps serving", async () => {
    const { client, root } = await start({ rules: { "no-such-rule": "error", "cleartext-url": "loud" }, exclude: "src", enable: "yes" });
    await client.waitFor(() => client.messages.length > 0, "a settings message");
    const message = client.messages[0]!;
    expect(message.type).toBe(2); // warning
    expect(message.message).toContain('unknown rule "no-such-rule"');
    expect(message.message).toContain("sterile.rules.cleartext-url must be one of off, note, warning, error");
    expect(message.message).toContain("sterile.exclude must be a list of globs");
    expect(message.message).toContain("sterile.enable must be true or false");
    const { uri } = client.open(join(root, "src", "wifi.c"));
    expect((await client.diagnosticsFor(uri, 1)).map((d) => d.code).sort()).toEqual(["cleartext-url", "hardcoded-credential"]);
  });

  it("reads the project config (.sterile.yml), which wins over settings, and its excludes", async () => {
    const root = copyFixtureProject();
    dirs.push(root);
    writeFileSync(join(root, ".sterile.yml"), "rules:\n  cleartext-url: off\nexclude:\n  - config/**\n");
    const client = await TestLspClient.start({ root, settings: { rules: { "cleartext-url": "error" } } });
    clients.push(client);
    const wifi = client.open(join(root, "src", "wifi.c"));
    expect((await client.diagnosticsFor(wifi.uri, 1)).map((d) => d.code)).toEqual(["hardcoded-credential"]);
    const json = client.open(join(root, "config", "gateway.json"), 1, "json");
    expect(await client.diagnosticsFor(json.uri, 1)).toEqual([]);

    // A broken config is reported with file and line, and the server carries on without it.
    writeFileSync(join(root, ".sterile.yml"), "rules:\n  no-such-rule: off\n");
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(root, ".sterile.yml")), type: 2 }] });
    await client.waitFor(() => client.messages.some((m) => m.message.includes(".sterile.yml:2")), "config error message");
    await client.waitFor(() => (client.diagnostics.get(wifi.uri)?.diagnostics.length ?? 0) === 2, "re-lint with settings only");
    expect(client.diagnostics.get(wifi.uri)!.diagnostics.find((d) => d.code === "cleartext-url")?.severity).toBe(1);
  });
});

describe("language server: suppressed findings on request", () => {
  it("hides justified suppressions by default and shows them as notes with sterile.showSuppressed", async () => {
    const suppressedSource = [
      "// sterile-ignore-next-line hardcoded-credential by=qa -- bench unit on an isolated network",
      '#define BENCH_WIFI_PASS "Bench-7734-ward"',
      "",
    ].join("\n");
    for (const [show, expected] of [[false, 0], [true, 1]] as const) {
      const { client, root } = await start({ showSuppressed: show });
      writeFileSync(join(root, "src", "bench.c"), suppressedSource);
      const { uri } = client.open(join(root, "src", "bench.c"));
      const shown = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === "hardcoded-credential");
      expect(shown, `showSuppressed: ${show}`).toHaveLength(expected);
      if (show) {
        expect([3, 4]).toContain(shown[0]!.severity);
        expect(shown[0]!.message).toMatch(/^Suppressed by qa \(bench unit on an isolated network\): /);
        expect(shown[0]!.message).not.toContain("Bench-7734-ward");
      }
    }
  });
});
