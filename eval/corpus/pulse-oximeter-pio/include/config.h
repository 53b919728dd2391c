// OxiClip H2 - build-time configuration
#pragma once

#define OXI_DEVICE_PREFIX     "oxiclip-"
#define OXI_SAMPLE_RATE_HZ    100
#define OXI_REPORT_PERIOD_MS  60000UL

// Cloud broker (home users' readings are forwarded to the clinic portal)
#define MQTT_HOST             "mqtt.oxiclip.care"
#define MQTT_PORT             1883  // expect: mqtt-plaintext-port
#define MQTT_TOPIC_FMT        "oxiclip/%s/spo2"
#define MQTT_USER             "oxiclip-device"

// Firmware updates (signed images, see ota.cpp)
#define OTA_MANIFEST_URL      "https://fw.oxiclip.care/h2/manifest.json"  // ok: https
#define OTA_CHECK_PERIOD_MS   (6UL * 3600UL * 1000UL)

// Setup portal shown by the captive AP on first boot
#define SETUP_AP_PREFIX       "OxiClip-Setup-"
#define SETUP_PORTAL_URL      "http://192.168.4.1/"  // expect: cleartext-url
