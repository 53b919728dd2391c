import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { RuleContext, Span } from "../../../server/src/engine/types.ts";
import { cIntegerValue, cSettings, cSwitchValue } from "../../common/c-settings.ts";
import { entrySpan } from "../../common/config-values.ts";
import { nameWords } from "../../common/names.ts";
import { isNegatedName, NEGATION_WORDS, switchLeavesOff } from "../../common/switch-names.ts";
import docs from "./README.md?raw";

/** Words that name the update itself. */
const STRONG_SUBJECTS = new Set(["ota", "fota", "firmware", "fw", "upgrade", "upgrades", "autoupdate", "autoupdates"]);
/** `update` alone is weak: a display or sensor "update interval" is no firmware update. */
const WEAK_SUBJECTS = new Set(["update", "updates", "updater"]);
const CHECK_WORDS = new Set([
  "check", "checks", "checking", "autocheck", "autofetch", "poll", "polling", "auto", "enable", "enabled", "en", "interval", "support", "supported",
]);
/** With only a weak subject, these say "look for updates" (`check_updates`, `update_poll_interval`). */
const WEAK_CHECK_WORDS = new Set(["check", "checks", "checking", "autocheck", "poll", "polling"]);
/** Units and modifiers that may follow the subject without making it about something else. */
const TRAILING_WORDS = new Set([
  "on", "at", "boot", "startup", "s", "sec", "secs", "ms", "min", "mins", "minute", "minutes", "hour", "hours", "h", "hrs",
  "second", "seconds", "day", "days", "period", "time", "flag", "mode", "feature", "default",
]);
/** Words that may sit between a leading check word and the subject (`enable_auto_fw_update`). */
const GENERIC_WORDS = new Set([
  "config", "sb", "app", "cfg", "opt", "option", "feature", "use", "allow", "do", "is", "should", "default", "sys", "system", "device", "dev",
]);
const DURATION_WORDS = new Set(["interval", "period", "time", "s", "sec", "secs", "ms", "min", "mins", "minutes", "hours", "h", "hrs", "seconds", "days"]);

export interface UpdateCheckName {
  readonly negated: boolean;
  /** A duration (`…_INTERVAL_S`), not a switch: only an interval of 0 turns checks off. */
  readonly numeric: boolean;
  readonly interval: boolean;
  /** Only "auto update" says it is about updates (`auto_update`): the surrounding struct or section must agree. */
  readonly weakAuto: boolean;
}

const isSubject = (w: string) => STRONG_SUBJECTS.has(w) || WEAK_SUBJECTS.has(w);
const namesSubject = (names: readonly string[]) => names.some((n) => nameWords(n).some(isSubject));

/**
 * Whether a name is the switch or interval of automatic firmware update checks: `OTA_AUTO_CHECK`,
 * `check_updates`, `update_check_interval`, `CONFIG_ESP_RMAKER_OTA_AUTOFETCH`, `AUTO_UPDATE`. Not
 * `update_interval` (could be a display), `ENABLE_ENCRYPTED_OTA` (a property of the OTA) or
 * `LWM2M_FIRMWARE_UPDATE_OBJ_SUPPORT` (the update is object of another noun).
 */
export function updateCheckName(words: readonly string[]): UpdateCheckName | undefined {
  let first = -1;
  let last = -1;
  words.forEach((w, i) => {
    if (isSubject(w)) {
      if (first < 0) first = i;
      last = i;
    }
  });
  if (last < 0) return undefined;
  const allowedAround = (w: string) => isSubject(w) || CHECK_WORDS.has(w) || NEGATION_WORDS.has(w) || GENERIC_WORDS.has(w);
  if (!words.slice(last + 1).every((w) => allowedAround(w) || TRAILING_WORDS.has(w))) return undefined;
  // Between a leading check word and the subject only generic words may sit (`ENABLE_ENCRYPTED_OTA` is about encryption).
  const leadingCheck = words.slice(0, first).findIndex((w) => CHECK_WORDS.has(w) || NEGATION_WORDS.has(w));
  if (leadingCheck >= 0 && !words.slice(leadingCheck, first).every(allowedAround)) return undefined;
  if (words.slice(first, last + 1).some((w) => !allowedAround(w))) return undefined;
  const strong = words.some((w) => STRONG_SUBJECTS.has(w));
  let weakAuto = false;
  if (strong) {
    if (!words.some((w) => CHECK_WORDS.has(w) || w === "autoupdate" || w === "autoupdates" || NEGATION_WORDS.has(w))) return undefined;
  } else if (!words.some((w) => WEAK_CHECK_WORDS.has(w))) {
    // `AUTO_UPDATE`, `CONFIG_ENABLE_AUTO_UPDATES`: nothing but generic words around "auto update".
    if (!words.includes("auto") || !words.every((w) => allowedAround(w))) return undefined;
    weakAuto = true;
  }
  const interval = words.includes("interval");
  const lastWord = words[words.length - 1]!;
  return { negated: isNegatedName(words), numeric: interval || DURATION_WORDS.has(lastWord), interval, weakAuto };
}

