import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { cSettings, cSwitchValue } from "../../common/c-settings.ts";
import { entrySpan } from "../../common/config-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import { kconfigSymbolOf, type KconfigNamespace } from "../../common/kconfig-symbols.ts";
import { nameWords } from "../../common/names.ts";
import { isNegatedName } from "../../common/switch-names.ts";
import { espOtaEvidence } from "../../common/ota-evidence.ts";
import docs from "./README.md?raw";

const MESSAGE = "Image signature verification is switched off; the device accepts firmware nobody signed";

interface KnownSwitch {
  readonly symbol: string;
  readonly namespaces: readonly KconfigNamespace[];
  /** The value that switches verification off. */
  readonly bad: (entry: ConfigEntry) => boolean;
  readonly message: (key: string) => string;
}

const isOn = (entry: ConfigEntry) => switchValue(entry) === true;
const isOff = (entry: ConfigEntry) => switchValue(entry) === false;

/** Symbols checked against mcu-tools/mcuboot boot/zephyr/Kconfig, zephyr modules/Kconfig.mcuboot and
 *  share/sysbuild/images/bootloader/Kconfig, and esp-idf components/bootloader/Kconfig.projbuild. */
const KNOWN_SWITCHES: readonly KnownSwitch[] = [
  {
    symbol: "BOOT_SIGNATURE_TYPE_NONE",
    namespaces: ["app", "sysbuild"],
    bad: isOn,
    message: (key) => `${key} makes MCUboot check only a hash: any image with a matching hash boots, signed or not`,
  },
  {
    symbol: "MCUBOOT_GENERATE_UNSIGNED_IMAGE",
    namespaces: ["app"],
    bad: isOn,
    message: (key) => `${key} builds an unsigned image for MCUboot; only a bootloader that skips signature checks will run it`,
  },
  {
    symbol: "MCUBOOT_SIGNATURE_KEY_FILE",
    namespaces: ["app"],
    bad: (entry) => entry.kind === "string" && entry.value.trim() === "",
    message: (key) => `${key} is empty: the build does not sign the application image`,
  },
  {
    symbol: "BOOT_VALIDATE_SLOT0",
    namespaces: ["app"],
    bad: isOff,
    message: (key) => `${key} is off: MCUboot boots the primary slot without checking its signature`,
  },
  {
    symbol: "SECURE_BOOT_INSECURE",
    namespaces: ["app"],
    bad: isOn,
    message: (key) => `${key} unlocks secure boot's insecure options`,
  },
];

const ESP_SECURE_BOOT = "SECURE_BOOT";
const ESP_SIGNED_APPS = "SECURE_SIGNED_APPS_NO_SECURE_BOOT";
const ESP_SIGNED_ON_UPDATE = "SECURE_SIGNED_ON_UPDATE_NO_SECURE_BOOT";
const ESP_SIGNED_ON_UPDATE_DERIVED = "SECURE_SIGNED_ON_UPDATE";

const app = (symbol: string): KnownSymbol => ({ symbol, namespaces: ["app"] });

function checkEspIdf(ctx: RuleContext, entries: readonly ConfigEntry[], reported: Set<number>): void {
  const assignments = new KconfigAssignments(entries);
  const secureBoot = assignments.get(app(ESP_SECURE_BOOT));
  if (secureBoot && isOn(secureBoot)) return;
  const onUpdate = assignments.get(app(ESP_SIGNED_ON_UPDATE));
  const signedApps = assignments.get(app(ESP_SIGNED_APPS));
  if (onUpdate && isOff(onUpdate)) {
    ctx.report({
      span: entrySpan(onUpdate),
      message: `${onUpdate.key} is off and hardware secure boot is not enabled: OTA images are installed without a signature check`,
    });
    reported.add(onUpdate.span.start);
    return;
  }
  // Only a full sdkconfig (or a defaults file that says so) lists CONFIG_SECURE_BOOT as off; silence says nothing.
  if (!secureBoot || !isOff(secureBoot)) return;
  const derived = assignments.get(app(ESP_SIGNED_ON_UPDATE_DERIVED));
  if ((onUpdate && isOn(onUpdate)) || (derived && isOn(derived)) || (signedApps && isOn(signedApps))) return;
  const related: RelatedInput[] = [];
  for (const entry of entries) {
    const why = espOtaEvidence(entry);
    if (why) related.push({ span: entrySpan(entry), message: why });
  }
  if (related.length === 0) return;
  ctx.report({
    span: entrySpan(secureBoot),
    message: "OTA-capable build with neither secure boot nor signature verification of updates; any image that reaches the device is installed",
    related,
  });
  reported.add(secureBoot.span.start);
}

