// The name and symbol readers the updates family shares: Kconfig symbols in any spelling, update
// URLs, switch names (plain and inverted), update-check names and verifier names.

import { describe, expect, it } from "vitest";
import { cIntegerValue, cSwitchValue, macroBody } from "../../../rules/common/c-settings.ts";
import { kconfigAssignmentsIn, kconfigSymbolOf } from "../../../rules/common/kconfig-symbols.ts";
import { nameWords } from "../../../rules/common/names.ts";
import { switchLeavesOff } from "../../../rules/common/switch-names.ts";
import { isCleartextHttpUrl, isUpdateUrlName } from "../../../rules/common/update-names.ts";
import { signatureSwitch } from "../../../rules/updates/image-signature-disabled/rule.ts";
import { updateCheckName } from "../../../rules/updates/update-check-disabled/rule.ts";
import { namesVerification } from "../../../rules/updates/verification-always-succeeds/rule.ts";

describe("kconfig symbols", () => {
  it("reads every prefix", () => {
    expect(kconfigSymbolOf("CONFIG_BOOT_SIGNATURE_KEY_FILE")).toEqual({ symbol: "BOOT_SIGNATURE_KEY_FILE", namespace: "app" });
    expect(kconfigSymbolOf("SB_CONFIG_BOOT_SIGNATURE_TYPE_NONE")).toEqual({ symbol: "BOOT_SIGNATURE_TYPE_NONE", namespace: "sysbuild" });
    expect(kconfigSymbolOf("mcuboot_CONFIG_BOOT_ENCRYPTION_KEY_FILE")).toEqual({ symbol: "BOOT_ENCRYPTION_KEY_FILE", namespace: "app", image: "mcuboot" });
    expect(kconfigSymbolOf("BOOT_SIGNATURE_KEY_FILE")).toBeUndefined();
  });

  it("finds assignments inside values, with exact offsets", () => {
    const text = 'west build -- -DSB_CONFIG_BOOT_SIGNATURE_KEY_FILE=\\"root-ec-p256.pem\\" CONFIG_X=y';
    const found = kconfigAssignmentsIn(text, 100);
    expect(found.map((a) => [a.key, a.value])).toEqual([["SB_CONFIG_BOOT_SIGNATURE_KEY_FILE", "root-ec-p256.pem"], ["CONFIG_X", "y"]]);
    const first = found[0]!;
    expect(text.slice(first.valueSpan.start - 100, first.valueSpan.end - 100)).toBe("root-ec-p256.pem");
  });
});

describe("update URLs", () => {
  it("needs an update word and a url/uri ending", () => {
    expect(isUpdateUrlName("PUMP_OTA_URL")).toBe(true);
    expect(isUpdateUrlName("CONFIG_EXAMPLE_FIRMWARE_UPGRADE_URL")).toBe(true);
    expect(isUpdateUrlName("fwUpdateUri")).toBe(true);
    expect(isUpdateUrlName("OTA_URL_MAX_LEN")).toBe(false);
    expect(isUpdateUrlName("TELEMETRY_URL")).toBe(false);
  });

  it("treats loopback as local", () => {
    expect(isCleartextHttpUrl("http://fw.example.net/a.bin")).toBe(true);
    expect(isCleartextHttpUrl("HTTP://10.0.0.5:8070/a.bin")).toBe(true);
    expect(isCleartextHttpUrl("http://127.0.0.1:8070/a.bin")).toBe(false);
    expect(isCleartextHttpUrl("http://[::1]/a.bin")).toBe(false);
    expect(isCleartextHttpUrl("https://fw.example.net/a.bin")).toBe(false);
  });
});

describe("C values", () => {
  it("reads switch and integer literals", () => {
    expect(cSwitchValue("(0U)")).toBe(false);
    expect(cSwitchValue("TRUE")).toBe(true);
    expect(cSwitchValue("(bool)1")).toBe(true);
    expect(cSwitchValue("CONFIG_X")).toBeUndefined();
    expect(cIntegerValue("0x0")).toBe(0);
    expect(cIntegerValue("(24 * 3600)")).toBeUndefined();
    expect(macroBody("  0   // off for the bench", 10)).toEqual({ text: "0", span: { start: 12, end: 13 } });
    expect(macroBody("/* nothing */", 0)).toBeUndefined();
  });
});

describe("switch names", () => {
  it("judges off from the name and the value together", () => {
    expect(switchLeavesOff("VERIFY_SIGNATURE", false)).toBe(true);
    expect(switchLeavesOff("SKIP_SIGNATURE_CHECK", true)).toBe(true);
    expect(switchLeavesOff("SKIP_SIGNATURE_CHECK", false)).toBe(false);
    expect(switchLeavesOff("VERIFY_SIGNATURE", undefined)).toBe(false);
  });

  it("knows signature switches from values about signatures", () => {
    const sw = (name: string) => signatureSwitch(nameWords(name));
    expect(sw("OTA_VERIFY_SIGNATURE")).toEqual({ negated: false });
    expect(sw("require_signed_images")).toEqual({ negated: false });
    expect(sw("SKIP_SIG_CHECK")).toEqual({ negated: true });
    expect(sw("allowUnsigned")).toEqual({ negated: true });
    expect(sw("SIG_VERIFY_FAILED")).toBeUndefined();
    expect(sw("VERIFY_SIG_MAX_LEN")).toBeUndefined();
    expect(sw("signature_verify_timeout_ms")).toBeUndefined();
  });

  it("knows update-check switches from other updates", () => {
    const uc = (name: string) => updateCheckName(nameWords(name));
    expect(uc("OTA_AUTO_CHECK")).toMatchObject({ numeric: false, negated: false });
    expect(uc("check_updates")).toBeDefined();
    expect(uc("AUTO_UPDATE")).toMatchObject({ weakAuto: true });
    expect(uc("update_check_interval")).toMatchObject({ numeric: true, interval: true });
    expect(uc("CONFIG_ESP_RMAKER_OTA_AUTOFETCH")).toBeDefined();
    expect(uc("disable_auto_update")).toMatchObject({ negated: true });
    expect(uc("update_interval")).toBeUndefined();
    expect(uc("ENABLE_ENCRYPTED_OTA")).toBeUndefined();
    expect(uc("CONFIG_LWM2M_FIRMWARE_UPDATE_OBJ_SUPPORT")).toBeUndefined();
    expect(uc("CONFIG_BT_GAP_AUTO_UPDATE_CONN_PARAMS")).toBeUndefined();
    expect(uc("CONFIG_ESP_RMAKER_OTA_DISABLE_AUTO_REBOOT")).toBeUndefined();
  });

  it("knows verifier names", () => {
    expect(namesVerification("verify_image_signature")).toBe(true);
    expect(namesVerification("boot_check_image_hash")).toBe(true);
    expect(namesVerification("check_fw_crc")).toBe(true);
    expect(namesVerification("check_update")).toBe(false);
    expect(namesVerification("heap_caps_check_integrity")).toBe(false);
    expect(namesVerification("psa_verify_hash_abort")).toBe(false);
    expect(namesVerification("__wrap_verify_image_signature")).toBe(false);
  });
});
