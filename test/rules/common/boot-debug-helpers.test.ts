// The helpers the boot, update-integrity and debug-access rules share: Kconfig assignments with
// deprecated names, which preprocessor branches are certainly compiled out, and what a called
// function says about checking an image.

import { describe, expect, it } from "vitest";
import { configEntries } from "../../../server/src/engine/config-entries.ts";
import { descendantsOfTypes, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { PreprocessorFacts } from "../../../rules/common/c-preprocessor.ts";
import { isCrcCall, isSdkValidatedUpdateCall, namesCryptoVerification, namesCryptography } from "../../../rules/common/image-checks.ts";
import { KconfigAssignments } from "../../../rules/common/kconfig-switches.ts";
import { downgradeSwitch } from "../../../rules/updates/anti-rollback-disabled/rule.ts";
import { nameWords } from "../../../rules/common/names.ts";
import { testEngine } from "../../support/engine.ts";

async function kconfig(text: string): Promise<KconfigAssignments> {
  const engine = await testEngine();
  const tree = engine.parse({ path: "sdkconfig", language: "kconfig", text })!;
  const assignments = new KconfigAssignments(configEntries("kconfig", tree.root, text));
  tree.release();
  return assignments;
}

describe("Kconfig assignments", () => {
  const known = { symbol: "SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT", aliases: ["FLASH_ENCRYPTION_INSECURE"], namespaces: ["app" as const] };

  it("lets the last assignment win", async () => {
    const a = await kconfig("CONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT=y\nCONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT=n\n");
    expect(a.get(known)?.value).toBe("n");
  });

  it("prefers the current name over a deprecated one, and falls back to it", async () => {
    const both = await kconfig("CONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT=y\n# Deprecated options\nCONFIG_FLASH_ENCRYPTION_INSECURE=y\n");
    expect(both.get(known)?.key).toBe("CONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT");
    const old = await kconfig("CONFIG_FLASH_ENCRYPTION_INSECURE=y\n");
    expect(old.get(known)?.key).toBe("CONFIG_FLASH_ENCRYPTION_INSECURE");
  });

  it("keeps sysbuild and application namespaces apart", async () => {
    const a = await kconfig("SB_CONFIG_APPROTECT_DISABLE=y\n");
    expect(a.get({ symbol: "APPROTECT_DISABLE", namespaces: ["app"] })).toBeUndefined();
    expect(a.get({ symbol: "APPROTECT_DISABLE", namespaces: ["sysbuild"] })?.key).toBe("SB_CONFIG_APPROTECT_DISABLE");
  });
});

async function compiledOut(source: string, marker: string): Promise<string | undefined> {
  const engine = await testEngine();
  const tree = engine.parse({ path: "x.c", language: "c", text: source })!;
  const ctx = { nodes: (types: readonly string[]) => descendantsOfTypes(tree.root, new Set(types)) } as unknown as RuleContext;
  const facts = new PreprocessorFacts(ctx);
  const call = descendantsOfTypes(tree.root, new Set(["call_expression"])).find((c: SyntaxNode) => c.text.startsWith(marker));
  const branch = call ? facts.inactiveBranch(call) : undefined;
  const text = branch?.text.split("\n")[0]?.trim();
  tree.release();
  return text;
}

describe("compiled-out branches", () => {
  const wrap = (directive: string, tail = "#endif") => `int f(void) {\n${directive}\n  verify();\n${tail}\n  return 0;\n}\n`;

  it("knows literal conditions", async () => {
    expect(await compiledOut(wrap("#if 0"), "verify")).toBe("#if 0");
    expect(await compiledOut(wrap("#if 0 && defined(X)"), "verify")).toBe("#if 0 && defined(X)");
    expect(await compiledOut(wrap("#if 1"), "verify")).toBeUndefined();
    expect(await compiledOut("int f(void) {\n#if 1\n  a();\n#else\n  verify();\n#endif\n}\n", "verify")).toBe("#else");
    expect(await compiledOut("int f(void) {\n#if X\n  a();\n#elif 0\n  verify();\n#endif\n}\n", "verify")).toBe("#elif 0");
  });

  it("follows the file's own defines and undefs", async () => {
    expect(await compiledOut(`#define SKIP_SIG_CHECK 1\n${wrap("#ifndef SKIP_SIG_CHECK")}`, "verify")).toBe("#ifndef SKIP_SIG_CHECK");
    expect(await compiledOut(`#define OTA_VERIFY 0\n${wrap("#if OTA_VERIFY")}`, "verify")).toBe("#if OTA_VERIFY");
    expect(await compiledOut(`#define OTA_VERIFY 1\n#undef OTA_VERIFY\n${wrap("#ifdef OTA_VERIFY")}`, "verify")).toBe("#ifdef OTA_VERIFY");
    // A default under `#ifndef` may be overridden by the build: undecided.
    expect(await compiledOut(`#ifndef OTA_VERIFY\n#define OTA_VERIFY 0\n#endif\n${wrap("#if OTA_VERIFY")}`, "verify")).toBeUndefined();
  });

  it("treats unset negated check switches as off, and build options as undecided", async () => {
    expect(await compiledOut(wrap("#ifdef SKIP_SIGNATURE_CHECK"), "verify")).toBe("#ifdef SKIP_SIGNATURE_CHECK");
    expect(await compiledOut(wrap("#ifndef SKIP_SIGNATURE_CHECK"), "verify")).toBeUndefined();
    expect(await compiledOut(wrap("#ifdef NO_OS"), "verify")).toBeUndefined();
    expect(await compiledOut(wrap("#if CONFIG_SECURE_BOOT"), "verify")).toBeUndefined();
    expect(await compiledOut(wrap("#ifdef CONFIG_SKIP_SIGNATURE_CHECK"), "verify")).toBeUndefined();
    expect(await compiledOut(wrap("#if IS_ENABLED(CONFIG_X)"), "verify")).toBeUndefined();
  });

  it("ignores include guards", async () => {
    expect(await compiledOut(`#ifndef FW_H\n#define FW_H\n${wrap("#if 1")}#endif\n`, "verify")).toBeUndefined();
  });
});

describe("image check names", () => {
  it("recognises CRCs but not their set-up", () => {
    for (const name of ["crc32", "crc32_ieee_update", "esp_rom_crc32_le", "HAL_CRC_Calculate", "iap_checksum", "crc16_ccitt"]) expect(isCrcCall(name), name).toBe(true);
    for (const name of ["HAL_CRC_Init", "crc_reset", "circular_buffer_put"]) expect(isCrcCall(name), name).toBe(false);
  });

  it("recognises cryptography and crypto verification", () => {
    expect(namesCryptography("mbedtls_sha256_finish")).toBe(true);
    expect(namesCryptography("wc_HmacFinal")).toBe(true);
    expect(namesCryptography("check_fw_crc")).toBe(false);
    expect(namesCryptoVerification("av3_ecdsa_p256_verify")).toBe(true);
    expect(namesCryptoVerification("EVP_DigestVerifyFinal")).toBe(true);
    expect(namesCryptoVerification("mbedtls_sha256_update")).toBe(false);
  });

  it("knows the SDK update paths that validate images", () => {
    expect(isSdkValidatedUpdateCall("esp_ota_end")).toBe(true);
    expect(isSdkValidatedUpdateCall("flash_img_buffered_write")).toBe(true);
    expect(isSdkValidatedUpdateCall("boot_request_upgrade")).toBe(true);
    expect(isSdkValidatedUpdateCall("HAL_FLASH_Program")).toBe(false);
  });
});

describe("downgrade switches", () => {
  const sw = (name: string) => downgradeSwitch(nameWords(name));
  it("reads plain and inverted names", () => {
    expect(sw("otaconfigAllowDowngrade")).toEqual({ negated: true });
    expect(sw("accept_downgrades")).toEqual({ negated: true });
    expect(sw("rollback_protection")).toEqual({ negated: false });
    expect(sw("ENABLE_DOWNGRADE_PROTECTION")).toEqual({ negated: false });
    expect(sw("ANTI_ROLLBACK")).toEqual({ negated: false });
    expect(sw("SKIP_DOWNGRADE_CHECK")).toEqual({ negated: true });
  });
  it("leaves values and features alone", () => {
    expect(sw("MCUBOOT_HW_DOWNGRADE_PREVENTION_COUNTER_SLOTS")).toBeUndefined();
    expect(sw("BOOTLOADER_APP_ROLLBACK_ENABLE")).toBeUndefined();
    expect(sw("ALLOW_ROLLBACK")).toBeUndefined();
  });
});
