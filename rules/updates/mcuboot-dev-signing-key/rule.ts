import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { RuleContext, Span } from "../../../server/src/engine/types.ts";
import { baseName } from "../../../grammars/registry.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigAssignmentsIn, kconfigSymbolOf, type KconfigRef } from "../../common/kconfig-symbols.ts";
import docs from "./README.md?raw";

/** Signing keys published in the root of mcu-tools/mcuboot (private halves included). */
const DEV_SIGNING_KEYS = new Set([
  "root-rsa-2048.pem", "root-rsa-3072.pem", "root-ec-p256.pem", "root-ec-p256-pkcs8.pem", "root-ec-p384.pem",
  "root-ec-p384-pkcs8.pem", "root-ed25519.pem", "root-ed25519-2.pem", "root-ed25519-2-pub.pem", "root-ed25519-unknown.pem",
]);
/** Image encryption key pairs published in the root of mcu-tools/mcuboot. */
const DEV_ENCRYPTION_KEYS = new Set([
  "enc-rsa2048-priv.pem", "enc-rsa2048-pub.pem", "enc-ec256-priv.pem", "enc-ec256-pub.pem", "enc-x25519-priv.pem", "enc-x25519-pub.pem",
]);

type KeyRole = "signing" | "encryption";

/** Symbols that name an MCUboot key file (mcuboot boot/zephyr/Kconfig, zephyr modules/Kconfig.mcuboot, sysbuild). */
function keyRole(ref: KconfigRef): KeyRole | undefined {
  switch (ref.symbol) {
    case "BOOT_SIGNATURE_KEY_FILE":
      return "signing";
    case "MCUBOOT_SIGNATURE_KEY_FILE":
      return ref.namespace === "app" ? "signing" : undefined;
    case "BOOT_ENCRYPTION_KEY_FILE":
      return "encryption";
    case "MCUBOOT_ENCRYPTION_KEY_FILE":
      return ref.namespace === "app" ? "encryption" : undefined;
    default:
      return undefined;
  }
}

function message(key: string, file: string, role: KeyRole): string {
  return role === "signing"
    ? `${key} uses ${file}, MCUboot's published development key: anyone can sign firmware this device accepts`
    : `${key} uses ${file}, MCUboot's published development key: anyone can decrypt the update images`;
}

/** Each path of a (possibly comma-separated) key file value that names a published key. */
function devKeysIn(value: string, valueStart: number, role: KeyRole): { file: string; span: Span }[] {
  const known = role === "signing" ? DEV_SIGNING_KEYS : DEV_ENCRYPTION_KEYS;
  const out: { file: string; span: Span }[] = [];
  let offset = 0;
  for (const part of value.split(",")) {
    const path = part.trim();
    const file = baseName(path);
    if (known.has(file)) {
      const start = valueStart + offset + part.indexOf(path);
      out.push({ file, span: { start, end: start + path.length } });
    }
    offset += part.length + 1;
  }
  return out;
}

function checkValue(ctx: RuleContext, key: string, ref: KconfigRef, value: string, valueStart: number, at: Span | undefined, raw: boolean): void {
  const role = keyRole(ref);
  if (!role) return;
  // Offsets inside the value are exact only when the value is written as decoded (no escapes).
  for (const found of devKeysIn(value, valueStart, role)) {
    ctx.report({ span: raw ? found.span : at ?? found.span, message: message(key, found.file, role) });
  }
}

const SYSBUILD_MCUBOOT = "BOOTLOADER_MCUBOOT";

/** sysbuild.conf enabling MCUboot without naming a key: sysbuild then signs with root-*.pem by default. */
function checkSysbuildDefault(ctx: RuleContext, entries: readonly ConfigEntry[]): void {
  if (!baseName(ctx.file.path).startsWith("sysbuild")) return;
  let mcuboot: ConfigEntry | undefined;
  for (const entry of entries) {
    const ref = kconfigSymbolOf(entry.key);
    if (ref?.namespace !== "sysbuild") continue;
    if (ref.symbol === "BOOT_SIGNATURE_KEY_FILE") return;
    if (ref.symbol === "BOOT_SIGNATURE_TYPE_NONE" && switchValue(entry) === true) return;
    if (ref.symbol === SYSBUILD_MCUBOOT && switchValue(entry) === true) mcuboot = entry;
  }
  if (!mcuboot) return;
  ctx.report({
    span: entrySpan(mcuboot),
    message: "MCUboot is enabled without SB_CONFIG_BOOT_SIGNATURE_KEY_FILE: sysbuild signs with MCUboot's published development key by default",
  });
}

function rawMatches(ctx: RuleContext, entry: ConfigEntry): boolean {
  return ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end) === entry.value;
}

export default defineRule({
  id: "mcuboot-dev-signing-key",
  family: "updates",
  severity: "error",
  title: "MCUboot development key used for signing",
  message: "Firmware is signed with one of MCUboot's published development keys; anyone can sign images this device accepts",
  cwe: ["CWE-321", "CWE-347"],
  standards: { owaspIot: ["I4", "I9"], iec62443: ["CR 3.4", "EDR 3.12", "EDR 3.14"], fda: ["Cryptography", "Integrity", "Updates"] },
  languages: ["kconfig", "keyvalue", "json", "yaml", "toml", "ini"],
  triggers: ["key_file", "bootloader_mcuboot"],
  docs,
  check(ctx) {
    const entries = ctx.entries();
    for (const entry of entries) {
      const ref = kconfigSymbolOf(entry.key);
      if (ref) {
        checkValue(ctx, entry.key, ref, entry.value, entry.contentSpan.start, entry.valueSpan, rawMatches(ctx, entry));
        continue;
      }
      if (entry.kind !== "string" && entry.kind !== "other") continue;
      // `extra_args: SB_CONFIG_BOOT_SIGNATURE_KEY_FILE="…"`, `-DCONFIG_BOOT_SIGNATURE_KEY_FILE=…` inside a value.
      if (!entry.value.includes("CONFIG_")) continue;
      const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
      for (const assignment of kconfigAssignmentsIn(raw, entry.contentSpan.start)) {
        checkValue(ctx, assignment.key, assignment.ref, assignment.value, assignment.valueSpan.start, assignment.valueSpan, true);
      }
    }
    if (ctx.file.language === "kconfig" || ctx.file.language === "keyvalue") checkSysbuildDefault(ctx, entries);
  },
});
