/* VitalSign PM-12 - Wi-Fi connection manager. SPDX-License-Identifier: LicenseRef-VitalSign */
#pragma once
#include "mbed.h"

class NetworkManager {
public:
    nsapi_error_t connect();
    bool isConnected() const;
    NetworkInterface *interface() { return _wifi; }

private:
    WiFiInterface *_wifi = nullptr;
};
