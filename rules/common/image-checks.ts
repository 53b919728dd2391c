// What a called function says about checking a firmware image: a signature verification from a
// crypto library or bootloader, a cryptographic hash or MAC, an SDK update API that validates the
// image it writes, or a mere CRC/checksum. Shared by the update rules that look for verification
// compiled out and for a CRC as the only check of an image.

import { nameWords } from "./names.ts";

/**
 * Library calls that verify a signature. Checked against Mbed-TLS/mbedtls (pk.h, ecdsa.h, rsa.h),
 * the PSA Crypto API (psa/crypto.h), mcu-tools/mcuboot (bootutil/image.h), espressif/esp-idf
 * (esp_secure_boot.h, esp_image_format.h), wolfSSL (signature.h, ecc.h, rsa.h, ed25519.h) and
 * micro-ecc / TinyCrypt (`uECC_verify`).
 */
export const SIGNATURE_VERIFY_CALLS: ReadonlySet<string> = new Set([
  "mbedtls_pk_verify", "mbedtls_pk_verify_ext", "mbedtls_pk_verify_restartable",
  "mbedtls_ecdsa_verify", "mbedtls_ecdsa_read_signature", "mbedtls_ecdsa_read_signature_restartable",
  "mbedtls_rsa_pkcs1_verify", "mbedtls_rsa_rsassa_pss_verify", "mbedtls_rsa_rsassa_pss_verify_ext", "mbedtls_rsa_rsassa_pkcs1_v15_verify",
  "psa_verify_hash", "psa_verify_message",
  "bootutil_img_validate",
  "esp_secure_boot_verify_signature", "esp_image_verify",
  "wc_SignatureVerify", "wc_SignatureVerifyHash", "wc_ecc_verify_hash", "wc_RsaSSL_Verify", "wc_RsaSSL_VerifyInline", "wc_RsaPSS_Verify",
  "wc_ed25519_verify_msg",
  "uECC_verify",
]);

/**
 * SDK update paths whose own code validates the image: ESP-IDF's `esp_ota_end()` and
 * `esp_ota_set_boot_partition()` run `esp_image_verify()` (SHA-256, plus the signature when secure
 * boot or signed updates are on) and `esp_https_ota` ends in `esp_ota_end()`; Zephyr's `flash_img`
 * writes the MCUboot upload slot and `boot_request_upgrade()` hands it to MCUboot, which checks the
 * image before it swaps (esp-idf components/app_update/esp_ota_ops.c; zephyr include/zephyr/dfu/).
 */
export function isSdkValidatedUpdateCall(name: string): boolean {
  return (
    name.startsWith("esp_ota_") || name.startsWith("esp_https_ota") || name.startsWith("flash_img_") ||
    name === "boot_request_upgrade" || name === "boot_set_pending" || name === "boot_write_img_confirmed"
  );
}

const CRC_WORD = /^(?:crc\d*[a-z]?|checksum|checksums|cksum)$/;
/** Set-up calls of CRC peripherals and drivers: they compute nothing. */
const CRC_HOUSEKEEPING = new Set(["init", "deinit", "reset", "enable", "disable", "msp", "clk", "clock", "config", "lock", "unlock"]);

/** `crc32`, `crc32_ieee_update`, `esp_rom_crc32_le`, `HAL_CRC_Calculate`, `calc_image_checksum`. */
export function isCrcCall(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => CRC_WORD.test(w)) && !words.some((w) => CRC_HOUSEKEEPING.has(w));
}

/** Words of cryptographic hashes, MACs and signatures (`mbedtls_sha256_finish`, `wc_HmacFinal`, `EVP_DigestVerifyFinal`). */
const CRYPTO_WORDS = new Set([
  "sha", "sha1", "sha2", "sha224", "sha256", "sha384", "sha512", "sha3", "hmac", "cmac", "ecdsa", "eddsa", "ed25519", "ed448",
  "rsa", "pkcs1", "pss", "dsa", "ecc", "signature", "signatures", "sig", "digest", "hash", "pkey", "pk",
]);
const VERIFY_WORDS = new Set(["verify", "verification", "validate", "validation", "authenticate", "authentication"]);

/** A name that speaks of cryptography (`av3_ecdsa_p256_verify`, `compute_image_sha256`) and not of a CRC. */
export function namesCryptography(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => CRYPTO_WORDS.has(w)) && !words.some((w) => CRC_WORD.test(w));
}

/** A name that says it verifies with cryptography: a verify verb and a crypto word (`ecdsa_p256_verify`). */
export function namesCryptoVerification(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => VERIFY_WORDS.has(w)) && namesCryptography(name);
}

/** Words that mark firmware updates in function and file names (`fw_update.c`, `ota_write_chunk`). */
export const UPDATE_CONTEXT_WORDS: ReadonlySet<string> = new Set(["fw", "firmware", "ota", "fota", "upgrade", "dfu", "bootloader", "iap"]);
/** Words naming the image itself; ambiguous alone (display images), so they need an update word nearby. */
export const IMAGE_WORDS: ReadonlySet<string> = new Set(["image", "images", "img", "bin", "binary"]);

