import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { FixInput, RuleContext } from "../../../server/src/engine/types.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import docs from "./README.md?raw";

/**
 * Checked against espressif/esp-idf components/esp_gdbstub/Kconfig (`ESP_SYSTEM_GDBSTUB_RUNTIME`),
 * components/esp_system/Kconfig (choice member `ESP_SYSTEM_PANIC_GDBSTUB`; old names from
 * components/esp_system/sdkconfig.rename.esp32 / .esp32s2) and zephyrproject-rtos/zephyr
 * subsys/debug/Kconfig (`GDBSTUB`).
 */
const ESP_RUNTIME: KnownSymbol = { symbol: "ESP_SYSTEM_GDBSTUB_RUNTIME", namespaces: ["app"] };
const ESP_PANIC: KnownSymbol = { symbol: "ESP_SYSTEM_PANIC_GDBSTUB", aliases: ["ESP32_PANIC_GDBSTUB", "ESP32S2_PANIC_GDBSTUB"], namespaces: ["app"] };
const ZEPHYR: KnownSymbol = { symbol: "GDBSTUB", namespaces: ["app"] };

const isOn = (entry: ConfigEntry | undefined): entry is ConfigEntry => entry !== undefined && switchValue(entry) === true;

function offFix(ctx: RuleContext, entry: ConfigEntry): FixInput[] {
  return [{ title: `Turn ${entry.key} off`, safety: "unsafe", edits: [kconfigOffEdit(ctx.file.path, entry)] }];
}

function check(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  const runtime = assignments.get(ESP_RUNTIME);
  if (isOn(runtime)) {
    ctx.report({
      span: entrySpan(runtime),
      message: `${runtime.key} runs a GDB stub on the console UART: Ctrl+C on the serial line halts the firmware and hands over memory and registers`,
      fixes: offFix(ctx, runtime),
    });
  }
  // With the runtime stub on, ESP-IDF forces the panic handler to the stub as well: one finding is enough.
  const panic = assignments.get(ESP_PANIC);
  if (isOn(panic) && !isOn(runtime)) {
    ctx.report({
      span: entrySpan(panic),
      message: `${panic.key} starts a GDB stub on the serial port after a crash instead of rebooting: memory and registers are open to whoever is connected, and the device stays down`,
    });
  }
  const zephyr = assignments.get(ZEPHYR);
  if (isOn(zephyr)) {
    ctx.report({
      span: entrySpan(zephyr),
      message: `${zephyr.key} builds Zephyr's GDB remote stub into the image: a debugger on its UART can read and write memory`,
      fixes: offFix(ctx, zephyr),
    });
  }
}

export default defineRule({
  id: "gdb-stub-enabled",
  family: "debug-access",
  severity: "warning",
  title: "GDB stub built into the firmware",
  message: "A GDB remote debugging stub is built into the firmware",
  cwe: ["CWE-489", "CWE-1191"],
  standards: { owaspIot: ["I9", "I10"], iec62443: ["EDR 2.13", "CR 7.7"], fda: ["Authorization", "Resiliency"] },
  languages: ["kconfig"],
  fixable: "unsafe",
  triggers: ["gdbstub"],
  docs,
  check,
});