function leavesChecksOff(name: UpdateCheckName, words: readonly string[], value: boolean | undefined, integer: number | undefined): boolean {
  if (name.numeric) return name.interval && !name.negated && integer === 0;
  return switchLeavesOff(words, value);
}

function message(name: string, spec: UpdateCheckName): string {
  return spec.numeric
    ? `${name} is 0: the device never checks for firmware updates, so security fixes do not reach it`
    : `${name} switches firmware update checks off; security fixes will not reach devices in the field`;
}

function checkC(ctx: RuleContext): void {
  if (!ctx.root) return;
  for (const setting of cSettings(ctx)) {
    const words = nameWords(setting.name);
    const spec = updateCheckName(words);
    if (!spec || setting.configDerived) continue;
    // `.auto_update` of a display or sensor struct is no firmware update: the struct must say so (`update_agent_cfg_t`).
    if (spec.weakAuto && setting.kind !== "define" && !namesSubject(setting.context)) continue;
    const bodyless = setting.valueText === undefined;
    const value = bodyless ? (setting.kind === "define" ? true : undefined) : cSwitchValue(setting.valueText!);
    const integer = bodyless ? undefined : cIntegerValue(setting.valueText!);
    if (!leavesChecksOff(spec, words, value, integer)) continue;
    ctx.report({ span: setting.span, message: message(setting.name, spec) });
  }
}

/** The entry's name words, with its section's when the key alone (`check`) names no update; and how to show it. */
function configName(entry: ConfigEntry): { words: readonly string[]; shown: string } {
  const own = nameWords(entry.key);
  const parent = entry.path.length >= 2 ? entry.path[entry.path.length - 2] : undefined;
  return parent && !own.some(isSubject) ? { words: [...nameWords(parent), ...own], shown: `${parent}.${entry.key}` } : { words: own, shown: entry.key };
}

function checkConfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    const { words, shown } = configName(entry);
    const spec = updateCheckName(words);
    if (!spec) continue;
    // `display: { auto_update: false }`: a section that is not about updates decides against it.
    const sections = entry.path.slice(0, -1);
    if (spec.weakAuto && sections.length > 0 && !namesSubject(sections)) continue;
    const integer = entry.kind === "number" || entry.kind === "boolean" ? Number(entry.value.trim()) : undefined;
    if (!leavesChecksOff(spec, words, switchValue(entry), Number.isNaN(integer) ? undefined : integer)) continue;
    const span: Span = ctx.file.language === "kconfig-def" ? entry.valueSpan : entrySpan(entry);
    ctx.report({ span, message: message(shown, spec) });
  }
}

export default defineRule({
  id: "update-check-disabled",
  family: "updates",
  severity: "warning",
  title: "Firmware update checks switched off",
  message: "Automatic firmware update checks are switched off; security fixes will not reach devices in the field",
  cwe: ["CWE-1277"],
  standards: { owaspIot: ["I4", "I8"], iec62443: ["EDR 3.10"], fda: ["Updates"] },
  languages: ["c", "cpp", "kconfig", "kconfig-def", "json", "yaml", "toml", "ini", "keyvalue"],
  triggers: ["ota", "update", "upgrade", "firmware", "fw"],
  docs,
  check(ctx) {
    if (ctx.file.language === "c" || ctx.file.language === "cpp") checkC(ctx);
    else checkConfig(ctx);
  },
});
