/*
 * Cascade IP-7 - Wi-Fi station and commissioning access point.
 */
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/event_groups.h"
#include "esp_wifi.h"
#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "nvs.h"
#include "sdkconfig.h"
#include "pump_config.h"
#include "nvs_keys.h"

static const char *TAG = "ip7.wifi";

#define WIFI_CONNECTED_BIT BIT0
#define WIFI_FAIL_BIT      BIT1

/* SoftAP used only while the pump is in commissioning mode (front-panel key sequence). */
#define COMMISSIONING_AP_SSID    "IP7-SETUP"
#define COMMISSIONING_AP_CHANNEL 6

static EventGroupHandle_t s_wifi_events;
static int s_retry;

typedef struct {
    char ssid[33];
    char password[65];
} ward_credentials_t;

static bool load_ward_credentials(ward_credentials_t *creds)
{
    nvs_handle_t h;
    size_t ssid_len = sizeof(creds->ssid);
    size_t pass_len = sizeof(creds->password);
    if (nvs_open(IP7_NVS_NAMESPACE, NVS_READONLY, &h) != ESP_OK) {
        return false;
    }
    bool ok = nvs_get_str(h, NVS_KEY_WIFI_SSID, creds->ssid, &ssid_len) == ESP_OK &&
              nvs_get_str(h, NVS_KEY_WIFI_PASS, creds->password, &pass_len) == ESP_OK;  // ok: runtime lookup
    nvs_close(h);
    return ok;
}

static void event_handler(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    if (base == WIFI_EVENT && id == WIFI_EVENT_STA_START) {
        esp_wifi_connect();
    } else if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
        if (s_retry < CONFIG_IP7_WIFI_MAX_RETRY) {
            esp_wifi_connect();
            s_retry++;
            ESP_LOGW(TAG, "retrying association (%d)", s_retry);
        } else {
            xEventGroupSetBits(s_wifi_events, WIFI_FAIL_BIT);
        }
    } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
        ip_event_got_ip_t *event = (ip_event_got_ip_t *)data;
        ESP_LOGI(TAG, "got ip " IPSTR, IP2STR(&event->ip_info.ip));
        s_retry = 0;
        xEventGroupSetBits(s_wifi_events, WIFI_CONNECTED_BIT);
    }
}

static void start_commissioning_ap(void)
{
    esp_netif_create_default_wifi_ap();
    wifi_config_t ap = {
        .ap = {
            .ssid = COMMISSIONING_AP_SSID,
            .ssid_len = strlen(COMMISSIONING_AP_SSID),
            .channel = COMMISSIONING_AP_CHANNEL,
            .password = "ip7-setup-4471",  // expect: hardcoded-credential
            .max_connection = 1,
            .authmode = WIFI_AUTH_WPA2_PSK,
            .pmf_cfg = { .required = true },
        },
    };
    ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_AP));
    ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_AP, &ap));
    ESP_ERROR_CHECK(esp_wifi_start());
    ESP_LOGW(TAG, "commissioning AP up; enter the ward password on the handheld");  // ok: log message
}

void ip7_wifi_start(void)
{
    ward_credentials_t creds = { 0 };
    s_wifi_events = xEventGroupCreate();
    ESP_ERROR_CHECK(esp_netif_init());
    ESP_ERROR_CHECK(esp_event_loop_create_default());

    wifi_init_config_t init = WIFI_INIT_CONFIG_DEFAULT();
    ESP_ERROR_CHECK(esp_wifi_init(&init));

    if (!load_ward_credentials(&creds)) {
        start_commissioning_ap();
        return;
    }

    esp_netif_create_default_wifi_sta();
    ESP_ERROR_CHECK(esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID, &event_handler, NULL, NULL));
    ESP_ERROR_CHECK(esp_event_handler_instance_register(IP_EVENT, IP_EVENT_STA_GOT_IP, &event_handler, NULL, NULL));

    wifi_config_t sta = {
        .sta = {
            .password = "",  // ok: empty, filled from NVS below
            .threshold.authmode = WIFI_AUTH_WPA2_PSK,
            .sae_pwe_h2e = WPA3_SAE_PWE_BOTH,
            .pmf_cfg = { .capable = true, .required = false },
        },
    };
    strlcpy((char *)sta.sta.ssid, creds.ssid, sizeof(sta.sta.ssid));
    strlcpy((char *)sta.sta.password, creds.password, sizeof(sta.sta.password));  // ok: runtime value
    memset(&creds, 0, sizeof(creds));

    ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_STA));
    ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, &sta));
    ESP_ERROR_CHECK(esp_wifi_start());

    EventBits_t bits = xEventGroupWaitBits(s_wifi_events, WIFI_CONNECTED_BIT | WIFI_FAIL_BIT, pdFALSE, pdFALSE, portMAX_DELAY);
    if (bits & WIFI_FAIL_BIT) {
        ESP_LOGE(TAG, "could not join %s, check the ward password", CONFIG_IP7_WIFI_SSID);  // ok: log message
    }
}
