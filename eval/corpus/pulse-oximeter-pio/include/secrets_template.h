// OxiClip H2 - copy to secrets.h and fill in. secrets.h is listed in .gitignore.
#pragma once

#define SECRET_SSID          "YOUR_WIFI_SSID"
#define SECRET_PASS          "YOUR_WIFI_PASSWORD"   // ok: placeholder
#define SECRET_MQTT_TOKEN    "<device token from the portal>"  // ok: placeholder
