// Starts the language server in this Node process over IPC (VS Code) or stdio (every other
// editor). Used by the bundled server (`dist/server.js`, node-main.ts) and `sterile lsp --stdio`.

import { createConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { nodeHost } from "./node-host.ts";
import { startServer } from "./server.ts";

declare const STERILE_VERSION: string;

export type Transport = "stdio" | "ipc";

export function startNodeServer(transport: Transport): void {
  if (transport === "stdio") {
    // stdout carries the protocol: anything else printed there would corrupt it.
    const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
    console.log = toStderr;
    console.info = toStderr;
    console.debug = toStderr;
  }
  const connection =
    transport === "ipc"
      ? createConnection(new IPCMessageReader(process), new IPCMessageWriter(process))
      : createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  if (process.env.STERILE_TEST_MEMORY === "1") {
    // Test-only (the stability test sets it): the process's memory after a full collection when
    // Node runs with --expose-gc. Never registered otherwise.
    connection.onRequest(MEMORY_REQUEST, () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    });
  }
  startServer(connection, nodeHost(__dirname, STERILE_VERSION));
}

export const MEMORY_REQUEST = "sterile/test/memoryUsage";

/** The transport named on the command line (`--node-ipc` or `--stdio`), if any. */
export function transportFromArgs(args: readonly string[]): Transport | undefined {
  if (args.includes("--node-ipc")) return "ipc";
  if (args.includes("--stdio")) return "stdio";
  return undefined;
}
