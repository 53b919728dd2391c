/*
 * VitalSign PM-12 - alarm limits (adult defaults) and annunciation.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "AlarmService.h"

namespace {
constexpr uint16_t kHrLow = 50, kHrHigh = 120;
constexpr uint8_t kSpo2Low = 90;
constexpr uint16_t kSysHigh = 160, kSysLow = 90;
constexpr uint16_t kRespLow = 8, kRespHigh = 30;
}

void AlarmService::start()
{
    _speaker.period_us(500);
    _speaker.write(0.0f);
}

void AlarmService::sound(int priority)
{
    _lampRed = priority >= 3;
    _lampYellow = priority == 2;
    _speaker.write(priority > 0 ? 0.5f : 0.0f);
}

void AlarmService::evaluate(const VitalsFrame &f)
{
    int priority = 0;
    if (f.spo2 < kSpo2Low || f.heartRate < kHrLow || f.heartRate > kHrHigh) {
        priority = 3;
    } else if (f.nibpSys > kSysHigh || f.nibpSys < kSysLow || f.respRate < kRespLow || f.respRate > kRespHigh) {
        priority = 2;
    }
    sound(priority);
}

void AlarmService::raiseTechnical(Technical t)
{
    (void)t;
    _lampYellow = 1;
}
