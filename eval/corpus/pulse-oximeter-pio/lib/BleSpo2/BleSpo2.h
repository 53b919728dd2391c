// OxiClip H2 - Bluetooth SIG Pulse Oximeter Service (0x1822) over NimBLE.
#pragma once
#include <stdint.h>

class NimBLECharacteristic;

class BleSpo2 {
 public:
  void begin(const char *name);
  void notify(uint8_t spo2, uint8_t bpm);

 private:
  NimBLECharacteristic *continuous_ = nullptr;
};
