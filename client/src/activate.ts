// What the extension does once its language client exists, the same on the desktop (extension.ts:
// a Node process over IPC) and in the browser (browser.ts: a Web Worker): the status bar item, the
// output channel, the three commands and starting the client. Everything else (analysis, fixes,
// hovers, the workspace scan) lives in the server, which other editors use unchanged through
// `sterile lsp --stdio`.

import * as vscode from "vscode";
import { ExecuteCommandRequest, State, type BaseLanguageClient, type LanguageClientOptions } from "vscode-languageclient";
import { PROJECT_CONFIG_REQUEST, type ProjectConfigParams } from "../../server/src/lsp/client-protocol.ts";
import { findProjectConfig } from "./project-config.ts";
import { RuleDocs } from "./rule-docs.ts";
import { documentSelector, type ExtensionPlatform } from "./selectors.ts";
import { StatusItem } from "./status.ts";

const SCAN_WORKSPACE_SERVER_COMMAND = "sterile.server.scanWorkspace";

interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly skipped: number;
  readonly cancelled: boolean;
  readonly millis: number;
}

/** A language client that can be restarted (the Node client can; the worker client does it itself). */
export interface RestartableClient extends BaseLanguageClient {
  restart(): Promise<void>;
}

export interface ClientFactory {
  readonly platform: ExtensionPlatform;
  create(options: LanguageClientOptions, output: vscode.OutputChannel): RestartableClient;
}

function enabled(): boolean {
  return vscode.workspace.getConfiguration("sterile").get<boolean>("enable", true) !== false;
}

/** Activates the extension; resolves with the client (started, or failed with the reason logged). */
export async function activateSterile(context: vscode.ExtensionContext, factory: ClientFactory): Promise<RestartableClient> {
  const output = vscode.window.createOutputChannel("Sterile");
  const status = new StatusItem();
  const docs = new RuleDocs(context.extensionUri);
  context.subscriptions.push(output, status, docs);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(factory.platform),
    outputChannel: output,
    diagnosticCollectionName: "sterile",
    synchronize: { configurationSection: "sterile" },
    // The server may ask for the project config of folders it cannot read (project-config.ts).
    initializationOptions: { commandLinks: true, projectConfigRequest: true },
    // Hovers may link to the rendered docs page; no other command runs from server markdown.
    markdown: { isTrusted: { enabledCommands: ["sterile.showRuleDocumentation"] } },
  };
  const languageClient = factory.create(clientOptions, output);
  languageClient.onRequest(PROJECT_CONFIG_REQUEST, (params: ProjectConfigParams) => findProjectConfig(params));

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
      // `null`: the server said why (e.g. no file system to list in the browser).
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
    return languageClient;
  }
  showState();
  return languageClient;
}
