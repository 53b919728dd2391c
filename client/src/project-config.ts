// Finds the project config for the browser build's server, which cannot read the workspace: the
// nearest folder, from the workspace folder upward, holding a `.sterile.yml` (or another of the
// names the server asks for), stopping at a folder holding `.git` — as the CLI looks on disk — and
// read through `vscode.workspace.fs`, so it works on every file system the editor has (remote,
// virtual). A virtual workspace's folder is its repository's root: nothing above it is looked at.
// The server parses and validates what is found.

import * as vscode from "vscode";
import type { ProjectConfigFiles, ProjectConfigParams } from "../../server/src/lsp/client-protocol.ts";

/** Schemes whose workspace folder is the top of what can be read (github.dev, vscode.dev's own virtual file systems). */
const ROOTED_SCHEMES = new Set(["vscode-vfs"]);

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function parentOf(uri: vscode.Uri): vscode.Uri | undefined {
  let path = uri.path;
  while (path.endsWith("/")) path = path.slice(0, -1);
  if (path === "" || /^\/[A-Za-z]:$/.test(path)) return undefined;
  return uri.with({ path: path.slice(0, path.lastIndexOf("/")) || "/" });
}

export async function findProjectConfig(params: ProjectConfigParams): Promise<ProjectConfigFiles | null> {
  let folder: vscode.Uri | undefined = vscode.Uri.parse(params.folderUri);
  const rooted = ROOTED_SCHEMES.has(folder.scheme);
  while (folder) {
    const files: { name: string; text: string }[] = [];
    for (const name of params.names) {
      const uri = vscode.Uri.joinPath(folder, name);
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue;
      }
      files.push({ name, text: new TextDecoder().decode(bytes) });
    }
    if (files.length > 0) return { folderUri: folder.toString(), files };
    if (rooted || (await exists(vscode.Uri.joinPath(folder, ".git")))) return null;
    folder = parentOf(folder);
  }
  return null;
}
