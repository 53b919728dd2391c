/*
 * VitalSign PM-12 - vitals to the central monitoring station (CMS) over MQTT/TLS.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "TelemetryClient.h"
#include "root_ca_pem.h"
#include "MQTTClientMbedOs.h"
#include "mbed-trace/mbed_trace.h"

#define TRACE_GROUP "TLM"

nsapi_error_t TelemetryClient::connect(NetworkInterface *net)
{
    SocketAddress addr;
    nsapi_error_t err = net->gethostbyname(MBED_CONF_APP_TELEMETRY_HOST, &addr);
    if (err != NSAPI_ERROR_OK) {
        return err;
    }
    addr.set_port(MBED_CONF_APP_TELEMETRY_PORT);

    _socket.open(net);
    err = _socket.set_root_ca_cert(PM12_CMS_ROOT_CA);
    if (err != NSAPI_ERROR_OK) {
        return err;
    }
    _socket.set_hostname(MBED_CONF_APP_TELEMETRY_HOST);
    err = _socket.connect(addr);
    if (err != NSAPI_ERROR_OK) {
        tr_error("TLS connect failed: %d", err);
        _socket.close();
        return err;
    }
    return mqttConnect();
}

nsapi_error_t TelemetryClient::mqttConnect()
{
    static MQTTClient client(&_socket);
    MQTTPacket_connectData data = MQTTPacket_connectData_initializer;
    char clientId[24];
    snprintf(clientId, sizeof(clientId), "pm12-%08lx", (unsigned long)HAL_GetUID0());
    snprintf(_topic, sizeof(_topic), "cms/pm12/%s/vitals", clientId);
    data.MQTTVersion = 4;
    data.clientID.cstring = clientId;
    data.username.cstring = nullptr;
    data.password.cstring = nullptr;  // ok: the CMS authenticates monitors by their TLS session
    _connected = client.connect(data) == 0;
    return _connected ? NSAPI_ERROR_OK : NSAPI_ERROR_AUTH_FAILURE;
}

void TelemetryClient::publish(const VitalsFrame &f)
{
    if (!_connected) {
        return;
    }
    char payload[160];
    int n = snprintf(payload, sizeof(payload),
                     "{\"seq\":%lu,\"hr\":%u,\"spo2\":%u,\"sys\":%u,\"dia\":%u,\"rr\":%u,\"t\":%d}",
                     (unsigned long)f.seq, f.heartRate, f.spo2, f.nibpSys, f.nibpDia, f.respRate, f.tempCx10);
    MQTT::Message msg;
    msg.qos = MQTT::QOS1;
    msg.retained = false;
    msg.dup = false;
    msg.payload = payload;
    msg.payloadlen = n;
    static MQTTClient client(&_socket);
    client.publish(_topic, msg);
}
