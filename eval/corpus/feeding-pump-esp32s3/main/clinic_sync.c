/*
 * NutriFlow EF-3 - daily feeding log upload to the home-care clinic's portal (HTTPS POST).
 */
#include <stdio.h>
#include "esp_log.h"
#include "esp_http_client.h"
#include "feed_ctrl.h"

static const char *TAG = "ef3.sync";

esp_err_t ef3_clinic_sync(const char *serial, const char *json_log, int len)
{
    char auth[96];
    esp_http_client_config_t cfg = {
        .url = "https://clinic.nutriflow.med/api/v1/feeding-logs",  // expect: tls-ca-missing
        .method = HTTP_METHOD_POST,
        .timeout_ms = 15000,
    };
    esp_http_client_handle_t client = esp_http_client_init(&cfg);
    if (client == NULL) {
        return ESP_FAIL;
    }
    snprintf(auth, sizeof(auth), "Device %s", serial);
    esp_http_client_set_header(client, "Authorization", auth);
    esp_http_client_set_header(client, "Content-Type", "application/json");
    esp_http_client_set_post_field(client, json_log, len);
    esp_err_t err = esp_http_client_perform(client);
    if (err == ESP_OK && esp_http_client_get_status_code(client) != 201) {
        ESP_LOGW(TAG, "portal answered %d", esp_http_client_get_status_code(client));
        err = ESP_FAIL;
    }
    esp_http_client_cleanup(client);
    return err;
}
