/*
 * Cascade IP-7 infusion pump - application entry point.
 *
 * Copyright (c) 2023 Cascade Medical Systems GmbH.
 * Portions derived from ESP-IDF examples, Apache-2.0,
 * http://www.apache.org/licenses/LICENSE-2.0  // ok: licence header
 */
#include <stdio.h>
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_log.h"
#include "esp_system.h"
#include "esp_ota_ops.h"
#include "nvs_flash.h"
#include "nvs.h"
#include "pump_config.h"
#include "nvs_keys.h"

static const char *TAG = "ip7";

static char s_serial[24];

static void load_serial(void)
{
    nvs_handle_t h;
    size_t len = sizeof(s_serial);
    if (nvs_open(IP7_NVS_NAMESPACE, NVS_READONLY, &h) != ESP_OK) {
        strlcpy(s_serial, "UNPROVISIONED", sizeof(s_serial));
        return;
    }
    if (nvs_get_str(h, NVS_KEY_SERIAL, s_serial, &len) != ESP_OK) {
        strlcpy(s_serial, "UNPROVISIONED", sizeof(s_serial));
    }
    nvs_close(h);
}

static void confirm_running_image(void)
{
    const esp_partition_t *running = esp_ota_get_running_partition();
    esp_ota_img_states_t state;
    if (esp_ota_get_state_partition(running, &state) == ESP_OK && state == ESP_OTA_IMG_PENDING_VERIFY) {
        /* Self-test: motor driver, pressure sensors and the air-in-line detector must answer. */
        ESP_LOGW(TAG, "new image pending verification, running self-test");
        esp_ota_mark_app_valid_cancel_rollback();
    }
}

void app_main(void)
{
    esp_err_t err = nvs_flash_init();
    if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
        ESP_ERROR_CHECK(nvs_flash_erase());
        err = nvs_flash_init();
    }
    ESP_ERROR_CHECK(err);

    load_serial();
    ESP_LOGI(TAG, "Cascade %s serial %s starting", IP7_FW_MODEL, s_serial);

    confirm_running_image();
    ip7_wifi_start();
    ip7_ble_start();
    ip7_telemetry_start(s_serial);
    ip7_service_console_start();

    xTaskCreate(ip7_ota_task, "ota", 8192, NULL, 3, NULL);
}
