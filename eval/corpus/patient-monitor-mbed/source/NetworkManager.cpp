/*
 * VitalSign PM-12 - Wi-Fi connection manager.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "NetworkManager.h"
#include "mbed-trace/mbed_trace.h"

#define TRACE_GROUP "NET"

nsapi_error_t NetworkManager::connect()
{
    if (_wifi == nullptr) {
        _wifi = WiFiInterface::get_default_instance();
        if (_wifi == nullptr) {
            tr_error("no Wi-Fi interface");
            return NSAPI_ERROR_NO_CONNECTION;
        }
    }
    tr_info("joining %s", MBED_CONF_APP_WIFI_SSID);
    nsapi_error_t err = _wifi->connect(MBED_CONF_APP_WIFI_SSID, MBED_CONF_APP_WIFI_PASSWORD, NSAPI_SECURITY_WPA2);  // ok: macro from mbed_app.json, reported there
    if (err != NSAPI_ERROR_OK) {
        tr_warn("Wi-Fi connect failed: %d", err);
    }
    return err;
}

bool NetworkManager::isConnected() const
{
    return _wifi != nullptr && _wifi->get_connection_status() == NSAPI_STATUS_GLOBAL_UP;
}
