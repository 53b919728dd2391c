// Raw key bytes in C/C++: what a name says about the array bound to it (`aes_key`, `LORAWAN_APP_KEY`
// are keys; `pub_key`, `keymap`, `key_code` are not), and the integer values of an initializer
// list, a brace-list macro body or a `"\x2b\x7e…"` string.

import { namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import { decodeCEscapes, type CStringValue } from "../../common/c-syntax.ts";
import { nameWords } from "../../common/names.ts";

/** Words that, next to `key`, say the key is a secret one (`aes_key`, `master_key`, LoRaWAN `AppKey`, Bluetooth Mesh `net_key`). */
const QUALIFIERS = new Set([
  "aes", "aes128", "aes192", "aes256", "gcm", "ccm", "cbc", "ctr", "xts", "chacha", "chacha20", "hmac", "cmac",
  "psk", "secret", "priv", "private", "master", "enc", "encryption", "encrypt", "decrypt", "decryption", "crypt", "crypto",
  "cipher", "sym", "symmetric", "session", "shared", "device", "dev", "root", "ota", "fw", "firmware", "sign", "signing",
  "auth", "wrap", "wrapping", "app", "apps", "nwk", "nwks", "lorawan", "net",
]);

/** Words that name a secret key on their own. */
const KEY_WORDS = new Set(["psk", "secret", "ltk", "irk", "csrk", "kek", "dek"]);

/** Words that make the array something else: a public key, a certificate, an id, a key map, metadata. */
const NOT_SECRET = new Set([
  "public", "pub", "pubkey", "publickey", "cert", "certs", "certificate", "crt", "ca", "id", "ids", "identity", "hint",
  "map", "keymap", "code", "codes", "board", "pad", "keypad", "count", "cnt", "len", "length", "size", "index", "idx",
  "num", "hash", "digest", "fingerprint", "name", "names", "type", "mask", "table", "lut", "iv", "nonce", "salt",
]);

function kindOf(words: readonly string[]): string {
  const has = (test: (w: string) => boolean) => words.some(test);
  if (has((w) => w.startsWith("aes"))) return "AES key";
  if (has((w) => w.startsWith("hmac"))) return "HMAC key";
  if (has((w) => w.startsWith("cmac"))) return "CMAC key";
  if (has((w) => w.startsWith("chacha"))) return "ChaCha20 key";
  if (has((w) => w === "psk")) return "pre-shared key";
  if (has((w) => w === "ltk")) return "BLE long-term key";
  if (has((w) => w === "irk")) return "BLE identity resolving key";
  if (has((w) => w === "csrk")) return "BLE signature key";
  if (has((w) => w === "lorawan" || w === "nwk" || w === "nwks" || w === "apps" || w.startsWith("nwkkey") || w.startsWith("appskey"))) return "LoRaWAN key";
  if (has((w) => w === "kek")) return "key-encryption key";
  return "secret key";
}

/** The kind of secret key a name marks (`AES key`, `secret key` …), or undefined when it marks none. */
export function secretKeyKind(name: string): string | undefined {
  const words = nameWords(name);
  if (words.some((w) => NOT_SECRET.has(w))) return undefined;
  let key = false;
  let qualified = false;
  for (const word of words) {
    if (word === "key" || word === "keys") key = true;
    else if (KEY_WORDS.has(word)) return kindOf(words);
    else if (QUALIFIERS.has(word)) qualified = true;
    else {
      // Run-together names: `APPKEY`, `aeskey`, `privkey`, `NwkKey` spelled `NWKKEY`.
      const stem = word.endsWith("keys") ? word.slice(0, -4) : word.endsWith("key") ? word.slice(0, -3) : undefined;
      if (stem && QUALIFIERS.has(stem)) {
        key = true;
        qualified = true;
      }
    }
  }
  return key && qualified ? kindOf(words) : undefined;
}

/** Value of a C integer literal (`0x2B`, `43u`, `0b1010`, `017`, `1'000`), or undefined. */
export function integerLiteral(text: string): number | undefined {
  let t = text.replace(/'/g, "");
  // Integer suffixes (`u`, `UL`, `ull`, `z`): stripped from the end without a backtracking regex.
  while (t.length > 0 && "uUlLzZ".includes(t[t.length - 1]!)) t = t.slice(0, -1);
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[0-7]*$/.test(t)) return parseInt(t, 8);
  if (/^[1-9][0-9]*$/.test(t)) return parseInt(t, 10);
  return undefined;
}

/** Value of a character literal (`'a'`, `'\x2b'`, `u8'a'`), or undefined. */
export function charLiteral(text: string): number | undefined {
  const open = text.indexOf("'");
  const close = text.lastIndexOf("'");
  if (open < 0 || close <= open) return undefined;
  const value = decodeCEscapes(text.slice(open + 1, close));
  return value.length === 1 ? value.charCodeAt(0) : undefined;
}

function literalValue(node: SyntaxNode): number | undefined {
  if (node.type === "number_literal") return integerLiteral(node.text);
  if (node.type === "char_literal") return charLiteral(node.text);
  return undefined;
}

/** The first element of an initializer list (nested lists entered), skipping comments. */
export function firstElement(list: SyntaxNode): SyntaxNode | undefined {
  // Sibling steps, not `namedChildrenOf`: tables of 100,000 bytes are common and need no listing here.
  let current: SyntaxNode | null = list;
  for (let depth = 0; current?.type === "initializer_list" && depth < 4; depth++) {
    current = current.namedChild(0);
    while (current?.type === "comment") current = current.nextNamedSibling;
  }
  return current ?? undefined;
}

/** Every element of an initializer list, nested lists flattened; undefined if any is not an integer or character literal. */
export function initializerValues(list: SyntaxNode, depth = 0): number[] | undefined {
  const out: number[] = [];
  for (const child of namedChildrenOf(list)) {
    if (child.type === "comment") continue;
    if (child.type === "initializer_list" && depth < 4) {
      const nested = initializerValues(child, depth + 1);
      if (!nested) return undefined;
      for (const v of nested) out.push(v);
      continue;
    }
    const value = literalValue(child);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

/** Removes comments and line continuations from a macro body. */
function macroText(body: string): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    if (body.startsWith("/*", i)) {
      const close = body.indexOf("*/", i + 2);
      i = close < 0 ? body.length : close + 2;
      out += " ";
    } else if (body.startsWith("//", i)) {
      const eol = body.indexOf("\n", i);
      i = eol < 0 ? body.length : eol;
    } else if (body[i] === "\\" && (body[i + 1] === "\n" || (body[i + 1] === "\r" && body[i + 2] === "\n"))) {
      i += body[i + 1] === "\r" ? 3 : 2;
      out += " ";
    } else {
      out += body[i];
      i++;
    }
  }
  return out.trim();
}

/**
 * Values of a macro body that is a list of integer literals: `{ 0x2B, 0x7E, … }`, `0x2B, 0x7E, …`,
 * or LoRaMac-node's bare hex pairs `2B,7E,15,…` (pasted after `0x` by the macro that uses it).
 */
export function macroValues(body: string): number[] | undefined {
  let text = macroText(body);
  if (text.startsWith("{") && text.endsWith("}")) text = text.slice(1, -1);
  if (text.includes("{") || text.includes("}") || !text.includes(",")) return undefined;
  const tokens = text.split(",").map((t) => t.trim());
  if (tokens[tokens.length - 1] === "") tokens.pop();
  if (tokens.every((t) => /^[0-9A-Fa-f]{2}$/.test(t))) return tokens.map((t) => parseInt(t, 16));
  const out: number[] = [];
  for (const token of tokens) {
    const value = token.startsWith("'") || /^(?:u8|u|U|L)'/.test(token) ? charLiteral(token) : integerLiteral(token);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

const HEX_ESCAPES = /^(?:\\x[0-9a-fA-F]{1,2})*$/;

/** Bytes of a string written only as `\x..` escapes (`"\x2b\x7e\x15…"`), or undefined. */
export function escapedBytes(value: CStringValue, text: string): number[] | undefined {
  if (value.hasMacro || value.parts.length === 0) return undefined;
  const out: number[] = [];
  for (const part of value.parts) {
    if (!HEX_ESCAPES.test(text.slice(part.content.start, part.content.end))) return undefined;
    for (let i = 0; i < part.value.length; i++) out.push(part.value.charCodeAt(i));
  }
  return out;
}

/** Bytes per element, from the declared element type, else from the largest value. */
export function elementWidth(typeText: string | undefined, values: readonly number[]): number {
  if (typeText) {
    if (/\b(?:u?int64_t|[us]64|u?int64|word64|long\s+long)\b/.test(typeText)) return 8;
    if (/\b(?:u?int8_t|[us]8|u?int8|word8|byte|BYTE|UCHAR|char)\b/.test(typeText)) return 1;
    if (/\b(?:u?int16_t|[us]16|u?int16|word16|WORD|short)\b/.test(typeText)) return 2;
    if (/\b(?:u?int32_t|[us]32|u?int32|word32|DWORD|int|long|unsigned)\b/.test(typeText)) return 4;
  }
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max <= 0xff ? 1 : max <= 0xffff ? 2 : max <= 0xffffffff ? 4 : 8;
}

/** Whether every value is the same: `{0}`-style buffers and `0xFF` fillers are placeholders. */
export function allEqual(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
