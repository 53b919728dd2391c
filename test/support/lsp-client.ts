// A minimal LSP client for tests: starts the bundled server as an editor would (a child process
// over stdio), answers the server's requests (configuration, progress, registrations,
// showDocument) and records what it publishes.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node.js";
import { copyWardMonitor } from "../e2e/support/fixture.mjs";
import { REPO_ROOT } from "./fixtures.ts";

/** A throwaway copy of the fixture project (tests edit and save files in it). */
export function copyFixtureProject(): string {
  return copyWardMonitor(mkdtempSync(join(tmpdir(), "sterile-lsp-")));
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } },
      isPreferredSupport: true,
      disabledSupport: true,
    },
    hover: { contentFormat: ["markdown", "plaintext"] },
  },
};

export interface ProgressEvent {
  readonly token: string | number;
  readonly value: { kind: "begin" | "report" | "end"; percentage?: number; message?: string; title?: string; cancellable?: boolean };
}

export class TestLspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly progressTokens: (string | number)[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** `window/logMessage` with its type (1 error … 4 log), to tell handler failures from chatter. */
  readonly logEntries: { type: number; message: string }[] = [];
  /** Everything the server wrote on stdout, raw (only when started with `captureWire`). */
  readonly wire: Buffer[] = [];
  readonly shown: unknown[] = [];
  settings: Record<string, unknown> = {};
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  private stderr = "";

  private constructor(
    readonly child: ChildProcess,
    captureWire = false,
  ) {
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    if (captureWire) child.stdout?.on("data", (chunk: Buffer) => this.wire.push(chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.diagnostics.set(params.uri, params);
      this.poke();
    });
    this.connection.onNotification("$/progress", (params: ProgressEvent) => {
      this.progress.push(params);
      this.poke();
    });
    this.connection.onNotification("window/showMessage", (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.poke();
    });
    this.connection.onNotification("window/logMessage", (params: { type: number; message: string }) => {
      this.logs.push(params.message);
      this.logEntries.push(params);
    });
    this.connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === "sterile" ? this.settings : null)),
    );
    this.connection.onRequest("window/workDoneProgress/create", (params: { token: string | number }) => {
      this.progressTokens.push(params.token);
      return null;
    });
    this.connection.onRequest("client/registerCapability", (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.poke();
      return null;
    });
    this.connection.onRequest("window/showDocument", (params: unknown) => {
      this.shown.push(params);
      return { success: true };
    });
    this.connection.onRequest("window/showMessageRequest", () => null);
    this.connection.listen();
  }

  /** `command` defaults to the CLI (`sterile lsp --stdio`), the way other editors start it. */
  static async start(options: {
    root: string;
    settings?: Record<string, unknown>;
    command?: string[];
    /** Extra environment for the server process. */
    env?: Record<string, string>;
    /** `initialize`'s `trace` ("off" | "messages" | "verbose"), as VS Code sends `sterile.trace.server`. */
    trace?: string;
    captureWire?: boolean;
  }): Promise<TestLspClient> {
    const command = options.command ?? [process.execPath, join(REPO_ROOT, "dist", "cli.js"), "lsp", "--stdio"];
    const child = spawn(command[0]!, command.slice(1), { cwd: options.root, stdio: ["pipe", "pipe", "pipe"], ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    const client = new TestLspClient(child, options.captureWire);
    client.settings = options.settings ?? {};
    await client.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uriOf(options.root),
      workspaceFolders: [{ uri: uriOf(options.root), name: "ward-monitor" }],
      capabilities: CLIENT_CAPABILITIES,
      ...(options.trace ? { trace: options.trace } : {}),
    });
    await client.connection.sendNotification("initialized", {});
    return client;
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves once `check` holds (re-checked on every notification), or fails after `ms`. */
  waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
      }, ms);
      const waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Diagnostics published for `uri` with exactly this document version. */
  async diagnosticsFor(uri: string, version?: number): Promise<Diagnostic[]> {
    await this.waitFor(
      () => {
        const last = this.diagnostics.get(uri);
        return Boolean(last) && (version === undefined || last!.version === version);
      },
      `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ""}`,
    );
    return this.diagnostics.get(uri)!.diagnostics;
  }

  open(path: string, version = 1, languageId = "c"): { uri: string; text: string } {
    const uri = uriOf(path);
    const text = readFileSync(path, "utf8");
    void this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
    return { uri, text };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification("exit");
    } catch {
      // the server may already be gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }

  get stderrText(): string {
    return this.stderr;
  }
}
