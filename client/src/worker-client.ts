// The browser build's language client: LSP over `postMessage` with the server's Web Worker. Each
// start gets a fresh worker (so "Sterile: Restart Server" really restarts), and stopping ends it:
// a worker has no process exit to follow the `exit` notification.

import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, type LanguageClientOptions, type MessageTransports } from "vscode-languageclient/browser";
import type { RestartableClient } from "./activate.ts";

export class WorkerLanguageClient extends BaseLanguageClient implements RestartableClient {
  private worker: Worker | undefined;

  constructor(
    id: string,
    name: string,
    options: LanguageClientOptions,
    private readonly startWorker: () => Promise<Worker>,
  ) {
    super(id, name, options);
  }

  protected override async createMessageTransports(): Promise<MessageTransports> {
    this.terminate();
    const worker = await this.startWorker();
    this.worker = worker;
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  }

  override async start(): Promise<void> {
    try {
      await super.start();
    } catch (error) {
      this.terminate();
      throw error;
    }
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.terminate();
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
