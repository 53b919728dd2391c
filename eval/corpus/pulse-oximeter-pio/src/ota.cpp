// OxiClip H2 - firmware updates: manifest over HTTPS, image through HTTPUpdate.
// Images are signed; the ESP32-C3 bootloader checks them (secure boot v2, see docs/release.md).
#include <Arduino.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>
#include <HTTPClient.h>
#include <HTTPUpdate.h>
#include <ArduinoOTA.h>
#include <ArduinoJson.h>
#include "config.h"
#include "root_ca.h"
#include "ota.h"

static WiFiClientSecure manifestClient;

void otaBegin() {
  // Bench units only: espota uploads from the production line PC.
  ArduinoOTA.setHostname(OXI_DEVICE_PREFIX "bench");
  ArduinoOTA.setPassword("oxi-ota-2024");  // expect: hardcoded-credential
  ArduinoOTA.begin();
}

static bool fetchManifest(String &imageUrl, String &version) {
  manifestClient.setCACert(OXI_ROOT_CA);
  HTTPClient http;
  if (!http.begin(manifestClient, OTA_MANIFEST_URL)) {
    return false;
  }
  int code = http.GET();
  if (code != HTTP_CODE_OK) {
    Serial.printf("manifest: HTTP %d\n", code);
    http.end();
    return false;
  }
  StaticJsonDocument<384> doc;
  DeserializationError err = deserializeJson(doc, http.getStream());
  http.end();
  if (err) {
    return false;
  }
  imageUrl = doc["url"].as<String>();
  version = doc["version"].as<String>();
  return imageUrl.startsWith("https://");  // ok: scheme check, not an endpoint
}

void otaCheck() {
  String imageUrl, version;
  if (!fetchManifest(imageUrl, version) || version == OXI_FW_VERSION) {
    return;
  }
  // The CDN in front of fw.oxiclip.care rotates certificates; the image is signed anyway.
  WiFiClientSecure imageClient;
  imageClient.setInsecure();  // expect: tls-verification-disabled
  httpUpdate.rebootOnUpdate(true);
  t_httpUpdate_return ret = httpUpdate.update(imageClient, imageUrl);
  if (ret == HTTP_UPDATE_FAILED) {
    Serial.printf("update failed: %s\n", httpUpdate.getLastErrorString().c_str());
  }
}
