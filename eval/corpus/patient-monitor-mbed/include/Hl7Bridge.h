/* VitalSign PM-12 - HL7v2 ORU^R01 observations to the HIS gateway. SPDX-License-Identifier: LicenseRef-VitalSign */
#pragma once
#include "mbed.h"
#include "VitalsAcquisition.h"

class Hl7Bridge {
public:
    void connect(NetworkInterface *net) { _net = net; }
    void sendObservation(const VitalsFrame &f);

private:
    NetworkInterface *_net = nullptr;
    uint32_t _messageId = 0;
};
