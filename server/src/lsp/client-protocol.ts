// What our VS Code client and the server say to each other besides LSP.
// - The browser build: a worker started by a web extension can fetch neither `vscode-remote:` nor
//   `blob:` URLs (see the README, "In the browser"), so the client reads every `.wasm` file itself
//   and hands the bytes over in the first `postMessage`, before any JSON-RPC; the worker answers
//   `booted` once its LSP connection listens.
// - Folders the server cannot read (every folder in the browser worker, a virtual workspace's on
//   the desktop): it asks the client for the project config file (`sterile/projectConfig`).
// Imported by both sides; keep it free of anything that pulls code in (the client bundle must not
// carry web-tree-sitter).

import { LANGUAGES } from "../../../grammars/registry.ts";

export const BOOT_MESSAGE = "sterile/boot";
export const BOOTED_MESSAGE = "sterile/booted";

/** The first message the worker receives. */
export interface WorkerBoot {
  readonly kind: typeof BOOT_MESSAGE;
  /** Every file of `wasmFileNames()`, by name. */
  readonly wasm: Readonly<Record<string, Uint8Array>>;
  /** URI of the folder holding the rule docs pages (`<rule-id>.md`), for diagnostics' links. */
  readonly docsBase?: string;
}

/** The worker's answer to the boot message; `error` when it could not start. */
export interface WorkerBooted {
  readonly kind: typeof BOOTED_MESSAGE;
  readonly error?: string;
}

export function isWorkerBoot(data: unknown): data is WorkerBoot {
  return typeof data === "object" && data !== null && (data as { kind?: unknown }).kind === BOOT_MESSAGE && typeof (data as { wasm?: unknown }).wasm === "object";
}

export function isWorkerBooted(data: unknown): data is WorkerBooted {
  return typeof data === "object" && data !== null && (data as { kind?: unknown }).kind === BOOTED_MESSAGE;
}

/** The web-tree-sitter runtime (the engine's `RUNTIME_WASM`; not imported, to keep web-tree-sitter out of the client). */
export const RUNTIME_WASM_FILE = "web-tree-sitter.wasm";

/** The `.wasm` files the server loads, as shipped in `dist/grammars/`. */
export function wasmFileNames(): string[] {
  const grammars = Object.values(LANGUAGES).flatMap((info) => (info.grammar ? [info.grammar.wasm] : []));
  return [RUNTIME_WASM_FILE, ...new Set(grammars)];
}

/** Server → client: find the project config governing a workspace folder through `vscode.workspace.fs`. */
export const PROJECT_CONFIG_REQUEST = "sterile/projectConfig";

export interface ProjectConfigParams {
  /** The workspace folder's URI, as the client sent it. */
  readonly folderUri: string;
  /** File names to look for, in order (`.sterile.yml` …). */
  readonly names: readonly string[];
}

/**
 * The nearest folder (the workspace folder or above it, stopping at one holding `.git`) holding
 * any of the names, with every such file found there; `null` when there is none.
 */
export interface ProjectConfigFiles {
  readonly folderUri: string;
  readonly files: readonly { readonly name: string; readonly text: string }[];
}
