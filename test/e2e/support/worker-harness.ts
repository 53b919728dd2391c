// Runs in a Chromium page (bundled by test/e2e/browser-worker.test.mjs): starts the browser build of
// the language server (`dist/web/server.js`) in a real Web Worker the way VS Code's web extension
// host does (a `blob:` script that `importScripts` the bundle, itself from a `blob:` URL as the
// client makes it for `vscode-remote:` extensions), hands it the `.wasm` bytes, then drives it
// over `vscode-jsonrpc/browser` as a minimal LSP client. Answers the project config request as
// our VS Code client would.

import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection, type MessageConnection } from "vscode-jsonrpc/browser";
import { BOOT_MESSAGE, isWorkerBooted, PROJECT_CONFIG_REQUEST, wasmFileNames, type ProjectConfigParams, type WorkerBoot } from "../../../server/src/lsp/client-protocol.ts";

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  message: string;
  codeDescription?: { href: string };
}

interface TextEdit {
  range: Diagnostic["range"];
  newText: string;
}

interface CodeAction {
  title: string;
  kind?: string;
  edit?: { documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[] };
  command?: { command: string; arguments?: unknown[] };
}

export interface ScenarioInput {
  /** How the worker gets its script (see `startWorker`). */
  readonly workerFrom: "url" | "blob";
  readonly folderUri: string;
  readonly files: readonly { readonly path: string; readonly languageId: string; readonly text: string }[];
  readonly projectConfig?: { readonly name: string; readonly text: string };
  /** The config's text after a change the client reports as a watched-file event. */
  readonly changedConfigText?: string;
  readonly settings?: Record<string, unknown>;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  }
  return out;
}

/**
 * Starts the worker as the web extension host's Worker shim does: a `blob:` script that
 * `importScripts` the given URL — the bundle's own `http(s):` URL (vscode.dev) or a `blob:` URL of
 * its bytes, as our client makes one for `vscode-remote:` extensions (code-server).
 */
async function startWorker(from: "url" | "blob"): Promise<Worker> {
  let url = new URL("/dist/web/server.js", location.href).href;
  if (from === "blob") {
    const bundle = await (await fetch(url)).arrayBuffer();
    url = URL.createObjectURL(new Blob([bundle], { type: "text/javascript" }));
  }
  const shim = `importScripts(${JSON.stringify(url)});`;
  return new Worker(URL.createObjectURL(new Blob([shim], { type: "text/javascript" })), { name: "sterile-test" });
}

async function boot(worker: Worker): Promise<void> {
  const names = wasmFileNames();
  const bytes = await Promise.all(names.map(async (name) => new Uint8Array(await (await fetch(`/dist/grammars/${name}`)).arrayBuffer())));
  const wasm: Record<string, Uint8Array> = {};
  names.forEach((name, i) => (wasm[name] = bytes[i]!));
  const message: WorkerBoot = { kind: BOOT_MESSAGE, wasm, docsBase: `${location.origin}/dist/docs` };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the worker did not answer the boot message")), 30_000);
    worker.addEventListener("error", (event) => reject(new Error(`worker error: ${event.message}`)));
    worker.addEventListener("message", function onMessage(event) {
      if (!isWorkerBooted(event.data)) return;
      clearTimeout(timer);
      worker.removeEventListener("message", onMessage);
      if (event.data.error) reject(new Error(event.data.error));
      else resolve();
    });
    worker.postMessage(message);
  });
}

