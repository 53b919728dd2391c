// Starts the language server's Web Worker (`dist/web/server.js`) for the browser build and boots
// it. Two traps, both met in code-server (see the README, "In the browser"):
// - VS Code's web extension host refuses `new Worker(uri)` when the extension URI is
//   `vscode-remote:` ("Creating workers from remote extensions is currently not supported"), so
//   there the bundle is read and started from a `blob:` URL; an `http(s):` URI (vscode.dev) is
//   used as is (the host's Worker shim loads it with `importScripts`).
// - The worker can fetch neither `vscode-remote:` nor `blob:` URLs, so the `.wasm` files are read
//   here and handed over in the first `postMessage`, before any JSON-RPC.

import * as vscode from "vscode";
import { BOOT_MESSAGE, isWorkerBooted, wasmFileNames, type WorkerBoot } from "../../server/src/lsp/client-protocol.ts";

const BOOT_TIMEOUT_MS = 30_000;

function isHttp(uri: vscode.Uri): boolean {
  return uri.scheme === "http" || uri.scheme === "https";
}

/**
 * A file shipped with the extension. The web extension host's `fetch` understands `http(s):`,
 * `file:` and `vscode-remote:` URIs; `vscode.workspace.fs` is the fallback (and the first choice
 * for other schemes).
 */
export async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  const viaFetch = async () => {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const viaFs = () => Promise.resolve(vscode.workspace.fs.readFile(uri));
  const [first, second] = isHttp(uri) || uri.scheme === "vscode-remote" ? [viaFetch, viaFs] : [viaFs, viaFetch];
  try {
    return await first();
  } catch (firstError) {
    try {
      return await second();
    } catch {
      throw new Error(`cannot read ${uri.toString(true)}: ${(firstError as Error).message}`);
    }
  }
}

async function createWorker(bundle: vscode.Uri): Promise<Worker> {
  const name = "Sterile language server";
  if (isHttp(bundle)) return new Worker(bundle.toString(true), { name });
  const source = await readExtensionFile(bundle);
  const url = URL.createObjectURL(new Blob([source as BlobPart], { type: "text/javascript" }));
  try {
    return new Worker(url, { name });
  } finally {
    // The worker has fetched its script once it runs; the URL is only needed until then.
    setTimeout(() => URL.revokeObjectURL(url), BOOT_TIMEOUT_MS);
  }
}

/** Waits for the worker's `booted` answer (or its load error), so a broken bundle fails `start()` with a reason. */
function booted(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (event: MessageEvent) => {
      if (isWorkerBooted(event.data)) done(event.data.error ? new Error(event.data.error) : undefined);
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      done(new Error(`the server worker failed to load: ${event.message || "unknown error"}`));
    };
    const timer = setTimeout(() => done(new Error(`the server worker did not answer within ${BOOT_TIMEOUT_MS / 1000} s`)), BOOT_TIMEOUT_MS);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
  });
}

/** Starts and boots the server worker; the caller then speaks LSP over it. */
export async function startServerWorker(extensionUri: vscode.Uri, log: (line: string) => void): Promise<Worker> {
  const started = Date.now();
  const grammars = vscode.Uri.joinPath(extensionUri, "dist", "grammars");
  const names = wasmFileNames();
  const [worker, ...bytes] = await Promise.all([
    createWorker(vscode.Uri.joinPath(extensionUri, "dist", "web", "server.js")),
    ...names.map((name) => readExtensionFile(vscode.Uri.joinPath(grammars, name))),
  ]);
  const wasm: Record<string, Uint8Array> = {};
  names.forEach((name, i) => (wasm[name] = bytes[i]!));
  const boot: WorkerBoot = { kind: BOOT_MESSAGE, wasm, docsBase: vscode.Uri.joinPath(extensionUri, "dist", "docs").toString() };
  const ready = booted(worker);
  // Copied, not transferred: a byte array read through the file system API may share its buffer.
  worker.postMessage(boot);
  try {
    await ready;
  } catch (error) {
    worker.terminate();
    throw error;
  }
  const total = bytes.reduce((n, b) => n + b.byteLength, 0);
  log(`Started the server worker (${names.length} wasm files, ${Math.round(total / 1024)} KiB) in ${Date.now() - started} ms from ${extensionUri.scheme}: URIs.`);
  return worker;
}
