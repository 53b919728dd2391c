// OxiClip H2 - secrets. DO NOT COMMIT (see secrets_template.h).
#pragma once

#define SECRET_SSID          "OxiLab-2G"
#define SECRET_PASS          "Oxi-Lab-5521!"            // expect: hardcoded-credential
#define SECRET_MQTT_TOKEN    "oxc_live_7fK29dLqP0vXw3"  // expect: hardcoded-credential
