import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { baseName } from "../../../grammars/registry.ts";
import { fieldWrites } from "../../common/c-calls.ts";
import { cSwitchValue, macroBody } from "../../common/c-settings.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import { nameWords } from "../../common/names.ts";
import { espOtaEvidence } from "../../common/ota-evidence.ts";
import { isNegatedName } from "../../common/switch-names.ts";
import { UPDATE_SUBJECT_WORDS } from "../../common/update-names.ts";
import docs from "./README.md?raw";

/**
 * Checked against espressif/esp-idf components/bootloader/Kconfig.app_rollback (old names from
 * components/bootloader/sdkconfig.rename), mcu-tools/mcuboot boot/zephyr/Kconfig (optional choice
 * `BOOT_DOWNGRADE_PREVENTION_CHOICE`) and nrfconnect/sdk-nrf sysbuild/Kconfig.mcuboot.
 */
const ESP_ANTI_ROLLBACK: KnownSymbol = { symbol: "BOOTLOADER_APP_ANTI_ROLLBACK", aliases: ["APP_ANTI_ROLLBACK"], namespaces: ["app"] };
const ESP_EMULATED_VERSION: KnownSymbol = { symbol: "BOOTLOADER_EFUSE_SECURE_VERSION_EMULATE", aliases: ["EFUSE_SECURE_VERSION_EMULATE"], namespaces: ["app"] };
const MCUBOOT_SW: KnownSymbol = { symbol: "MCUBOOT_DOWNGRADE_PREVENTION", namespaces: ["app"] };
const MCUBOOT_HW: KnownSymbol = { symbol: "MCUBOOT_HW_DOWNGRADE_PREVENTION", namespaces: ["app"] };
const NCS_HW: KnownSymbol = { symbol: "MCUBOOT_HARDWARE_DOWNGRADE_PREVENTION", namespaces: ["sysbuild"] };
const KNOWN_SYMBOLS = new Set(["BOOTLOADER_APP_ANTI_ROLLBACK", "APP_ANTI_ROLLBACK", "BOOTLOADER_EFUSE_SECURE_VERSION_EMULATE", "EFUSE_SECURE_VERSION_EMULATE", "MCUBOOT_DOWNGRADE_PREVENTION", "MCUBOOT_HW_DOWNGRADE_PREVENTION", "MCUBOOT_HARDWARE_DOWNGRADE_PREVENTION"]);

const isOn = (entry: ConfigEntry | undefined): entry is ConfigEntry => entry !== undefined && switchValue(entry) === true;
/** Written off on purpose: `=n`, or `# … is not set` (which a full sdkconfig writes for every visible option). */
const isOff = (entry: ConfigEntry | undefined): entry is ConfigEntry => entry !== undefined && switchValue(entry) === false;

const ALLOW_WORDS = new Set(["allow", "allowed", "allows", "accept", "permit", "enable", "enabled"]);
const PROTECT_WORDS = new Set(["prevent", "prevention", "protect", "protection", "check", "block", "guard", "disallow", "deny", "reject", "forbid"]);
/** Words that make the name one of a value about the protection (a counter, a slot count, a callback), not the switch. */
const NOT_A_SWITCH = new Set([
  "counter", "count", "value", "slot", "slots", "version", "ver", "len", "size", "cb", "callback", "handler", "err", "error",
  "status", "fail", "failed", "result", "msg", "log", "limited", "lock", "str", "fn",
]);

/**
 * Whether a name is a switch for downgrade / rollback protection, and whether it is inverted:
 * `ANTI_ROLLBACK`, `downgrade_prevention`, `rollback_protection` (plain); `otaconfigAllowDowngrade`,
 * `ALLOW_DOWNGRADE`, `accept_downgrades` (inverted: true lets older firmware in).
 */
export function downgradeSwitch(words: readonly string[]): { negated: boolean } | undefined {
  if (words.some((w) => NOT_A_SWITCH.has(w))) return undefined;
  const downgrade = words.includes("downgrade") || words.includes("downgrades");
  const rollback = words.includes("rollback") || words.includes("antirollback");
  if ((downgrade || rollback) && words.some((w) => PROTECT_WORDS.has(w))) return { negated: isNegatedName(words) };
  if (downgrade && words.some((w) => ALLOW_WORDS.has(w))) return { negated: true };
  if (words.includes("antirollback") || (rollback && words.includes("anti"))) return { negated: isNegatedName(words) };
  return undefined;
}

const CONTEXT_WORDS = new Set(["dfu", "bootloader", "mcuboot", "boot", "otaconfig"]);

/** Whether the name (or the file it sits in) is about firmware updates, so `allow_downgrade` is not a package manager's. */
function updateContext(ctx: RuleContext, words: readonly string[]): boolean {
  const fileWords = nameWords(baseName(ctx.file.path).replace(/\.[^.]*$/, ""));
  // `otaconfig…` is how the AWS IoT OTA library prefixes its options (ota_config_defaults.h).
  return [...words, ...fileWords].some((w) => UPDATE_SUBJECT_WORDS.has(w) || CONTEXT_WORDS.has(w));
}

function messageFor(name: string, negated: boolean): string {
  return negated
    ? `${name} lets the device install firmware older than what it runs, so a fixed vulnerability can be put back`
    : `${name} switches downgrade protection off; a signed but older, vulnerable firmware can be installed again`;
}

