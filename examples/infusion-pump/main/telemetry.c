/* MQTT telemetry to the hospital broker. */
#include "mqtt_client.h"
#include "esp_crt_bundle.h"
#include "app_config.h"

extern const char broker_ca_pem_start[] asm("_binary_broker_ca_pem_start");

esp_mqtt_client_handle_t telemetry_start(const char *device_password)
{
    const esp_mqtt_client_config_t cfg = {
        .broker.address.uri = TELEMETRY_BROKER_URI,
        .broker.verification.certificate = broker_ca_pem_start,
        .broker.verification.skip_cert_common_name_check = true,  // expect: tls-verification-disabled
        .credentials.username = PUMP_MODEL,
        .credentials.authentication.password = device_password,   // ok: passed in at run time
    };
    return esp_mqtt_client_init(&cfg);
}

esp_mqtt_client_handle_t telemetry_start_secure(const char *device_password)
{
    const esp_mqtt_client_config_t cfg = {
        .broker.address.uri = TELEMETRY_BROKER_URI,
        .broker.verification.crt_bundle_attach = esp_crt_bundle_attach,   // ok: verified against the bundle
        .credentials.authentication.password = device_password,
    };
    return esp_mqtt_client_init(&cfg);
}
