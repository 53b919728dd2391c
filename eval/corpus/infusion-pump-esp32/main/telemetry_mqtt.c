/*
 * Cascade IP-7 - telemetry and remote alarms over MQTT (esp-mqtt, IDF 5.x API).
 */
#include <stdio.h>
#include <string.h>
#include "esp_log.h"
#include "esp_crt_bundle.h"
#include "mqtt_client.h"
#include "cJSON.h"
#include "sdkconfig.h"
#include "pump_config.h"

static const char *TAG = "ip7.mqtt";

#define TELEMETRY_BROKER_URI  "mqtts://telemetry.cascade-med.io:8883"  // ok: TLS scheme
#define TELEMETRY_QOS         1

extern const char device_cert_pem_start[] asm("_binary_device_crt_start");
extern const char device_key_ref[] asm("_binary_device_key_ref_start");

static esp_mqtt_client_handle_t s_client;
static char s_topic_telemetry[64];
static char s_topic_alarms[64];
static char s_topic_cmd[64];

static void handle_command(const char *data, int len)
{
    cJSON *cmd = cJSON_ParseWithLength(data, len);
    if (cmd == NULL) {
        return;
    }
    const cJSON *op = cJSON_GetObjectItem(cmd, "op");
    if (cJSON_IsString(op) && strcmp(op->valuestring, "ping") == 0) {
        esp_mqtt_client_publish(s_client, s_topic_telemetry, "{\"pong\":true}", 0, TELEMETRY_QOS, 0);
    } else {
        /* Therapy parameters are never changed remotely; only acknowledgements are accepted. */
        ESP_LOGW(TAG, "ignored remote command");
    }
    cJSON_Delete(cmd);
}

static void mqtt_event_handler(void *arg, esp_event_base_t base, int32_t event_id, void *event_data)
{
    esp_mqtt_event_handle_t event = event_data;
    switch ((esp_mqtt_event_id_t)event_id) {
    case MQTT_EVENT_CONNECTED:
        ESP_LOGI(TAG, "connected to %s", TELEMETRY_BROKER_URI);
        esp_mqtt_client_subscribe(s_client, s_topic_cmd, TELEMETRY_QOS);
        break;
    case MQTT_EVENT_DATA:
        handle_command(event->data, event->data_len);
        break;
    case MQTT_EVENT_ERROR:
        ESP_LOGE(TAG, "mqtt error type %d", event->error_handle->error_type);
        break;
    default:
        break;
    }
}

void ip7_telemetry_publish(const ip7_infusion_t *inf)
{
    char payload[160];
    int n = snprintf(payload, sizeof(payload), "{\"rate\":%.1f,\"vtbi\":%.1f,\"infused\":%.1f,\"drug\":%u,\"state\":%d}",
                     inf->rate_ml_h, inf->vtbi_ml, inf->infused_ml, inf->drug_id, inf->state);
    esp_mqtt_client_publish(s_client, s_topic_telemetry, payload, n, TELEMETRY_QOS, 0);
}

void ip7_alarm_publish(const char *code)
{
    char payload[64];
    int n = snprintf(payload, sizeof(payload), "{\"alarm\":\"%s\"}", code);
    esp_mqtt_client_publish(s_client, s_topic_alarms, payload, n, 2, 0);
}

void ip7_telemetry_start(const char *serial)
{
    snprintf(s_topic_telemetry, sizeof(s_topic_telemetry), IP7_TOPIC_TELEMETRY, serial);
    snprintf(s_topic_alarms, sizeof(s_topic_alarms), IP7_TOPIC_ALARMS, serial);
    snprintf(s_topic_cmd, sizeof(s_topic_cmd), IP7_TOPIC_COMMANDS, serial);

    const esp_mqtt_client_config_t cfg = {
        .broker.address.uri = TELEMETRY_BROKER_URI,
        .broker.verification.crt_bundle_attach = esp_crt_bundle_attach,
        .credentials.client_id = serial,
        .credentials.username = serial,
        .credentials.authentication.certificate = device_cert_pem_start,
        .credentials.authentication.ds_data = (void *)device_key_ref,
        .session.keepalive = 60,
        .network.reconnect_timeout_ms = 5000,
    };
    s_client = esp_mqtt_client_init(&cfg);
    esp_mqtt_client_register_event(s_client, ESP_EVENT_ANY_ID, mqtt_event_handler, NULL);
    esp_mqtt_client_start(s_client);
}
