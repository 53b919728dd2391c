// Entry point of the language server bundled for a Web Worker, `dist/web/server.js` (an iife: VS
// Code's web extension host loads nested workers with `importScripts`). The first message is the
// client's boot message with the `.wasm` bytes (see client-protocol.ts); only then does the LSP
// connection start listening, over `postMessage`. Everything after that is the same server core
// as in Node.

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { browserHost } from "./browser-host.ts";
import { startServer } from "./server.ts";
import { BOOTED_MESSAGE, isWorkerBoot, type WorkerBooted } from "./client-protocol.ts";

declare const STERILE_VERSION: string;

/** The worker's global scope, typed as much as this file uses (the project compiles against the DOM lib). */
interface WorkerScope {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

function onBoot(event: MessageEvent): void {
  if (!isWorkerBoot(event.data)) {
    scope.postMessage({ kind: BOOTED_MESSAGE, error: "the first message to the Sterile server worker must be its boot message" } satisfies WorkerBooted);
    return;
  }
  scope.removeEventListener("message", onBoot);
  // The reader attaches in this same task, so the client's `initialize`, posted after the boot
  // message, reaches it and not this listener.
  const port = self as unknown as Worker;
  const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
  startServer(connection, browserHost(event.data, STERILE_VERSION));
  scope.postMessage({ kind: BOOTED_MESSAGE } satisfies WorkerBooted);
}

scope.addEventListener("message", onBoot);
