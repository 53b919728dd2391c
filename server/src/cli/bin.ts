#!/usr/bin/env node
// Entry point of the bundled CLI (`dist/cli.js`). Everything testable lives in main.ts; this file
// only binds it to the real process, the shipped `.wasm` files and Node's module resolution. The
// same bundle serves `--jobs` worker threads.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startNodeServer } from "../lsp/node-server.ts";
import { HELP, main } from "./main.ts";
import { serveIfScanWorker } from "./scan-workers.ts";

declare const STERILE_VERSION: string;

const grammarsDir = join(__dirname, "grammars");

function runCli(): void {
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    workerScript: __filename,
    grammarsDir,
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    exists: existsSync,
    help: HELP,
    readWasm: (fileName) => readFile(join(grammarsDir, fileName)),
    requireNative: (id) => require(id),
    startLanguageServer: () => startNodeServer("stdio"),
    version: STERILE_VERSION,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sterile: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (!serveIfScanWorker()) runCli();
