import { describe, expect, it } from "vitest";
import { judgeSecretValue } from "../../../rules/common/value-gate.ts";
import { nameWords, secretName } from "../../../rules/common/names.ts";

describe("value gate", () => {
  const notSecret: [string, string?][] = [
    [""], ["   "], ["YOUR_WIFI_PASSWORD"], ["your-token-here"], ["<wifi password>"], ["${WIFI_PSK}"], ["$(MQTT_PASS)"], ["{{ api_token }}"],
    ["[WILL BE PROVIDED]"], ["xxxx"], ["********"], ["changeme-in-production"], ["password=%s"], ["%08x"], ["Enter password:"],
    ["Wrong password, try again"], ["Wi-Fi password"], ["https://auth.example.net/token"], ["/etc/mqtt/passwd"], ["certs/client.key"],
    ["wifi_pass"], ["mqtt.password"], ["TODO"], ["placeholder"], ["x"], ["${{ secrets.BENCH_WIFI_PASSWORD }}"],
  ];
  for (const [value] of notSecret) {
    it(`${JSON.stringify(value)} is not a secret`, () => {
      expect(judgeSecretValue(value).secret).toBe(false);
    });
  }
  it("a value repeating its binding's name is a key name", () => {
    expect(judgeSecretValue("WIFI_PASSWORD", { name: "WIFI_PASSWORD" }).secret).toBe(false);
  });
  it("a secret word under a storage key's name is the slot's name, not the default password", () => {
    expect(judgeSecretValue("pass", { name: "PREF_KEY_PASS" }).secret).toBe(false);
    expect(judgeSecretValue("password", { name: "NVS_KEY_WIFI_PASSWORD" }).secret).toBe(false);
    expect(judgeSecretValue("password", { name: "client_key_password" })).toEqual({ secret: true, defaultCredential: true });
    expect(judgeSecretValue("pass", { name: "WIFI_PASS" })).toEqual({ secret: true, defaultCredential: true });
  });
  it("an environment variable's name bound to an env name is not a secret", () => {
    expect(judgeSecretValue("WARDLINK_API_TOKEN", { name: "ENV_API_TOKEN" }).secret).toBe(false);
    expect(judgeSecretValue("WARDLINK_API_TOKEN", { name: "API_TOKEN" }).secret).toBe(true);
    expect(judgeSecretValue("Zt7#pq-LL90", { name: "ENV_API_TOKEN" }).secret).toBe(true);
  });

  const defaults = ["admin", "root", "1234", "12345678", "password", "Password", "0000", "mypassword"];
  for (const value of defaults) {
    it(`${value} is a default credential`, () => {
      expect(judgeSecretValue(value)).toEqual({ secret: true, defaultCredential: true });
    });
  }
  for (const value of ["Tr0ub4dor&3", "k9TQ2v7xLm0pRw3z", "pump fleet 2024", "hunter2-clinic"]) {
    it(`${value} is a secret`, () => {
      expect(judgeSecretValue(value)).toEqual({ secret: true, defaultCredential: false });
    });
  }
});

describe("secret names", () => {
  it("splits identifiers into words", () => {
    expect(nameWords("clientcredentialWIFI_PASSWORD")).toEqual(["clientcredential", "wifi", "password"]);
    expect(nameWords("apiKey")).toEqual(["api", "key"]);
    expect(nameWords("MQTTBrokerPass")).toEqual(["mqtt", "broker", "pass"]);
    expect(nameWords("CONFIG_EXAMPLE_WIFI_PASSWORD")).toEqual(["config", "example", "wifi", "password"]);
  });
  for (const name of ["WIFI_PASS", "wifiPassword", "mqtt_pwd", "api_key", "apiKey", "AUTH_TOKEN", "client_secret", "wpa_psk", "clientcredentialWIFIPASSWORD", "service_pin_code", "PRIVATE_KEY", "passphrase", "WIFI_SSID_PASSWORD", "ENV_API_TOKEN", "PSK", "PSK_KEY", "COAP_DTLS_PSK_DEFAULT_KEY", "CLIENT_PSK_IDENTITY_0_KEY"]) {
    it(`${name} names a secret`, () => {
      expect(secretName(name)).toBeDefined();
    });
  }
  for (const name of ["PASSWORD_MAX_LEN", "WIFI_PASSWORD_KEY", "token_url", "password_file", "bypass", "compass_heading", "passenger", "pin", "LED_PIN", "password_hint", "is_password_set", "public_key", "secret_len", "passwordPrompt", "tokenizer", "WL_TOKEN_ENV", "HEMO_PASSWORD_ENV", "SECRET_SSID", "SECRET_WIFI_SSID", "PSK_ID", "PSK_DEFAULT_IDENTITY", "psk_hint", "PSK_OPTIONS", "PSK_CIPHERS", "NVS_PSK_KEY", "PSK_KEY_NAME", "PASSWD_ALGO", "PASSWORD_SHOW_MS", "PASSCODE_ITERATIONS", "PASSCODE_DISCRIMINATOR"]) {
    it(`${name} does not`, () => {
      expect(secretName(name)).toBeUndefined();
    });
  }
});

describe("values that stand for a secret", () => {
  for (const [value, name] of [
    ["MYPASS", "WIFI_PASSWORD"], ["CHANGE_ME_TOKEN", "API_TOKEN"], ["AUTHTOKEN", "MQTT_AUTH_TOKEN"], ["ROUTER_PASSWD", "MESH_ROUTER_PASSWD"],
    ["password_${IDF_TARGET}_${CI_PIPELINE_ID}", "WIFI_PASSWORD"], ["pw-$(date +%s)", "password"], ["\\033[32;1mPASSED -", "bashPass"],
    ["true", "token"], ["off", "pass"], ["credentials.secretAccessKey", "SECRET_ACCESS_KEY"],
  ] as const) {
    it(`${value} under ${name} is not a secret`, () => {
      expect(judgeSecretValue(value, { name }).secret).toBe(false);
    });
  }
  it("an all-caps value that says more than its name stays a secret", () => {
    expect(judgeSecretValue("TEST_PASS", { name: "DEFAULT_PWD" }).secret).toBe(true);
  });
});
