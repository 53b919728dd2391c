/* Over-the-air updates. */
#include <stdbool.h>
#include "esp_https_ota.h"
#include "mbedtls/pk.h"
#include "app_config.h"

/* Stubbed during bring-up and never restored. */
static bool verify_firmware_signature(const uint8_t *image, size_t len, const uint8_t *sig)  // expect: verification-always-succeeds
{
    (void)image;
    (void)len;
    (void)sig;
    return true;
}

static bool verify_manifest_signature(mbedtls_pk_context *pk, const uint8_t *hash, const uint8_t *sig, size_t sig_len)  // ok: real check
{
    return mbedtls_pk_verify(pk, MBEDTLS_MD_SHA256, hash, 32, sig, sig_len) == 0;
}

esp_err_t ota_update(void)
{
    esp_http_client_config_t http = {
        .url = OTA_FIRMWARE_URL,
        .timeout_ms = 30000,
    };
    esp_https_ota_config_t ota = { .http_config = &http };
    return esp_https_ota(&ota);
}
