// The desktop extension (`main` in package.json): starts the bundled language server,
// `dist/server.js`, as a Node process over IPC; activate.ts does the rest, shared with the browser
// build (browser.ts).

import * as vscode from "vscode";
import { LanguageClient, TransportKind, type ServerOptions } from "vscode-languageclient/node";
import { activateSterile } from "./activate.ts";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, "dist", "server.js").fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  await activateSterile(context, {
    platform: "node",
    create: (options) => (client = new LanguageClient("sterile", "Sterile", serverOptions, options)),
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
