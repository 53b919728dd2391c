/*
 * NutriFlow EF-3 enteral feeding pump - entry point.
 */
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_log.h"
#include "esp_mac.h"
#include "nvs_flash.h"
#include "esp_ota_ops.h"
#include "feed_ctrl.h"

void ef3_ble_start(void);
void ef3_cloud_start(const char *serial);
void ef3_cloud_record(uint32_t delivered_ml, bool occluded);

static char s_serial[16];

void app_main(void)
{
    uint8_t mac[6];
    ESP_ERROR_CHECK(nvs_flash_init());
    esp_read_mac(mac, ESP_MAC_WIFI_STA);
    snprintf(s_serial, sizeof(s_serial), "EF3-%02X%02X%02X", mac[3], mac[4], mac[5]);

    esp_ota_mark_app_valid_cancel_rollback();
    ef3_ble_start();
    ef3_cloud_start(s_serial);

    for (;;) {
        ef3_cloud_record(ef3_feed_delivered_ml(), ef3_feed_occluded());
        vTaskDelay(pdMS_TO_TICKS(60000));
    }
}
