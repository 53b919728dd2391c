/* VitalSign PM-12 - physiological and technical alarms. SPDX-License-Identifier: LicenseRef-VitalSign */
#pragma once
#include "mbed.h"
#include "VitalsAcquisition.h"

class AlarmService {
public:
    enum class Technical { NetworkDown, SensorOff, BatteryLow };
    void start();
    void evaluate(const VitalsFrame &f);
    void raiseTechnical(Technical t);

private:
    PwmOut _speaker{PTC10};
    DigitalOut _lampRed{PTB22, 0};
    DigitalOut _lampYellow{PTE26, 0};
    void sound(int priority);
};
