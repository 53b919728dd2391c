/* VitalSign PM-12 - vital-sign acquisition. SPDX-License-Identifier: LicenseRef-VitalSign */
#pragma once
#include "mbed.h"

struct VitalsFrame {
    uint32_t seq;
    uint16_t heartRate;      // bpm
    uint8_t spo2;            // %
    uint16_t nibpSys;        // mmHg
    uint16_t nibpDia;        // mmHg
    uint16_t respRate;       // breaths/min
    int16_t tempCx10;        // 0.1 degC
};

class VitalsAcquisition {
public:
    void onFrame(Callback<void(const VitalsFrame &)> cb) { _cb = cb; }
    void start(std::chrono::milliseconds period);

private:
    void sample();
    Callback<void(const VitalsFrame &)> _cb;
    Ticker _ticker;
    EventQueue *_queue = mbed_event_queue();
    uint32_t _seq = 0;
};
