// Known Kconfig symbols in a Kconfig value file (`sdkconfig*`, `prj*.conf`, `sysbuild.conf`, board
// `*_defconfig`), read the way Kconfig reads them: the last assignment of a symbol wins, and a
// deprecated name (ESP-IDF's `sdkconfig.rename`: `CONFIG_FLASH_ENCRYPTION_INSECURE` for
// `CONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT`) stands for the current one unless the current
// name is assigned too — a full sdkconfig repeats old names in its "Deprecated options" block, and
// one setting must not be reported twice.

import type { ConfigEntry } from "../../server/src/engine/config-entries.ts";
import { kconfigSymbolOf, type KconfigNamespace } from "./kconfig-symbols.ts";

export interface KnownSymbol {
  /** The current name without prefix, as the Kconfig definition spells it: `SECURE_BOOT_ALLOW_JTAG`. */
  readonly symbol: string;
  /** Deprecated names of the same option (without prefix). */
  readonly aliases?: readonly string[];
  /** `app` for `CONFIG_X`, `sysbuild` for Zephyr's `SB_CONFIG_X`. */
  readonly namespaces: readonly KconfigNamespace[];
}

/** The last assignment of every symbol in a file, by namespace and symbol. */
export class KconfigAssignments {
  private readonly last = new Map<string, ConfigEntry>();

  constructor(entries: readonly ConfigEntry[]) {
    for (const entry of entries) {
      const ref = kconfigSymbolOf(entry.key);
      // `<image>_CONFIG_X` cache variables only occur in CMake presets, not in value files.
      if (!ref || ref.image !== undefined) continue;
      this.last.set(`${ref.namespace}:${ref.symbol}`, entry);
    }
  }

  /** The deciding assignment of a symbol under its current name, else under a deprecated one. */
  get(known: KnownSymbol): ConfigEntry | undefined {
    let alias: ConfigEntry | undefined;
    for (const namespace of known.namespaces) {
      const current = this.last.get(`${namespace}:${known.symbol}`);
      if (current) return current;
      for (const old of known.aliases ?? []) alias ??= this.last.get(`${namespace}:${old}`);
    }
    return alias;
  }
}
