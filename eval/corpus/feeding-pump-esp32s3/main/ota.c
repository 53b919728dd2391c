/*
 * NutriFlow EF-3 - firmware update from the NutriFlow update service.
 * Images are signed (secure boot V2) and carry a secure version for anti-rollback.
 */
#include "esp_log.h"
#include "esp_https_ota.h"
#include "esp_crt_bundle.h"
#include "esp_ota_ops.h"
#include "sdkconfig.h"
#include "feed_ctrl.h"

static const char *TAG = "ef3.ota";

esp_err_t ef3_ota_install(void)
{
    if (ef3_feed_delivered_ml() > 0 && !ef3_feed_occluded()) {
        /* Never update while a feed is running. */
        return ESP_ERR_INVALID_STATE;
    }
    esp_http_client_config_t http = {
        .url = CONFIG_EF3_OTA_URL,
        .crt_bundle_attach = esp_crt_bundle_attach,
        .timeout_ms = 20000,
    };
    esp_https_ota_config_t cfg = { .http_config = &http };
    esp_err_t err = esp_https_ota(&cfg);
    if (err != ESP_OK) {
        ESP_LOGE(TAG, "update failed: %s", esp_err_to_name(err));
    }
    return err;
}
