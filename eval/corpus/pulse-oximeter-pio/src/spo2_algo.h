// OxiClip H2 - SpO2 / pulse estimation from red and IR PPG.
#pragma once
#include <Arduino.h>
#include <Wire.h>

struct Spo2Reading {
  uint8_t spo2;
  uint8_t pulseBpm;
  float perfusionIndex;
};

class Spo2Estimator {
 public:
  bool begin(TwoWire &wire, uint16_t sampleRateHz);
  void poll();
  bool hasReading() const { return ready_; }
  Spo2Reading reading();

 private:
  static constexpr size_t kWindow = 400;  // 4 s at 100 Hz
  uint32_t red_[kWindow];
  uint32_t ir_[kWindow];
  size_t count_ = 0;
  bool ready_ = false;
  Spo2Reading last_{};
  void estimate();
};
