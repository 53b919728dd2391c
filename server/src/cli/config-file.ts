// Finds and reads the project config for the CLI: `--config FILE`, else the nearest
// `.sterile.yml`/`.sterile.yaml`/`.sterile.json` upward from the scanned path, stopping at a folder
// holding `.git` or at the file-system root. Two config files in one folder is an error.

import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { ConfigError, EMPTY_CONFIG, parseProjectConfig, type ProjectConfig } from "../config/project-config.ts";
import { CONFIG_NAMES } from "./project-root.ts";

export interface LoadedConfig {
  readonly config: ProjectConfig;
  /** Folder config globs are relative to. */
  readonly dir: string;
  readonly absolute?: string;
}

function findConfig(start: string): string | undefined {
  let current = resolve(start);
  if (existsSync(current) && !statSync(current).isDirectory()) current = dirname(current);
  for (;;) {
    const present = CONFIG_NAMES.filter((name) => existsSync(join(current, name)));
    if (present.length > 1) throw new ConfigError(join(current, present[1]!), 1, `two config files in one folder (${present.join(", ")}); keep one`);
    if (present.length === 1) return join(current, present[0]!);
    if (existsSync(join(current, ".git"))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export async function loadConfig(options: { explicit?: string; start: string; cwd: string; root: string; knownRules: ReadonlySet<string> }): Promise<LoadedConfig> {
  const absolute = options.explicit ? resolve(options.cwd, options.explicit) : findConfig(options.start);
  if (!absolute) return { config: EMPTY_CONFIG, dir: options.root };
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new ConfigError(options.explicit ?? absolute, 1, `cannot read config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const shown = relative(options.cwd, absolute) || basename(absolute);
  return { config: parseProjectConfig(shown, text, options.knownRules), dir: dirname(absolute), absolute };
}
