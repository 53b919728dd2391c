// What the CLI needs from its process, passed in so tests can run it in-process too.

import type { WasmReader } from "../engine/parser.ts";

export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** Progress bars go to stderr, only on a terminal and never in CI. */
  readonly stderrIsTTY?: boolean;
  /** The bundled CLI and its grammars folder, for `--jobs` worker threads; absent in-process. */
  readonly workerScript?: string;
  readonly grammarsDir?: string;
  writeOut(text: string): void;
  writeErr(text: string): void;
  exists(path: string): boolean;
  /** Reads a shipped `.wasm` file. */
  readonly readWasm: WasmReader;
  /** Resolves the native binding and grammar packages for `--parser native|auto`. */
  readonly requireNative: (id: string) => unknown;
  /** Starts the language server on this process's stdin/stdout (`sterile lsp --stdio`); it runs until the editor ends it. */
  readonly startLanguageServer?: () => void;
  readonly version: string;
  readonly help: string;
}
