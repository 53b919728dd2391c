import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue } from "../../../server/src/engine/config-entries.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import docs from "./README.md?raw";

interface Weakening {
  readonly known: KnownSymbol;
  readonly message: (key: string) => string;
  /** Whether switching the line off is enough (not a choice member, not forced on by a `select`). */
  readonly fixable: boolean;
}

/**
 * Checked against espressif/esp-idf components/bootloader/Kconfig.projbuild; the deprecated names
 * come from components/bootloader/sdkconfig.rename (still read by ESP-IDF, and repeated in the
 * "Deprecated options" block of every full sdkconfig).
 */
const WEAKENINGS: readonly Weakening[] = [
  {
    known: { symbol: "SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT", aliases: ["FLASH_ENCRYPTION_INSECURE"], namespaces: ["app"] },
    message: (key) => `${key}: flash encryption in development mode; over the UART download mode anyone can write chosen plaintext that the chip encrypts and runs`,
    fixable: false,
  },
  {
    // Selected by development mode, so a line of its own cannot switch it off there.
    known: { symbol: "SECURE_FLASH_UART_BOOTLOADER_ALLOW_ENC", aliases: ["FLASH_ENCRYPTION_UART_BOOTLOADER_ALLOW_ENCRYPT"], namespaces: ["app"] },
    message: (key) => `${key} keeps flash encryption available to the UART bootloader; new plaintext can be encrypted onto the device`,
    fixable: false,
  },
  {
    known: { symbol: "SECURE_FLASH_UART_BOOTLOADER_ALLOW_DEC", aliases: ["FLASH_ENCRYPTION_UART_BOOTLOADER_ALLOW_DECRYPT"], namespaces: ["app"] },
    message: (key) => `${key} keeps flash decryption available to the UART bootloader: the encrypted flash can be read out in plaintext`,
    fixable: true,
  },
  {
    known: { symbol: "SECURE_FLASH_UART_BOOTLOADER_ALLOW_CACHE", aliases: ["FLASH_ENCRYPTION_UART_BOOTLOADER_ALLOW_CACHE"], namespaces: ["app"] },
    message: (key) => `${key} keeps the flash cache available to the UART bootloader, a path to decrypted flash contents`,
    fixable: true,
  },
];

function check(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  for (const weakening of WEAKENINGS) {
    const entry = assignments.get(weakening.known);
    if (!entry || switchValue(entry) !== true) continue;
    ctx.report({
      span: entrySpan(entry),
      message: weakening.message(entry.key),
      ...(weakening.fixable
        ? { fixes: [{ title: `Turn ${entry.key} off`, safety: "unsafe" as const, edits: [kconfigOffEdit(ctx.file.path, entry)] }] }
        : {}),
    });
  }
}

export default defineRule({
  id: "flash-encryption-weakened",
  family: "updates",
  severity: "error",
  title: "Flash encryption weakened",
  message: "Flash encryption is left in development mode or open to the UART bootloader",
  cwe: ["CWE-311", "CWE-1191"],
  standards: { owaspIot: ["I7", "I10"], iec62443: ["CR 4.1", "EDR 2.13"], fda: ["Confidentiality", "Integrity"] },
  languages: ["kconfig"],
  fixable: "unsafe",
  triggers: ["flash_encryption_mode_development", "flash_encryption_insecure", "uart_bootloader_allow"],
  docs,
  check,
});
