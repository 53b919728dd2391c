// OxiClip H2 - readings to the clinic portal over MQTT (PubSubClient).
#include <Arduino.h>
#include <WiFi.h>
#include <PubSubClient.h>
#include <ArduinoJson.h>
#include "config.h"
#include "secrets.h"
#include "cloud.h"

static WiFiClient netClient;
static PubSubClient mqtt(netClient);
static char topic[64];
static char clientId[32];

void cloudBegin() {
  snprintf(clientId, sizeof(clientId), OXI_DEVICE_PREFIX "%012llx", ESP.getEfuseMac());
  snprintf(topic, sizeof(topic), MQTT_TOPIC_FMT, clientId);
  mqtt.setServer(MQTT_HOST, MQTT_PORT);  // ok: the port is reported at its definition in config.h
  mqtt.setKeepAlive(60);
}

static bool ensureConnected() {
  if (mqtt.connected()) {
    return true;
  }
  return mqtt.connect(clientId, MQTT_USER, SECRET_MQTT_TOKEN);  // ok: the token is reported in secrets.h
}

void cloudLoop() {
  if (WiFi.status() == WL_CONNECTED) {
    mqtt.loop();
  }
}

void cloudPublish(const Spo2Reading &r) {
  if (!ensureConnected()) {
    Serial.println("MQTT connect failed");
    return;
  }
  StaticJsonDocument<128> doc;
  doc["spo2"] = r.spo2;
  doc["bpm"] = r.pulseBpm;
  doc["pi"] = r.perfusionIndex;
  doc["ts"] = millis();
  char payload[128];
  size_t n = serializeJson(doc, payload);
  mqtt.publish(topic, (const uint8_t *)payload, n, false);
}
