import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue } from "../../../server/src/engine/config-entries.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import docs from "./README.md?raw";

/** Checked against espressif/esp-idf components/bootloader/Kconfig.projbuild (choice `SECURE_UART_ROM_DL_MODE`, menu "Potentially insecure options"). */
const FULL_DOWNLOAD_MODE: KnownSymbol = { symbol: "SECURE_INSECURE_ALLOW_DL_MODE", namespaces: ["app"] };
const ROM_BASIC: KnownSymbol = { symbol: "SECURE_BOOT_ALLOW_ROM_BASIC", namespaces: ["app"] };

function check(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  const download = assignments.get(FULL_DOWNLOAD_MODE);
  if (download && switchValue(download) === true) {
    ctx.report({
      span: entrySpan(download),
      message: `${download.key} keeps the full UART ROM download mode: with the boot pin strapped, esptool can read flash, write flash and burn eFuses`,
    });
  }
  const basic = assignments.get(ROM_BASIC);
  if (basic && switchValue(basic) === true) {
    ctx.report({
      span: entrySpan(basic),
      message: `${basic.key} leaves the ROM BASIC interpreter reachable on reset: a serial console that can read and write memory`,
      fixes: [{ title: `Turn ${basic.key} off`, safety: "unsafe", edits: [kconfigOffEdit(ctx.file.path, basic)] }],
    });
  }
}

export default defineRule({
  id: "rom-download-mode-enabled",
  family: "debug-access",
  severity: "error",
  title: "UART ROM download mode left enabled",
  message: "The chip's ROM serial loader stays fully available on a secured device",
  cwe: ["CWE-1191"],
  standards: { owaspIot: ["I9", "I10"], iec62443: ["EDR 2.13", "CR 7.7"], fda: ["Authorization", "Integrity"] },
  languages: ["kconfig"],
  fixable: "unsafe",
  triggers: ["allow_dl_mode", "allow_rom_basic"],
  docs,
  check,
});
