// The project config of a workspace folder the server cannot read itself (every folder in the
// browser worker; a virtual workspace's folder on the desktop): found and read by our VS Code
// client through `vscode.workspace.fs` (the `sterile/projectConfig` request), parsed and validated
// here exactly as the CLI does it. A client that does not know the request has no config to give.

import type { Connection } from "vscode-languageserver";
import { allRules } from "../../../rules/index.ts";
import { CONFIG_FILE_NAMES, ConfigError, parseProjectConfig } from "../config/project-config.ts";
import type { LoadedProject } from "./host.ts";
import { uriPath } from "./uris.ts";
import { PROJECT_CONFIG_REQUEST, type ProjectConfigFiles, type ProjectConfigParams } from "./client-protocol.ts";

/** How a config found above the workspace folder is named in messages (`../.sterile.yml`), as the CLI names it. */
function shownName(folder: string, configDir: string, name: string): string {
  if (configDir === folder || !folder.startsWith(`${configDir}/`)) return name;
  const depth = folder.slice(configDir.length + 1).split("/").length;
  return `${"../".repeat(depth)}${name}`;
}

/**
 * Asks the client for the config governing `folder` (its URI and `/`-separated path). Only for
 * clients that said they answer the request (`initializationOptions.projectConfigRequest`).
 */
export async function projectConfigFromClient(
  connection: Connection,
  folder: { readonly uri: string; readonly path: string },
): Promise<LoadedProject | { readonly error: string } | undefined> {
  const params: ProjectConfigParams = { folderUri: folder.uri, names: CONFIG_FILE_NAMES };
  let found: ProjectConfigFiles | null;
  try {
    found = await connection.sendRequest<ProjectConfigFiles | null>(PROJECT_CONFIG_REQUEST, params);
  } catch (error) {
    return { error: `cannot read the project config: ${(error as Error).message}` };
  }
  if (!found || found.files.length === 0) return undefined;
  const dir = uriPath(found.folderUri).replace(/\/$/, "");
  const [first, second] = found.files;
  if (second) return { error: `${shownName(folder.path, dir, second.name)}:1: two config files in one folder (${found.files.map((f) => f.name).join(", ")}); keep one` };
  const knownRules = new Set(allRules.flatMap((rule) => [rule.id, ...(rule.aliases ?? [])]));
  try {
    const config = parseProjectConfig(shownName(folder.path, dir, first!.name), first!.text, knownRules);
    return { config, dir, file: { name: first!.name, text: first!.text } };
  } catch (error) {
    if (error instanceof ConfigError) return { error: error.message };
    return { error: `cannot read the project config: ${(error as Error).message}` };
  }
}
