/* Wi-Fi bring-up: credentials come from NVS, written at manufacturing. */
#include <string.h>
#include "esp_wifi.h"
#include "nvs.h"
#include "app_config.h"

esp_err_t wifi_load_credentials(wifi_config_t *cfg)
{
    nvs_handle_t nvs;
    ESP_ERROR_CHECK(nvs_open("wifi", NVS_READONLY, &nvs));
    size_t len = sizeof(cfg->sta.password);
    esp_err_t err = nvs_get_str(nvs, WIFI_PASSWORD_NVS_KEY, (char *)cfg->sta.password, &len);  // ok: runtime lookup
    nvs_close(nvs);
    return err;
}

void wifi_start(void)
{
    wifi_config_t cfg = { 0 };
    strlcpy((char *)cfg.sta.ssid, WIFI_SSID, sizeof(cfg.sta.ssid));
    if (wifi_load_credentials(&cfg) != ESP_OK) {
        /* Fallback left over from bench testing. */
        strlcpy((char *)cfg.sta.password, WIFI_PASS, sizeof(cfg.sta.password));
    }
    cfg.sta.threshold.authmode = WIFI_AUTH_WPA2_PSK;
    ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, &cfg));
    ESP_LOGI("wifi", "Enter password on the service menu if association fails");  // ok: log message
}
