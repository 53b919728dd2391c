// OxiClip H2 - ratio-of-ratios SpO2 with a calibration curve from the 2023 clinical study.
#include "spo2_algo.h"
#include <MAX30105.h>
#include <math.h>

static MAX30105 sensor;

// SpO2 = A - B * R, fitted on 412 paired arterial samples (study OXI-CS-02).
static constexpr float kCalA = 110.2f;
static constexpr float kCalB = 24.8f;

bool Spo2Estimator::begin(TwoWire &wire, uint16_t sampleRateHz) {
  if (!sensor.begin(wire, I2C_SPEED_FAST)) {
    return false;
  }
  sensor.setup(0x24, 4, 2, sampleRateHz, 411, 16384);
  return true;
}

void Spo2Estimator::poll() {
  sensor.check();
  while (sensor.available()) {
    red_[count_] = sensor.getFIFORed();
    ir_[count_] = sensor.getFIFOIR();
    sensor.nextSample();
    if (++count_ == kWindow) {
      estimate();
      count_ = 0;
    }
  }
}

void Spo2Estimator::estimate() {
  double redDc = 0, irDc = 0;
  for (size_t i = 0; i < kWindow; i++) {
    redDc += red_[i];
    irDc += ir_[i];
  }
  redDc /= kWindow;
  irDc /= kWindow;
  double redAc = 0, irAc = 0;
  uint8_t beats = 0;
  bool above = false;
  for (size_t i = 0; i < kWindow; i++) {
    redAc += (red_[i] - redDc) * (red_[i] - redDc);
    irAc += (ir_[i] - irDc) * (ir_[i] - irDc);
    bool nowAbove = ir_[i] > irDc;
    if (nowAbove && !above) {
      beats++;
    }
    above = nowAbove;
  }
  redAc = sqrt(redAc / kWindow);
  irAc = sqrt(irAc / kWindow);
  if (irDc < 50000 || irAc == 0) {  // finger not present
    ready_ = false;
    return;
  }
  float r = (float)((redAc / redDc) / (irAc / irDc));
  float spo2 = kCalA - kCalB * r;
  last_.spo2 = (uint8_t)constrain(spo2, 70.0f, 100.0f);
  last_.pulseBpm = (uint8_t)(beats * 15);
  last_.perfusionIndex = (float)(100.0 * irAc / irDc);
  ready_ = true;
}

Spo2Reading Spo2Estimator::reading() {
  ready_ = false;
  return last_;
}