const VERIFY_VERBS = new Set(["verify", "verification", "validate", "validation", "check", "checks", "checking", "authenticate", "authentication"]);
const REQUIRE_VERBS = new Set(["require", "requires", "required", "enforce", "enforced", "mandatory"]);
const SIGNATURE_WORDS = new Set(["sig", "sigs", "signature", "signatures"]);
const ALLOW_WORDS = new Set(["allow", "allowed", "accept", "permit"]);
/** Words that make the name describe a value about the check (its result, size, key, callback), not the switch. */
const NOT_A_SWITCH = new Set([
  "ok", "valid", "invalid", "verified", "passed", "pass", "result", "res", "rc", "ret", "status", "state", "failed", "fail", "failure",
  "error", "err", "len", "length", "size", "offset", "count", "type", "alg", "algo", "algorithm", "buf", "buffer", "key", "keys", "tlv",
  "addr", "address", "str", "msg", "message", "name", "id", "timeout", "retries", "cb", "callback", "fn", "func", "handler", "hook",
  "mode", "time", "ms", "log", "stats", "counter", "cnt", "max", "min", "bits", "hash", "file", "path",
]);

/**
 * Whether a name is a switch for image signature checks, and whether it is inverted:
 * `VERIFY_SIGNATURE`, `signature_check`, `require_signed_images` (plain); `SKIP_SIG_CHECK`,
 * `ALLOW_UNSIGNED_IMAGES` (inverted).
 */
export function signatureSwitch(words: readonly string[]): { negated: boolean } | undefined {
  if (words.some((w) => NOT_A_SWITCH.has(w))) return undefined;
  if (words.includes("unsigned") && words.some((w) => ALLOW_WORDS.has(w))) return { negated: true };
  const hasSignature = words.some((w) => SIGNATURE_WORDS.has(w));
  const verified = hasSignature && words.some((w) => VERIFY_VERBS.has(w));
  const required = (hasSignature || words.includes("signed")) && words.some((w) => REQUIRE_VERBS.has(w));
  if (!verified && !required) return undefined;
  return { negated: isNegatedName(words) };
}

function checkC(ctx: RuleContext): void {
  if (!ctx.root) return;
  for (const setting of cSettings(ctx)) {
    const words = nameWords(setting.name);
    const sw = signatureSwitch(words);
    if (!sw || setting.configDerived) continue;
    // A body-less `#define SKIP_SIGNATURE_CHECK` turns the inverted switch on.
    const value = setting.valueText === undefined ? (setting.kind === "define" ? true : undefined) : cSwitchValue(setting.valueText);
    if (value === undefined || value !== sw.negated) continue;
    ctx.report({ span: setting.span, message: `${setting.name} switches image signature verification off` });
  }
}

/** The entry's name words, with its section's when the key alone (`verify`) says too little; and how to show it. */
function configName(entry: ConfigEntry): { words: readonly string[]; shown: string } {
  const own = nameWords(entry.key);
  const parent = entry.path.length >= 2 ? entry.path[entry.path.length - 2] : undefined;
  return parent && !signatureSwitch(own) ? { words: [...nameWords(parent), ...own], shown: `${parent}.${entry.key}` } : { words: own, shown: entry.key };
}

function checkConfig(ctx: RuleContext): void {
  const entries = ctx.entries();
  const reported = new Set<number>();
  const language = ctx.file.language;
  if (language === "kconfig" || language === "keyvalue") {
    for (const entry of entries) {
      const ref = kconfigSymbolOf(entry.key);
      if (!ref) continue;
      const known = KNOWN_SWITCHES.find((s) => s.symbol === ref.symbol && s.namespaces.includes(ref.namespace));
      if (!known || !known.bad(entry)) continue;
      ctx.report({ span: entrySpan(entry), message: known.message(entry.key) });
      reported.add(entry.span.start);
    }
    checkEspIdf(ctx, entries, reported);
  }
  for (const entry of entries) {
    if (reported.has(entry.span.start)) continue;
    const { words, shown } = configName(entry);
    const sw = signatureSwitch(words);
    const value = switchValue(entry);
    if (!sw || value === undefined || value !== sw.negated) continue;
    const span: Span = language === "kconfig-def" ? entry.valueSpan : entrySpan(entry);
    ctx.report({ span, message: `${shown} switches image signature verification off` });
  }
}

export default defineRule({
  id: "image-signature-disabled",
  family: "updates",
  severity: "error",
  title: "Image signature verification disabled",
  message: MESSAGE,
  cwe: ["CWE-347", "CWE-494"],
  standards: { owaspIot: ["I4", "I9"], iec62443: ["CR 3.4", "EDR 3.14"], fda: ["Integrity", "Updates"] },
  languages: ["c", "cpp", "kconfig", "kconfig-def", "keyvalue", "json", "yaml", "toml", "ini"],
  // Signature words as they appear in switch names (`unsigned` alone would match every C file), and the Kconfig symbols.
  triggers: [
    "signature", "_sig", "sig_", "verifysig", "checksig", "validatesig", "sigverif", "sigcheck", "signed_", "requiresigned",
    "allow_unsigned", "allowunsigned", "accept_unsigned", "acceptunsigned", "permit_unsigned", "require_signed", "unsigned_image", "validate_slot0", "secure_boot", "secure_signed",
  ],
  docs,
  check(ctx) {
    if (ctx.file.language === "c" || ctx.file.language === "cpp") checkC(ctx);
    else checkConfig(ctx);
  },
});
