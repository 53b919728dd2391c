// The language server's Node host: the `.wasm` files and rule docs shipped beside the bundle, and
// the CLI's own walker and decoder for the workspace scan, so both hosts select and read files
// the same way (`.gitignore`, excludes, encodings, size limit).

import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { allRules } from "../../../rules/index.ts";
import { loadConfig } from "../cli/config-file.ts";
import { walk } from "../cli/walk.ts";
import { ConfigError } from "../config/project-config.ts";
import { decodeBytes } from "../engine/decode.ts";
import type { ServerHost, WorkspaceFiles } from "./host.ts";
import { fileUri } from "./uris.ts";

const MAX_FILE_BYTES = 4 * 1024 * 1024;

const nodeFiles: WorkspaceFiles = {
  async list(folder, exclude) {
    const result = await walk([folder], { root: folder, exclude, respectGitignore: true });
    return result.files.map((f) => ({ absolute: f.absolute.split("\\").join("/"), path: f.path }));
  },
  async read(absolute) {
    try {
      const info = await stat(absolute);
      if (info.size > MAX_FILE_BYTES) return { skipped: `larger than ${MAX_FILE_BYTES} bytes` };
      const decoded = decodeBytes(await readFile(absolute));
      return decoded.kind === "binary" ? { skipped: "binary" } : { text: decoded.text };
    } catch (error) {
      return { skipped: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
  },
};

/** `distDir` holds `grammars/*.wasm` and `docs/<rule-id>.md` (the bundle's own folder). */
export function nodeHost(distDir: string, version: string): ServerHost {
  const grammars = join(distDir, "grammars");
  const docs = join(distDir, "docs");
  return {
    version,
    readWasm: (fileName) => readFile(join(grammars, fileName)),
    docsUri: (ruleId) => {
      const page = join(docs, `${ruleId}.md`);
      return existsSync(page) ? fileUri(page) : undefined;
    },
    files: nodeFiles,
    async loadProjectConfig(folder) {
      const knownRules = new Set(allRules.flatMap((rule) => [rule.id, ...(rule.aliases ?? [])]));
      try {
        const loaded = await loadConfig({ start: folder, cwd: folder, root: folder, knownRules });
        if (!loaded.absolute) return undefined;
        const text = await readFile(loaded.absolute, "utf8");
        return { config: loaded.config, dir: loaded.dir.split("\\").join("/"), file: { name: basename(loaded.absolute), text } };
      } catch (error) {
        if (error instanceof ConfigError) return { error: error.message };
        return { error: `cannot read the project config: ${(error as Error).message}` };
      }
    },
  };
}
