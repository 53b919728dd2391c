// How a Kconfig value file spells a symbol switched on or off, for fixes that flip one. ESP-IDF's
// `sdkconfig*` files (and anything menuconfig writes) use `# CONFIG_X is not set`; Zephyr's
// `prj*.conf`, board `*_defconfig` fragments and other overlays use `CONFIG_X=n`.

import { baseName } from "../../grammars/registry.ts";
import type { ConfigEntry } from "../../server/src/engine/config-entries.ts";
import type { TextEdit } from "../../server/src/engine/types.ts";
import { entrySpan } from "./config-values.ts";

/** Whether a Kconfig value file writes disabled symbols as `# CONFIG_X is not set`. */
export function writesNotSet(path: string): boolean {
  return baseName(path).startsWith("sdkconfig");
}

/** The edit that turns a Kconfig entry (`CONFIG_X=y`) off in the file's own style. */
export function kconfigOffEdit(path: string, entry: ConfigEntry): TextEdit {
  const newText = writesNotSet(path) ? `# ${entry.key} is not set` : `${entry.key}=n`;
  return { ...entrySpan(entry), newText };
}

/** The edit that turns a Kconfig entry (`CONFIG_X=n` or `# CONFIG_X is not set`) on. */
export function kconfigOnEdit(entry: ConfigEntry): TextEdit {
  return { ...entrySpan(entry), newText: `${entry.key}=y` };
}
