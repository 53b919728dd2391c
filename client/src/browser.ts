// The browser extension (`browser` in package.json: vscode.dev, github.dev, code-server's web
// extension host): the same language server, bundled for a Web Worker (`dist/web/server.js`), with
// the same engine and rules. The worker reads no files: this side hands it the `.wasm` bytes
// (server-worker.ts) and, as on the desktop for virtual folders, the project config
// (project-config.ts, answered in activate.ts).

import type * as vscode from "vscode";
import { activateSterile } from "./activate.ts";
import { startServerWorker } from "./server-worker.ts";
import { WorkerLanguageClient } from "./worker-client.ts";

let client: WorkerLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await activateSterile(context, {
    platform: "browser",
    create: (options, output) => {
      const created = new WorkerLanguageClient("sterile", "Sterile", options, () => startServerWorker(context.extensionUri, (line) => output.appendLine(line)));
      client = created;
      return created;
    },
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