export async function runScenario(input: ScenarioInput) {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const mark = (name: string) => (timings[name] = Math.round(performance.now() - t0));
  const worker = await startWorker(input.workerFrom);
  await boot(worker);
  mark("booted");

  const connection: MessageConnection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
  const published = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  const waiters: (() => void)[] = [];
  const messages: { type: number; message: string }[] = [];
  const logs: string[] = [];
  const configRequests: ProjectConfigParams[] = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  const until = async (what: string, check: () => boolean, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${logs.join("\n")}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
    published.set(params.uri, params);
    poke();
  });
  connection.onNotification("window/showMessage", (params: { type: number; message: string }) => {
    messages.push(params);
    poke();
  });
  connection.onNotification("window/logMessage", (params: { message: string }) => logs.push(params.message));
  connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => input.settings ?? {}));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  let projectConfig = input.projectConfig;
  connection.onRequest(PROJECT_CONFIG_REQUEST, (params: ProjectConfigParams) => {
    configRequests.push(params);
    return projectConfig ? { folderUri: input.folderUri, files: [projectConfig] } : null;
  });
  connection.listen();

  const initialize = (await connection.sendRequest("initialize", {
    processId: null,
    rootUri: input.folderUri,
    workspaceFolders: [{ uri: input.folderUri, name: "ward-monitor" }],
    initializationOptions: { projectConfigRequest: true },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
      window: { workDoneProgress: true, showDocument: { support: true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } }, isPreferredSupport: true, disabledSupport: true },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
    },
  })) as { serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> };
  mark("initialized");
  await connection.sendNotification("initialized", {});

  const uriOf = (path: string) => `${input.folderUri}/${path}`;
  const texts = new Map<string, string>();
  for (const file of input.files) {
    texts.set(uriOf(file.path), file.text);
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriOf(file.path), languageId: file.languageId, version: 1, text: file.text } });
  }
  for (const file of input.files) await until(`diagnostics for ${file.path}`, () => published.has(uriOf(file.path)));
  mark("diagnostics");
  const opened = Object.fromEntries(input.files.map((f) => [f.path, published.get(uriOf(f.path))!.diagnostics]));

  // The project config changes on disk: the client reports it, the server reads it again and re-lints.
  let afterConfigChange: Diagnostic[] | undefined;
  if (projectConfig && input.changedConfigText !== undefined) {
    const before = published.get(uriOf(input.files[0]!.path));
    projectConfig = { ...projectConfig, text: input.changedConfigText };
    await connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(projectConfig.name), type: 2 }] });
    await until("diagnostics after the config change", () => published.get(uriOf(input.files[0]!.path)) !== before);
    afterConfigChange = published.get(uriOf(input.files[0]!.path))!.diagnostics;
    mark("configChange");
  }

  // Quick fix and suppression on the first file: ask for actions on every finding, apply the fix and
  // a justified suppression, and see what the server publishes for the edited text.
  const first = input.files[0]!;
  const uri = uriOf(first.path);
  const diagnostics = opened[first.path]!;
  const actions: Record<string, CodeAction[]> = {};
  for (const diagnostic of diagnostics) {
    actions[String(diagnostic.code)] = (await connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
  }
  mark("codeActions");
  const target = diagnostics.find((d) => d.code === "hardcoded-credential") ?? diagnostics[0];
  const hover = target ? await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: target.range.start }) : null;
  mark("hover");

  let version = 1;
  const edited: { title: string; codes: (string | number | undefined)[] }[] = [];
  for (const [title, justification] of [
    ["Use https:// (may change behaviour)", undefined],
    ["Suppress hardcoded-credential with justification", "public test broker, no patient data"],
  ] as const) {
    const action = Object.values(actions).flat().find((a) => a.title === title);
    if (!action) continue;
    const edits = action.edit?.documentChanges?.[0]?.edits ?? [];
    // Re-ask: the text changed since the actions were computed (the suppression's line moved).
    const fresh = ((await connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: texts.get(uri)!.split("\n").length, character: 0 } },
      context: { diagnostics: published.get(uri)!.diagnostics },
    })) as CodeAction[]).find((a) => a.title === title);
    let change = fresh?.edit?.documentChanges?.[0]?.edits ?? edits;
    if (justification) change = change.map((e) => ({ ...e, newText: e.newText.replace("-- justification", `-- ${justification}`) }));
    const text = applyEdits(texts.get(uri)!, change);
    texts.set(uri, text);
    version++;
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: change.map((e) => ({ range: e.range, text: e.newText })) });
    const expected = version;
    await until(`diagnostics after "${title}"`, () => published.get(uri)?.version === expected);
    edited.push({ title, codes: published.get(uri)!.diagnostics.map((d) => d.code) });
  }
  mark("edits");

  const scan = await connection.sendRequest("workspace/executeCommand", { command: "sterile.server.scanWorkspace", arguments: [] });
  await until("the scan's message", () => messages.length > 0, 5_000).catch(() => {});
  mark("scan");

  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  worker.terminate();
  return { serverInfo: initialize.serverInfo, capabilities: initialize.capabilities, opened, afterConfigChange, actions, hover, edited, finalText: texts.get(uri), scan, messages, configRequests, logs, timings };
}

(globalThis as { runScenario?: typeof runScenario }).runScenario = runScenario;
