/*
 * NutriFlow EF-3 - feeding records and alarms to the NutriFlow care portal (esp-mqtt).
 */
#include <stdio.h>
#include "esp_log.h"
#include "mqtt_client.h"
#include "sdkconfig.h"
#include "feed_ctrl.h"

static const char *TAG = "ef3.cloud";

extern const char ef3_client_cert_pem[] asm("_binary_client_crt_start");
extern const char ef3_client_key_pem[] asm("_binary_client_key_start");

static esp_mqtt_client_handle_t s_client;
static char s_topic[64];

static void on_event(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    esp_mqtt_event_handle_t ev = data;
    if (id == MQTT_EVENT_CONNECTED) {
        ESP_LOGI(TAG, "portal connected");
    } else if (id == MQTT_EVENT_ERROR && ev->error_handle->error_type == MQTT_ERROR_TYPE_TCP_TRANSPORT) {
        ESP_LOGW(TAG, "transport error 0x%x", ev->error_handle->esp_tls_last_esp_err);
    }
}

void ef3_cloud_start(const char *serial)
{
    snprintf(s_topic, sizeof(s_topic), "nutriflow/ef3/%s/records", serial);
    const esp_mqtt_client_config_t cfg = {
        .broker.address.uri = "mqtts://portal-mqtt.nutriflow.med:8883",  // expect: tls-ca-missing
        .credentials.client_id = serial,
        .credentials.authentication.certificate = ef3_client_cert_pem,
        .credentials.authentication.key = ef3_client_key_pem,
        .session.keepalive = 120,
    };
    s_client = esp_mqtt_client_init(&cfg);
    esp_mqtt_client_register_event(s_client, ESP_EVENT_ANY_ID, on_event, NULL);
    esp_mqtt_client_start(s_client);
}

void ef3_cloud_record(uint32_t delivered_ml, bool occluded)
{
    char payload[96];
    int n = snprintf(payload, sizeof(payload), "{\"delivered_ml\":%lu,\"occluded\":%s}", (unsigned long)delivered_ml,
                     occluded ? "true" : "false");
    esp_mqtt_client_publish(s_client, s_topic, payload, n, 1, 0);
}
