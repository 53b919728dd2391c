// OxiClip H2 - home pulse oximeter: MAX30102 sensor, SSD1306 display, Wi-Fi + BLE upload.
#include <Arduino.h>
#include <Wire.h>
#include "config.h"
#include "spo2_algo.h"
#include "net.h"
#include "cloud.h"
#include "ota.h"
#include "display.h"
#include <BleSpo2.h>

static Spo2Estimator estimator;
static BleSpo2 ble;
static uint32_t lastReport = 0;
static uint32_t lastOtaCheck = 0;

void setup() {
  Serial.begin(115200);
  Serial.printf("OxiClip H2 fw %s\n", OXI_FW_VERSION);
  Wire.begin(8, 9, 400000);

  displayInit();
  if (!estimator.begin(Wire, OXI_SAMPLE_RATE_HZ)) {
    displayMessage("Sensor error");
    Serial.println("MAX30102 not found");
  }
  ble.begin("OxiClip H2");
  netBegin();
  cloudBegin();
}

void loop() {
  estimator.poll();
  if (estimator.hasReading()) {
    Spo2Reading r = estimator.reading();
    displayReading(r.spo2, r.pulseBpm, r.perfusionIndex);
    ble.notify(r.spo2, r.pulseBpm);
    if (millis() - lastReport > OXI_REPORT_PERIOD_MS && netConnected()) {
      cloudPublish(r);
      lastReport = millis();
    }
  }
  if (millis() - lastOtaCheck > OTA_CHECK_PERIOD_MS && netConnected()) {
    otaCheck();
    lastOtaCheck = millis();
  }
  cloudLoop();
}
