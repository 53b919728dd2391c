// The documents the extension hands to the server, derived from the grammar registry (the single
// source of truth): every VS Code language id the registry maps, and a file-name pattern for every
// extension and name it knows — so `sdkconfig`, `prj.conf`, `*_defconfig`, `mosquitto.conf`,
// `Kconfig` or a `.pem` file is linted whatever language (if any) VS Code gives it. The server
// decides the file kind from the name again, so a broad match (all JSON) costs nothing.

import { fileGlobs, LANGUAGE_IDS, LANGUAGES } from "../../grammars/registry.ts";

export interface DocumentFilterShape {
  readonly scheme: string;
  readonly language?: string;
  readonly pattern?: string;
}

/** Where the extension runs: a Node extension host (`main`) or a web worker one (`browser`). */
export type ExtensionPlatform = "node" | "browser";

/**
 * On-disk files, unsaved buffers (by language only) and virtual workspaces (`vscode-vfs`: github.dev,
 * open files only). In the browser the extension host sees a remote folder's files as they are
 * named there: `vscode-remote` (code-server, vscode.dev tunnels); a Node host sees them as `file`.
 */
const PATTERN_SCHEMES: Readonly<Record<ExtensionPlatform, readonly string[]>> = {
  node: ["file", "vscode-vfs"],
  browser: ["file", "vscode-vfs", "vscode-remote"],
};
const LANGUAGE_SCHEMES: Readonly<Record<ExtensionPlatform, readonly string[]>> = {
  node: ["file", "untitled", "vscode-vfs"],
  browser: ["file", "untitled", "vscode-vfs", "vscode-remote"],
};

export function vscodeLanguageIds(): string[] {
  return [...new Set(LANGUAGE_IDS.flatMap((id) => LANGUAGES[id].vscodeLanguageIds))].sort();
}

export function documentSelector(platform: ExtensionPlatform = "node"): DocumentFilterShape[] {
  const filters: DocumentFilterShape[] = [];
  for (const scheme of LANGUAGE_SCHEMES[platform]) for (const language of vscodeLanguageIds()) filters.push({ scheme, language });
  for (const scheme of PATTERN_SCHEMES[platform]) for (const pattern of fileGlobs()) filters.push({ scheme, pattern });
  return filters;
}

/**
 * `activationEvents` for package.json: the language ids, plain text (VS Code has no language for
 * `sdkconfig` or `.pem`), and a workspace holding any file the registry knows. A test keeps
 * package.json equal to this; `node scripts/sync-manifest.mjs` rewrites it.
 */
export function activationEvents(): string[] {
  return [
    ...vscodeLanguageIds().map((id) => `onLanguage:${id}`),
    "onLanguage:plaintext",
    ...fileGlobs().map((glob) => `workspaceContains:${glob}`),
  ];
}
