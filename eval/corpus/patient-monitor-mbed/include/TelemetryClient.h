/* VitalSign PM-12 - telemetry to the central monitoring station. SPDX-License-Identifier: LicenseRef-VitalSign */
#pragma once
#include "mbed.h"
#include "VitalsAcquisition.h"

class TelemetryClient {
public:
    nsapi_error_t connect(NetworkInterface *net);
    void publish(const VitalsFrame &f);

private:
    TLSSocket _socket;
    bool _connected = false;
    char _topic[48];
    nsapi_error_t mqttConnect();
};
