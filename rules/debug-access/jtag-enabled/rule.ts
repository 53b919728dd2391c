import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue } from "../../../server/src/engine/config-entries.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import docs from "./README.md?raw";

interface OpenPort {
  readonly known: KnownSymbol;
  readonly message: (key: string) => string;
  /** A plain bool that can be switched off on its own (not a member of a choice). */
  readonly fixable: boolean;
}

/**
 * Checked against espressif/esp-idf components/bootloader/Kconfig.projbuild (`SECURE_BOOT_ALLOW_JTAG`),
 * zephyrproject-rtos/zephyr soc/nordic/Kconfig (choices `NRF_APPROTECT_HANDLING`,
 * `NRF_SECURE_APPROTECT_HANDLING`) and nrfconnect/sdk-nrf sysbuild/Kconfig.approtect (`APPROTECT_DISABLE`).
 */
const OPEN_PORTS: readonly OpenPort[] = [
  {
    known: { symbol: "SECURE_BOOT_ALLOW_JTAG", namespaces: ["app"] },
    message: (key) => `${key} keeps JTAG open under secure boot / flash encryption; a debugger can read memory and run any code`,
    fixable: true,
  },
  {
    known: { symbol: "NRF_APPROTECT_DISABLE", namespaces: ["app"] },
    message: (key) => `${key} opens the nRF access port at every boot; a debug probe can read and write all memory`,
    fixable: false,
  },
  {
    known: { symbol: "NRF_SECURE_APPROTECT_DISABLE", namespaces: ["app"] },
    message: (key) => `${key} opens the secure access port at every boot; a debug probe reaches the secure firmware and its keys`,
    fixable: false,
  },
  {
    known: { symbol: "APPROTECT_DISABLE", namespaces: ["sysbuild"] },
    message: (key) => `${key} opens the nRF access port in every image of the build; a debug probe can read and write all memory`,
    fixable: false,
  },
];

function check(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  for (const port of OPEN_PORTS) {
    const entry = assignments.get(port.known);
    if (!entry || switchValue(entry) !== true) continue;
    ctx.report({
      span: entrySpan(entry),
      message: port.message(entry.key),
      ...(port.fixable ? { fixes: [{ title: `Turn ${entry.key} off`, safety: "unsafe" as const, edits: [kconfigOffEdit(ctx.file.path, entry)] }] } : {}),
    });
  }
}

export default defineRule({
  id: "jtag-enabled",
  family: "debug-access",
  severity: "error",
  title: "JTAG / debug access port left open",
  message: "The build keeps the chip's JTAG / SWD debug access port open",
  cwe: ["CWE-1191"],
  standards: { owaspIot: ["I9", "I10"], iec62443: ["EDR 2.13", "CR 7.7"], fda: ["Authorization", "Integrity"] },
  languages: ["kconfig"],
  fixable: "unsafe",
  triggers: ["allow_jtag", "approtect_disable"],
  docs,
  check,
});
