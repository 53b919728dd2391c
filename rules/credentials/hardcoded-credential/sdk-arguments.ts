// Arguments of SDK calls that take a secret by position, so a literal passed there is a credential
// whatever the surrounding names say: the passphrase of Arduino `WiFi.begin`, the password of
// `mosquitto_username_pw_set`, libcurl's credential options, mbedTLS private-key passwords.
// Argument orders were checked against the SDK headers (see README, References).

import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import { callArguments, enclosingCall, unwrapExpression } from "../../common/c-calls.ts";
import { lookupTable } from "../../common/lookup-table.ts";

export interface SecretArgument {
  /** How messages name the argument: `the passphrase argument of WiFi.begin()`. */
  readonly name: string;
  /** The parameter's own name, for the value gate. */
  readonly parameter: string;
  /** `after-colon`: only what follows the first `:` is secret (`CURLOPT_USERPWD` takes `user:password;options`). */
  readonly part: "whole" | "after-colon";
}

/** Arduino WiFi (arduino-esp32 `WiFiSTA.h`/`WiFiAP.h`, ESP8266, WiFiNINA/WiFi101): methods of the global `WiFi` object. */
function wifiArgument(method: string, args: readonly SyntaxNode[], index: number): SecretArgument | undefined {
  const keyIndexFirst = args[1] !== undefined && unwrapExpression(args[1]).type === "number_literal";
  switch (method) {
    case "begin":
      // `begin(ssid, passphrase, …)`, or WEP `begin(ssid, key_idx, key)` (WiFiNINA, WiFi101).
      if (keyIndexFirst) return index === 2 ? { name: "the WEP key argument of WiFi.begin()", parameter: "key", part: "whole" } : undefined;
      return index === 1 ? { name: "the passphrase argument of WiFi.begin()", parameter: "passphrase", part: "whole" } : undefined;
    case "softAP":
      return index === 1 ? { name: "the passphrase argument of WiFi.softAP()", parameter: "passphrase", part: "whole" } : undefined;
    case "beginAP":
      return index === 1 && !keyIndexFirst ? { name: "the passphrase argument of WiFi.beginAP()", parameter: "passphrase", part: "whole" } : undefined;
    default:
      return undefined;
  }
}

/** libcurl `curl_easy_setopt` options (include/curl/curl.h) whose string value is a credential. */
const CURL_SECRET_OPTIONS: Readonly<Record<string, Omit<SecretArgument, "name">>> = lookupTable({
  CURLOPT_USERPWD: { parameter: "password", part: "after-colon" },
  CURLOPT_PROXYUSERPWD: { parameter: "password", part: "after-colon" },
  CURLOPT_PASSWORD: { parameter: "password", part: "whole" },
  CURLOPT_PROXYPASSWORD: { parameter: "password", part: "whole" },
  CURLOPT_KEYPASSWD: { parameter: "passphrase", part: "whole" },
  CURLOPT_SSLKEYPASSWD: { parameter: "passphrase", part: "whole" },
  CURLOPT_SSLCERTPASSWD: { parameter: "passphrase", part: "whole" },
  CURLOPT_PROXY_KEYPASSWD: { parameter: "passphrase", part: "whole" },
  CURLOPT_TLSAUTH_PASSWORD: { parameter: "password", part: "whole" },
  CURLOPT_XOAUTH2_BEARER: { parameter: "token", part: "whole" },
});

/** Plain C functions and the index of their secret parameter. */
const FUNCTION_ARGUMENTS: Readonly<Record<string, { index: number; parameter: string }>> = lookupTable({
  // libmosquitto mosquitto.h: (mosq, username, password); the username alone is not a secret.
  mosquitto_username_pw_set: { index: 2, parameter: "password" },
  // mbedTLS pk.h: (ctx, key, keylen, pwd, pwdlen[, f_rng, p_rng]) and (ctx, path, password[, …]).
  mbedtls_pk_parse_key: { index: 3, parameter: "pwd" },
  mbedtls_pk_parse_keyfile: { index: 2, parameter: "password" },
});

/** The secret parameter a value is passed as, if it is an argument of a known SDK call. */
export function secretArgument(value: SyntaxNode): SecretArgument | undefined {
  const site = enclosingCall(value);
  if (!site || site.index < 0 || !site.name) return undefined;
  const { call, name, index } = site;
  const fn = call.childForFieldName("function");
  if (fn?.type === "field_expression") {
    if (name === "addAP") {
      // WiFiMulti / ESP8266WiFiMulti `addAP(ssid, passphrase)`, whatever the object is called.
      return index === 1 ? { name: "the passphrase argument of addAP()", parameter: "passphrase", part: "whole" } : undefined;
    }
    const object = fn.childForFieldName("argument");
    if (object?.type === "identifier" && object.text === "ArduinoOTA" && name === "setPassword") {
      // ArduinoOTA (arduino-esp32, ESP8266): `setPassword(const char *password)`, the espota upload
      // password in clear. `setPasswordHash` takes its MD5 and is not a plaintext password.
      return index === 0 ? { name: "the password argument of ArduinoOTA.setPassword()", parameter: "password", part: "whole" } : undefined;
    }
    return object?.type === "identifier" && object.text === "WiFi" ? wifiArgument(name, callArguments(call), index) : undefined;
  }
  if (name === "curl_easy_setopt") {
    if (index !== 2) return undefined;
    const option = callArguments(call)[1];
    const spec = option ? CURL_SECRET_OPTIONS[unwrapExpression(option).text] : undefined;
    return spec && option ? { ...spec, name: `the ${unwrapExpression(option).text} value of curl_easy_setopt()` } : undefined;
  }
  const spec = FUNCTION_ARGUMENTS[name];
  return spec && spec.index === index ? { name: `the ${spec.parameter} argument of ${name}()`, parameter: spec.parameter, part: "whole" } : undefined;
}

/** Triggers: words without which no call above can be in a file. */
export const SECRET_ARGUMENT_TRIGGERS = [
  "wifi.begin", "wifi.softap", "wifi.beginap", "addap", "mosquitto_username_pw_set", "curlopt_userpwd", "curlopt_proxyuserpwd",
  "curlopt_password", "curlopt_proxypassword", "passwd", "curlopt_tlsauth_password", "xoauth2_bearer", "mbedtls_pk_parse_key",
  "arduinoota.setpassword",
];
