import type { Rule } from "../../server/src/engine/types.ts";
import debugShellExposed from "./debug-shell-exposed/rule.ts";
import gdbStubEnabled from "./gdb-stub-enabled/rule.ts";
import jtagEnabled from "./jtag-enabled/rule.ts";
import networkShellExposed from "./network-shell-exposed/rule.ts";
import romDownloadModeEnabled from "./rom-download-mode-enabled/rule.ts";

export const debugAccessRules: readonly Rule[] = [
  debugShellExposed,
  gdbStubEnabled,
  jtagEnabled,
  networkShellExposed,
  romDownloadModeEnabled,
];
