// The project root: the folder of the nearest `.sterile.*` config or `.git`, found upward from the
// working directory; else the working directory. Every path the CLI prints, matches or writes
// (SARIF URIs, fingerprints, globs) is relative to it.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CONFIG_FILE_NAMES as CONFIG_NAMES } from "../config/project-config.ts";

export { CONFIG_NAMES };

export function findProjectRoot(start: string): string {
  let current = resolve(start);
  for (;;) {
    if (CONFIG_NAMES.some((name) => existsSync(join(current, name))) || existsSync(join(current, ".git"))) return current;
    const parent = dirname(current);
    if (parent === current) return resolve(start);
    current = parent;
  }
}
