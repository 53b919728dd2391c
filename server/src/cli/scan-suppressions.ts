// What a CLI scan needs to apply suppressions: today's date (UTC), the catalog's id and alias
// resolver, and the project config's `suppress:` entries compiled with the same glob semantics as
// its `overrides` (paths relative to the config file's folder).

import { readFile } from "node:fs/promises";
import { relative, sep } from "node:path";
import picomatch from "picomatch/posix";
import { ruleById } from "../../../rules/index.ts";
import { compileConfigSuppressions, utcDate } from "../engine/suppressions.ts";
import type { LoadedConfig } from "./config-file.ts";
import type { ScanSuppressions } from "./scan.ts";

export async function scanSuppressions(
  loaded: LoadedConfig,
  options: { readonly root: string; readonly toConfigPath: (path: string) => string; readonly reportUnused: boolean; readonly today?: string },
): Promise<ScanSuppressions> {
  const today = options.today ?? utcDate();
  const resolveRule = (id: string) => ruleById(id)?.id;
  const entries = loaded.config.suppress;
  if (entries.length === 0 || !loaded.absolute) return { today, resolveRule, reportUnused: options.reportUnused };
  const text = await readFile(loaded.absolute, "utf8");
  const path = relative(options.root, loaded.absolute).split(sep).join("/");
  const config = compileConfigSuppressions(entries, {
    source: { path, text },
    matcher: (glob) => {
      const matches = picomatch(glob, { dot: true });
      return (scanned) => matches(options.toConfigPath(scanned));
    },
    today,
    resolveRule,
  });
  return { today, resolveRule, reportUnused: options.reportUnused, config };
}
