/*
 * Aurora IP-200 infusion pump: build-time configuration.
 * Reference manual: http://docs.aurora-medical.example/ip200 (a comment, not an endpoint).
 */
#pragma once

#define PUMP_MODEL "IP-200"
#define WIFI_SSID "ward-net"
#define WIFI_PASS "Aurora!Ward7-2291"                            // expect: hardcoded-credential
#define WIFI_PASSWORD_NVS_KEY "wifi_pass"                        // ok: NVS key name, not a password
#define WIFI_PASSWORD_MAX_LEN 64                                 // ok: a size

#define TELEMETRY_BROKER_URI "mqtts://telemetry.aurora-medical.example"   // ok: TLS
#define LEGACY_BROKER_URI "mqtt://10.20.0.15"                    // expect: cleartext-url
#define MQTT_BROKER_PORT 1883                                    // expect: mqtt-plaintext-port

#define OTA_MANIFEST_URL "https://updates.aurora-medical.example/ip200/manifest.json"  // ok: HTTPS
#define OTA_FIRMWARE_URL "http://fw-updates.aurora-med.local/ip200/fw.bin"  // expect: ota-http-allowed, cleartext-url

#define SERVICE_MENU_TIMEOUT_S 120
