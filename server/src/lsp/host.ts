// What the language server needs from the platform it runs on. The Node host (node-host.ts) reads
// the shipped `.wasm` files and walks folders on disk; the browser worker host (browser-host.ts)
// gets the `.wasm` bytes from the client and has no disk: no `files` (open documents only) and no
// `loadProjectConfig` (the client reads the project config for it, client-project-config.ts).

import type { ProjectConfig } from "../config/project-config.ts";
import type { WasmReader } from "../engine/parser.ts";

export interface WorkspaceFile {
  /** Absolute, `/`-separated. */
  readonly absolute: string;
  /** Relative to the folder that was listed, `/`-separated. */
  readonly path: string;
}

export interface WorkspaceFiles {
  /** Lintable files under `folder` (absolute), honouring every `.gitignore` and the `exclude` globs. */
  list(folder: string, exclude: readonly string[]): Promise<WorkspaceFile[]>;
  /** Decoded text, or `undefined` for binary, unreadable or over-large files (with the reason). */
  read(absolute: string): Promise<{ text: string } | { skipped: string }>;
}

export interface ServerHost {
  readonly version: string;
  readonly readWasm: WasmReader;
  /** Where a rule's docs page ships (`codeDescription.href`), if this host has one. */
  docsUri(ruleId: string): string | undefined;
  /** Disk access for the workspace scan; absent where there is no file system. */
  readonly files?: WorkspaceFiles;
  /**
   * The project config (`.sterile.yml` …) governing a workspace folder on disk (a `file:` URI's
   * path), found as the CLI finds it (upward from the folder, stopping at `.git`); `error` is a
   * one-line `file:line: problem`.
   */
  loadProjectConfig?(folder: string): Promise<LoadedProject | { readonly error: string } | undefined>;
}

export interface LoadedProject {
  readonly config: ProjectConfig;
  /** Absolute, `/`-separated folder the config's globs are relative to. */
  readonly dir: string;
  /** The config file's name and text, for locating its `suppress:` entries. */
  readonly file: { readonly name: string; readonly text: string };
}
