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

/** On-disk files, unsaved buffers (by language only) and virtual workspaces (open files only). */
const PATTERN_SCHEMES = ["file", "vscode-vfs"];
const LANGUAGE_SCHEMES = ["file", "untitled", "vscode-vfs"];

export function vscodeLanguageIds(): string[] {
  return [...new Set(LANGUAGE_IDS.flatMap((id) => LANGUAGES[id].vscodeLanguageIds))].sort();
}

export function documentSelector(): DocumentFilterShape[] {
  const filters: DocumentFilterShape[] = [];
  for (const scheme of LANGUAGE_SCHEMES) for (const language of vscodeLanguageIds()) filters.push({ scheme, language });
  for (const scheme of PATTERN_SCHEMES) for (const pattern of fileGlobs()) filters.push({ scheme, pattern });
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
