/* NVS namespaces and keys used by the IP-7 firmware. Values live in the encrypted NVS partition. */
#pragma once

#define IP7_NVS_NAMESPACE      "ip7cfg"
#define NVS_KEY_WIFI_SSID      "wifi_ssid"
#define NVS_KEY_WIFI_PASS      "wifi_pass"        // ok: NVS key name, the password itself is stored in NVS
#define NVS_KEY_SERVICE_PWD    "svc_pwd_hash"     // ok: key name of a salted hash
#define WIFI_PASSWORD_KEY      "wpa_psk"          // ok: key name
#define NVS_KEY_DEVICE_CERT    "dev_cert"
#define NVS_KEY_SERIAL         "serial"
#define NVS_KEY_DRUGLIB_VER    "druglib_ver"
