/*
 * Cascade IP-7 - over-the-air updates.
 *
 * The pump polls a signed manifest; when it names a newer version, the image is
 * fetched with esp_https_ota and verified by the bootloader on the next reset.
 */
#include <string.h>
#include <stdlib.h>
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_http_client.h"
#include "esp_https_ota.h"
#include "esp_crt_bundle.h"
#include "mbedtls/pk.h"
#include "mbedtls/sha256.h"
#include "cJSON.h"
#include "sdkconfig.h"
#include "pump_config.h"

static const char *TAG = "ip7.ota";

#define MANIFEST_URL       "https://ota.cascade-med.io/ip7/manifest.json"  // ok: https
#define MANIFEST_MAX_LEN   2048
#define MANIFEST_SIG_LEN   64

extern const char ota_ca_pem_start[] asm("_binary_ota_ca_pem_start");
extern const uint8_t manifest_pubkey_der_start[] asm("_binary_manifest_pub_der_start");
extern const uint8_t manifest_pubkey_der_end[] asm("_binary_manifest_pub_der_end");

static bool s_infusion_running(void)
{
    extern ip7_infusion_t g_infusion;
    return g_infusion.state == IP7_STATE_INFUSING || g_infusion.state == IP7_STATE_PRIMING;
}

static bool verify_manifest_signature(const uint8_t *body, size_t len, const uint8_t *sig, size_t sig_len)  // ok: real verification
{
    uint8_t hash[32];
    mbedtls_pk_context pk;
    int ret;

    mbedtls_pk_init(&pk);
    ret = mbedtls_pk_parse_public_key(&pk, manifest_pubkey_der_start, manifest_pubkey_der_end - manifest_pubkey_der_start);
    if (ret != 0) {
        mbedtls_pk_free(&pk);
        return false;
    }
    mbedtls_sha256(body, len, hash, 0);
    ret = mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, sizeof(hash), sig, sig_len);
    mbedtls_pk_free(&pk);
    return ret == 0;
}

static int fetch_manifest(char *buf, size_t cap)
{
    esp_http_client_config_t cfg = {
        .url = MANIFEST_URL,
        .cert_pem = ota_ca_pem_start,
        .skip_cert_common_name_check = true,  // expect: tls-verification-disabled
        .timeout_ms = 10000,
        .buffer_size = 1024,
    };
    esp_http_client_handle_t client = esp_http_client_init(&cfg);
    if (client == NULL) {
        return -1;
    }
    int total = -1;
    if (esp_http_client_open(client, 0) == ESP_OK) {
        esp_http_client_fetch_headers(client);
        total = esp_http_client_read_response(client, buf, (int)cap - 1);
        if (total >= 0) {
            buf[total] = '\0';
        }
    }
    esp_http_client_cleanup(client);
    return total;
}

static bool is_newer(const char *candidate)
{
    const esp_app_desc_t *running = esp_app_get_description();
    int a[3] = { 0 }, b[3] = { 0 };
    sscanf(running->version, "%d.%d.%d", &a[0], &a[1], &a[2]);
    sscanf(candidate, "%d.%d.%d", &b[0], &b[1], &b[2]);
    for (int i = 0; i < 3; i++) {
        if (b[i] != a[i]) {
            return b[i] > a[i];
        }
    }
    return false;
}

static esp_err_t install_image(void)
{
    esp_http_client_config_t http = {
        .url = CONFIG_IP7_OTA_URL,
        .crt_bundle_attach = esp_crt_bundle_attach,
        .timeout_ms = 30000,
        .keep_alive_enable = true,
    };
    esp_https_ota_config_t ota = {
        .http_config = &http,
        .partial_http_download = true,
        .max_http_request_size = 16384,
    };
    ESP_LOGW(TAG, "installing update from %s", CONFIG_IP7_OTA_URL);
    return esp_https_ota(&ota);
}

static void check_once(void)
{
    static char manifest[MANIFEST_MAX_LEN];
    uint8_t sig[MANIFEST_SIG_LEN];

    int len = fetch_manifest(manifest, sizeof(manifest));
    if (len <= 0) {
        ESP_LOGW(TAG, "manifest fetch failed");
        return;
    }
    cJSON *root = cJSON_Parse(manifest);
    if (root == NULL) {
        return;
    }
    const cJSON *version = cJSON_GetObjectItem(root, "version");
    const cJSON *signature = cJSON_GetObjectItem(root, "sig");
    const cJSON *body = cJSON_GetObjectItem(root, "body");
    if (!cJSON_IsString(version) || !cJSON_IsString(signature) || !cJSON_IsString(body)) {
        cJSON_Delete(root);
        return;
    }
    size_t sig_len = 0;
    if (mbedtls_base64_decode(sig, sizeof(sig), &sig_len, (const uint8_t *)signature->valuestring,
                              strlen(signature->valuestring)) != 0 ||
        !verify_manifest_signature((const uint8_t *)body->valuestring, strlen(body->valuestring), sig, sig_len)) {
        ESP_LOGE(TAG, "manifest signature invalid, ignoring");
        cJSON_Delete(root);
        return;
    }
    if (is_newer(version->valuestring) && !s_infusion_running()) {
        if (install_image() == ESP_OK) {
            esp_restart();
        }
    }
    cJSON_Delete(root);
}

void ip7_ota_task(void *arg)
{
    (void)arg;
    for (;;) {
#if CONFIG_IP7_OTA_AUTO_CHECK
        check_once();
#endif
        vTaskDelay(pdMS_TO_TICKS(CONFIG_IP7_OTA_CHECK_INTERVAL_H * 3600UL * 1000UL));
    }
}