function checkKconfig(ctx: RuleContext): Set<number> {
  const reported = new Set<number>();
  const entries = ctx.entries();
  const assignments = new KconfigAssignments(entries);
  const report = (entry: ConfigEntry, message: string, extra: { related?: RelatedInput[]; fix?: boolean } = {}) => {
    ctx.report({
      span: entrySpan(entry),
      message,
      ...(extra.related && extra.related.length > 0 ? { related: extra.related } : {}),
      ...(extra.fix ? { fixes: [{ title: `Turn ${entry.key} off`, safety: "unsafe" as const, edits: [kconfigOffEdit(ctx.file.path, entry)] }] } : {}),
    });
    reported.add(entry.span.start);
  };

  // ESP-IDF: anti-rollback off on a build that takes OTA updates (the option only exists with app rollback on).
  const espOff = assignments.get(ESP_ANTI_ROLLBACK);
  if (isOff(espOff)) {
    const related: RelatedInput[] = [];
    for (const entry of entries) {
      const why = espOtaEvidence(entry);
      if (why) related.push({ span: entrySpan(entry), message: why });
    }
    if (related.length > 0) {
      report(espOff, `${espOff.key} is off on an OTA-capable build: the bootloader will run an older app with a known vulnerability if one is installed`, { related });
    }
  }
  const emulated = assignments.get(ESP_EMULATED_VERSION);
  if (isOn(emulated)) {
    report(emulated, `${emulated.key} keeps the anti-rollback secure version in flash instead of eFuses; re-flashing resets it (test-only option)`, { fix: true });
  }

  // MCUboot: downgrade prevention explicitly off, and neither the software nor a hardware variant on in the same file.
  const protectedHere = isOn(assignments.get(MCUBOOT_SW)) || isOn(assignments.get(MCUBOOT_HW)) || isOn(assignments.get(NCS_HW));
  if (!protectedHere) {
    for (const known of [MCUBOOT_SW, NCS_HW]) {
      const entry = assignments.get(known);
      // Only an explicit `=n`: MCUboot's choice is optional, so a full .config lists it unset by default.
      if (entry && entry.kind !== "unset" && switchValue(entry) === false) report(entry, messageFor(entry.key, false));
    }
  }

  // Project switches (`CONFIG_APP_OTA_ALLOW_DOWNGRADE=y`, `CONFIG_FW_ROLLBACK_PROTECTION=n`): explicit values only.
  for (const entry of entries) {
    const ref = kconfigSymbolOf(entry.key);
    if (!ref || KNOWN_SYMBOLS.has(ref.symbol) || reported.has(entry.span.start) || entry.kind === "unset") continue;
    const words = nameWords(ref.symbol);
    const sw = downgradeSwitch(words);
    const value = switchValue(entry);
    if (!sw || value === undefined || value !== sw.negated) continue;
    report(entry, messageFor(entry.key, sw.negated));
  }
  return reported;
}

function reportSetting(ctx: RuleContext, name: string, words: readonly string[], value: boolean | undefined, span: Span): void {
  const sw = downgradeSwitch(words);
  if (!sw || value === undefined || value !== sw.negated || !updateContext(ctx, words)) return;
  ctx.report({ span, message: messageFor(name, sw.negated) });
}

function checkC(ctx: RuleContext): void {
  for (const node of ctx.nodes(["preproc_def"])) {
    const nameNode = node.childForFieldName("name");
    const arg = node.childForFieldName("value");
    const body = arg ? macroBody(arg.text, arg.startIndex) : undefined;
    if (!nameNode) continue;
    const words = nameWords(nameNode.text);
    // A body-less `#define ALLOW_DOWNGRADE` switches an inverted option on.
    const value = body ? cSwitchValue(body.text) : true;
    reportSetting(ctx, nameNode.text, words, value, { start: nameNode.startIndex, end: body?.span.end ?? nameNode.endIndex });
  }
  for (const write of fieldWrites(ctx)) {
    reportSetting(ctx, write.field, nameWords(write.field), cSwitchValue(write.value.text), { start: write.fieldNode.startIndex, end: write.value.endIndex });
  }
}

function checkStructured(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    const parent = entry.path.length >= 2 ? entry.path[entry.path.length - 2]! : "";
    const own = nameWords(entry.key);
    const words = downgradeSwitch(own) ? own : [...nameWords(parent), ...own];
    const shown = downgradeSwitch(own) || !parent ? entry.key : `${parent}.${entry.key}`;
    const context = [...entry.path.flatMap((p) => nameWords(p))];
    const sw = downgradeSwitch(words);
    const value = switchValue(entry);
    if (!sw || value === undefined || value !== sw.negated || !updateContext(ctx, context)) continue;
    ctx.report({ span: ctx.file.language === "kconfig-def" ? entry.valueSpan : entrySpan(entry), message: messageFor(shown, sw.negated) });
  }
}

export default defineRule({
  id: "anti-rollback-disabled",
  family: "updates",
  severity: "warning",
  title: "Anti-rollback / downgrade protection disabled",
  message: "Firmware downgrade protection is off; an older, vulnerable image can be installed again",
  cwe: ["CWE-1328"],
  standards: { owaspIot: ["I4"], iec62443: ["CR 3.4", "EDR 3.10"], fda: ["Updates", "Integrity"] },
  languages: ["kconfig", "kconfig-def", "c", "cpp", "json", "yaml", "toml", "ini"],
  fixable: "unsafe",
  triggers: ["rollback", "downgrade", "secure_version_emulate"],
  docs,
  check(ctx) {
    const language = ctx.file.language;
    if (language === "kconfig") checkKconfig(ctx);
    else if (language === "c" || language === "cpp") checkC(ctx);
    else checkStructured(ctx);
  },
});
