import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { FixInput, RuleContext } from "../../../server/src/engine/types.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import docs from "./README.md?raw";

interface Weakening {
  readonly known: KnownSymbol;
  readonly message: (key: string) => string;
  /** A plain bool (not a choice member) that can be switched off on its own line. */
  readonly fixable: boolean;
}

/**
 * Options that keep secure boot on but take part of its protection away. Checked against
 * espressif/esp-idf components/bootloader/Kconfig.projbuild ("Potentially insecure options") and
 * mcu-tools/mcuboot boot/zephyr/Kconfig. Turning signatures off altogether (`BOOT_SIGNATURE_TYPE_NONE`,
 * `BOOT_VALIDATE_SLOT0=n`, no secure boot on an OTA build) is `image-signature-disabled`; JTAG and the
 * ROM interpreters left open are the debug-access rules.
 */
const WEAKENINGS: readonly Weakening[] = [
  {
    known: { symbol: "SECURE_BOOT_INSECURE", namespaces: ["app"] },
    message: (key) => `${key} unlocks secure boot's "potentially insecure options"; a release build must not need any of them`,
    fixable: true,
  },
  {
    known: { symbol: "SECURE_BOOT_ALLOW_SHORT_APP_PARTITION", namespaces: ["app"] },
    message: (key) => `${key} lets unverified data follow the signed app in flash and be mapped into the address space`,
    fixable: true,
  },
  {
    known: { symbol: "SECURE_BOOT_ALLOW_UNUSED_DIGEST_SLOTS", namespaces: ["app"] },
    message: (key) => `${key} leaves unused secure boot key slots unrevoked; whoever can burn eFuses can add a trusted key of their own`,
    fixable: true,
  },
  {
    known: { symbol: "SECURE_BOOT_V2_FORCE_ENABLE_ECDSA", namespaces: ["app"] },
    message: (key) => `${key} re-enables ECDSA secure boot on a chip whose ECDSA verification has a published flaw`,
    fixable: true,
  },
  {
    known: { symbol: "SECURE_BOOTLOADER_REFLASHABLE", namespaces: ["app"] },
    message: (key) => `${key} derives every device's bootloader key from the signing key; one leaked digest key reflashes the whole fleet`,
    fixable: false,
  },
  {
    known: { symbol: "BOOT_VALIDATE_SLOT0_ONCE", namespaces: ["app"] },
    message: (key) => `${key} makes MCUboot check the image once and trust a cached result afterwards; a later change to the flash boots unchecked`,
    fixable: true,
  },
];

const SKIP_IN_DEEP_SLEEP: KnownSymbol = { symbol: "BOOTLOADER_SKIP_VALIDATE_IN_DEEP_SLEEP", namespaces: ["app"] };
const SECURE_BOOT: KnownSymbol = { symbol: "SECURE_BOOT", namespaces: ["app"] };
const SECURE_BOOT_INSECURE: KnownSymbol = { symbol: "SECURE_BOOT_INSECURE", namespaces: ["app"] };

const isOn = (entry: ConfigEntry | undefined): entry is ConfigEntry => entry !== undefined && switchValue(entry) === true;

function offFix(ctx: RuleContext, entry: ConfigEntry): FixInput[] {
  return [{ title: `Turn ${entry.key} off`, safety: "unsafe", edits: [kconfigOffEdit(ctx.file.path, entry)] }];
}

function check(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  const found: { entry: ConfigEntry; message: string; fixable: boolean }[] = [];
  for (const weakening of WEAKENINGS) {
    const entry = assignments.get(weakening.known);
    if (isOn(entry)) found.push({ entry, message: weakening.message(entry.key), fixable: weakening.fixable });
  }
  // Skipping validation after deep sleep only bypasses secure boot when secure boot is on; without
  // it there is no signature to skip (ESP-IDF allows the option with secure boot only under
  // SECURE_BOOT_INSECURE, and its help text warns of a secure boot bypass).
  const skip = assignments.get(SKIP_IN_DEEP_SLEEP);
  if (isOn(skip) && (isOn(assignments.get(SECURE_BOOT)) || isOn(assignments.get(SECURE_BOOT_INSECURE)))) {
    found.push({ entry: skip, message: `${skip.key} boots the app after deep sleep without checking its signature: a secure boot bypass`, fixable: true });
  }
  found.sort((a, b) => a.entry.span.start - b.entry.span.start);
  for (const { entry, message, fixable } of found) {
    ctx.report({ span: entrySpan(entry), message, ...(fixable ? { fixes: offFix(ctx, entry) } : {}) });
  }
}

export default defineRule({
  id: "secure-boot-weakened",
  family: "updates",
  severity: "error",
  title: "Secure boot weakened",
  message: "Secure boot is on but an option takes part of its protection away",
  cwe: ["CWE-693", "CWE-1326"],
  standards: { owaspIot: ["I9", "I10"], iec62443: ["CR 3.4", "EDR 3.14"], fda: ["Integrity"] },
  languages: ["kconfig"],
  fixable: "unsafe",
  triggers: ["secure_boot_insecure", "secure_boot_allow_", "secure_boot_v2_force", "secure_bootloader_reflashable", "skip_validate_in_deep_sleep", "validate_slot0_once"],
  docs,
  check,
});
