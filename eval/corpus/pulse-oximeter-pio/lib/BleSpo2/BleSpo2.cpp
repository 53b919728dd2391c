// OxiClip H2 - Bluetooth SIG Pulse Oximeter Service (0x1822) over NimBLE.
#include "BleSpo2.h"
#include <NimBLEDevice.h>

static uint16_t toSfloat(uint8_t value) {
  return (uint16_t)value;  // exponent 0
}

void BleSpo2::begin(const char *name) {
  NimBLEDevice::init(name);
  NimBLEDevice::setPower(ESP_PWR_LVL_P3);
  // The clip has no display for a code and no buttons for a confirmation.
  NimBLEDevice::setSecurityAuth(true, false, true);
  NimBLEDevice::setSecurityIOCap(BLE_HS_IO_NO_INPUT_OUTPUT);  // expect: ble-just-works-pairing

  NimBLEServer *server = NimBLEDevice::createServer();
  NimBLEService *svc = server->createService("1822");
  continuous_ = svc->createCharacteristic("2A5F", NIMBLE_PROPERTY::NOTIFY | NIMBLE_PROPERTY::READ_ENC);
  svc->start();

  NimBLEAdvertising *adv = NimBLEDevice::getAdvertising();
  adv->addServiceUUID("1822");
  adv->setAppearance(0x0C40);
  adv->start();
}

void BleSpo2::notify(uint8_t spo2, uint8_t bpm) {
  if (continuous_ == nullptr) {
    return;
  }
  uint8_t payload[5];
  payload[0] = 0x00;
  uint16_t s = toSfloat(spo2), p = toSfloat(bpm);
  payload[1] = s & 0xFF;
  payload[2] = s >> 8;
  payload[3] = p & 0xFF;
  payload[4] = p >> 8;
  continuous_->setValue(payload, sizeof(payload));
  continuous_->notify();
}
