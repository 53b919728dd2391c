// The VS Code extension: starts the bundled language server (node IPC) on the documents the grammar
// registry names, and adds a status bar item, an output channel and three commands. Everything
// else (analysis, fixes, hovers, the workspace scan) lives in the server, which other editors use
// unchanged through `sterile lsp --stdio`.

import * as vscode from "vscode";
import { ExecuteCommandRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { RuleDocs } from "./rule-docs.ts";
import { documentSelector } from "./selectors.ts";
import { StatusItem } from "./status.ts";

const SCAN_WORKSPACE_SERVER_COMMAND = "sterile.server.scanWorkspace";

interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly skipped: number;
  readonly cancelled: boolean;
  readonly millis: number;
}

let client: LanguageClient | undefined;

function enabled(): boolean {
  return vscode.workspace.getConfiguration("sterile").get<boolean>("enable", true) !== false;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Sterile");
  const status = new StatusItem();
  const docs = new RuleDocs(context.extensionUri);
  context.subscriptions.push(output, status, docs);

  const serverModule = vscode.Uri.joinPath(context.extensionUri, "dist", "server.js").fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    diagnosticCollectionName: "sterile",
    synchronize: { configurationSection: "sterile" },
    initializationOptions: { commandLinks: true },
    // Hovers may link to the rendered docs page; no other command runs from server markdown.
    markdown: { isTrusted: { enabledCommands: ["sterile.showRuleDocumentation"] } },
  };
  const languageClient = new LanguageClient("sterile", "Sterile", serverOptions, clientOptions);
  client = languageClient;

  const showState = () => {
    if (!enabled()) return status.setState("disabled");
    switch (languageClient.state) {
      case State.Starting:
        return status.setState("starting");
      case State.Running:
        return status.setState("running");
      case State.Stopped:
        return status.setState("stopped");
    }
  };
  context.subscriptions.push(
    languageClient.onDidChangeState(showState),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("sterile.enable")) showState();
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand("sterile.restartServer", async () => {
      output.appendLine("Restarting the Sterile language server…");
      status.setState("starting");
      try {
        await languageClient.restart();
      } catch (error) {
        status.setState("failed");
        output.appendLine(`Restart failed: ${(error as Error).message}`);
      }
      showState();
    }),
    vscode.commands.registerCommand("sterile.showRuleDocumentation", (ruleId?: unknown) => docs.show(typeof ruleId === "string" ? ruleId : undefined)),
    vscode.commands.registerCommand("sterile.scanWorkspace", async () => {
      if (!languageClient.isRunning()) await languageClient.start();
      const summary = (await languageClient.sendRequest(ExecuteCommandRequest.type, {
        command: SCAN_WORKSPACE_SERVER_COMMAND,
        arguments: [],
      })) as ScanSummary | null;
      if (!summary) return;
      const what = `${summary.files} file${summary.files === 1 ? "" : "s"}, ${summary.findings} finding${summary.findings === 1 ? "" : "s"}`;
      void vscode.window.showInformationMessage(summary.cancelled ? `Sterile: scan cancelled after ${what}.` : `Sterile: scanned ${what}.`);
    }),
  );

  try {
    await languageClient.start();
  } catch (error) {
    status.setState("failed");
    output.appendLine(`The Sterile language server did not start: ${(error as Error).message}`);
    return;
  }
  showState();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
