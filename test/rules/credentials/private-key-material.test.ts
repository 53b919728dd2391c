// Unit checks of private-key-material's readers: key naming from DER/OpenSSH headers, secret-key
// names, macro byte lists, and linear time on hostile input. Fixture behaviour is covered by the
// generic fixture test.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hasKeyBody, privateKeyBlocks } from "../../../rules/credentials/private-key-material/pem-blocks.ts";
import { decodeBase64, derPrivateKey, describeKey, pemKeyKind } from "../../../rules/credentials/private-key-material/key-kind.ts";
import { integerLiteral, macroValues, secretKeyKind } from "../../../rules/credentials/private-key-material/c-key-bytes.ts";
import { REPO_ROOT } from "../../support/fixtures.ts";

const FIXTURES = join(REPO_ROOT, "rules", "credentials", "private-key-material", "fixtures");

function describeFile(name: string): string[] {
  return privateKeyBlocks(readFileSync(join(FIXTURES, name), "utf8"))
    .filter(hasKeyBody)
    .map((b) => {
      const kind = pemKeyKind(b.label, b.base64Head, b.encryptedHeader);
      return `${kind.encrypted ? "encrypted " : ""}${describeKey(kind)}`;
    });
}

describe("private-key-material: key kinds", () => {
  it("names PEM keys from their headers", () => {
    expect(describeFile("ota-signing.key")).toEqual(["2048-bit RSA private key"]);
    expect(describeFile("device-identity.pem")).toEqual(["EC P-256 private key"]);
    expect(describeFile("gateway-client.pem")).toEqual(["encrypted RSA private key", "encrypted private key"]);
    expect(describeFile("broker-ca.crt")).toEqual([]);
    expect(describeFile("update-verify.pem")).toEqual([]);
  });

  it("reads DER byte arrays and rejects other structures", () => {
    const body = (name: string) => {
      const text = readFileSync(join(FIXTURES, name), "utf8");
      const block = privateKeyBlocks(text)[0]!;
      return decodeBase64(text.slice(block.body.start, block.body.end).replace(/\s+/g, ""));
    };
    expect(describeKey(derPrivateKey(body("ota-signing.key"))!)).toBe("2048-bit RSA private key");
    expect(describeKey(derPrivateKey(body("device-identity.pem"))!)).toBe("EC P-256 private key");
    // A truncated key is not a whole DER blob.
    expect(derPrivateKey(body("ota-signing.key").subarray(0, 200))).toBeUndefined();
    // SEQUENCE { SEQUENCE { … } }: a certificate or a public key, not a private key.
    expect(derPrivateKey(Uint8Array.from([0x30, 0x06, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03]))).toBeUndefined();
  });
});

describe("private-key-material: names and values", () => {
  it.each([
    ["aes_key", "AES key"], ["AES_KEY", "AES key"], ["hmacKey", "HMAC key"], ["LORAWAN_APP_KEY", "LoRaWAN key"],
    ["NwkSKey", "LoRaWAN key"], ["APPKEY", "secret key"], ["device_key", "secret key"], ["net_key", "secret key"],
    ["wifi_psk", "pre-shared key"], ["ble_ltk", "BLE long-term key"], ["privkey", "secret key"],
  ])("%s is a secret key name", (name, kind) => {
    expect(secretKeyKind(name)).toBe(kind);
  });

  it.each(["key", "pub_key", "publicKey", "keymap", "keyMap", "key_code", "hotkey", "board_key", "aes_key_len", "device_key_id", "psk_identity", "aes_iv", "ca_cert_der", "monkey"])(
    "%s is not",
    (name) => {
      expect(secretKeyKind(name)).toBeUndefined();
    },
  );

  it("reads macro byte lists in the usual spellings", () => {
    expect(macroValues("{ 0x2B, 0x7E, 0x15, 0x16 }")).toEqual([0x2b, 0x7e, 0x15, 0x16]);
    expect(macroValues("2B,7E,15,16")).toEqual([0x2b, 0x7e, 0x15, 0x16]);
    expect(macroValues("{ 0x2B, 0x7E, \\\n  0x15, 0x16, } /* root key */")).toEqual([0x2b, 0x7e, 0x15, 0x16]);
    expect(macroValues("{ KEY0, KEY1 }")).toBeUndefined();
    expect(macroValues("(16)")).toBeUndefined();
    expect(integerLiteral("0xFFu")).toBe(255);
    expect(integerLiteral("1.5")).toBeUndefined();
  });
});

describe("private-key-material: linear scanning", () => {
  it.each([
    ["BEGIN markers", "-----BEGIN ".repeat(200_000)],
    ["private key headers", "-----BEGIN PRIVATE KEY-----".repeat(100_000)],
    ["header names", "-----BEGIN PRIVATE KEY-----\n" + "Proc-Type".repeat(200_000)],
    ["header lines", ("-----BEGIN PRIVATE KEY-----\n" + "Proc-Type: 4,ENCRYPTED\n").repeat(50_000)],
  ])("stays fast on %s", (_, text) => {
    const started = performance.now();
    for (const quoted of [false, true]) privateKeyBlocks(text, { quoted });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("needs a body: a header alone, an ellipsis or a filler is no key", () => {
    const check = (text: string) => privateKeyBlocks(text).filter(hasKeyBody).length;
    expect(check("-----BEGIN PRIVATE KEY-----")).toBe(0);
    expect(check("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----")).toBe(0);
    expect(check(`-----BEGIN PRIVATE KEY-----\n${"A".repeat(64)}\n-----END PRIVATE KEY-----`)).toBe(0);
  });
});
