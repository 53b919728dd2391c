// Names a private key from its first bytes, so a finding can say "2048-bit RSA private key" or
// "EC P-256 private key" without printing any of it. Reads only the few DER or OpenSSH headers that
// carry the algorithm, curve and modulus size (PKCS#1, SEC1, PKCS#8, OpenSSL DSA, encrypted
// PKCS#8, openssh-key-v1); anything it cannot read falls back to what the PEM label says.

import { lookupTable } from "../../common/lookup-table.ts";

export interface KeyKind {
  /** `RSA`, `EC P-256`, `Ed25519`, `DSA`, … or undefined when unknown. */
  readonly algorithm?: string;
  readonly bits?: number;
  /** Protected by a passphrase (encrypted PKCS#8, `Proc-Type: 4,ENCRYPTED`, an OpenSSH cipher). */
  readonly encrypted: boolean;
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;

/** Decodes base64 (no separators), stopping at padding or the first foreign character. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (BASE64_VALUES[code] ?? -1) : -1;
    if (value < 0) break;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

// --- DER ---------------------------------------------------------------------------------------

interface Tlv {
  readonly tag: number;
  /** Offset of the content. */
  readonly start: number;
  readonly length: number;
  /** Offset after the content; may lie beyond the bytes at hand when only a head was decoded. */
  readonly end: number;
}

function readTlv(bytes: Uint8Array, at: number): Tlv | undefined {
  if (at + 2 > bytes.length) return undefined;
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  return { tag, start, length, end: start + length };
}

/** The TLVs directly inside a constructed value, as far as the bytes at hand reach. */
function children(bytes: Uint8Array, parent: Tlv, max = 8): Tlv[] {
  const out: Tlv[] = [];
  let at = parent.start;
  while (out.length < max && at < Math.min(parent.end, bytes.length)) {
    const tlv = readTlv(bytes, at);
    if (!tlv || tlv.end > parent.end) break;
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const OID = 0x06;

function hex(bytes: Uint8Array, tlv: Tlv): string {
  let out = "";
  for (let i = tlv.start; i < Math.min(tlv.end, bytes.length); i++) out += bytes[i]!.toString(16).padStart(2, "0");
  return out;
}

/** Bit length of an unsigned INTEGER from its header and first non-zero byte. */
function integerBits(bytes: Uint8Array, tlv: Tlv): number | undefined {
  let i = tlv.start;
  while (i < tlv.end && i < bytes.length && bytes[i] === 0) i++;
  if (i >= bytes.length) return undefined;
  if (i >= tlv.end) return 0;
  return (tlv.end - i) * 8 - Math.clz32(bytes[i]!) + 24;
}

function smallInteger(bytes: Uint8Array, tlv: Tlv | undefined): number | undefined {
  if (!tlv || tlv.tag !== INTEGER || tlv.length !== 1 || tlv.start >= bytes.length) return undefined;
  return bytes[tlv.start];
}

const CURVES: Readonly<Record<string, string>> = lookupTable({
  "2a8648ce3d030107": "EC P-256",
  "2b81040022": "EC P-384",
  "2b81040023": "EC P-521",
  "2b8104000a": "EC secp256k1",
  "2a8648ce3d030101": "EC P-192",
  "2b81040021": "EC P-224",
  "2b2403030208010107": "EC brainpoolP256r1",
  "2b240303020801010b": "EC brainpoolP384r1",
  "2b240303020801010d": "EC brainpoolP512r1",
});

const RSA_OIDS = new Set(["2a864886f70d010101", "2a864886f70d01010a"]);
const EC_PUBLIC_KEY = "2a8648ce3d0201";
const DSA_OID = "2a8648ce380401";
const EDWARDS: Readonly<Record<string, string>> = lookupTable({ "2b6570": "Ed25519", "2b6571": "Ed448", "2b656e": "X25519", "2b656f": "X448" });
/** PKCS#5 (PBES1/PBES2) and PKCS#12 PBE algorithm arcs: an EncryptedPrivateKeyInfo. */
const PBE_PREFIXES = ["2a864886f70d0105", "2a864886f70d010c01"];

/** PKCS#1 RSAPrivateKey: SEQUENCE { version, n, e, d, p, q, … }. */
function pkcs1(bytes: Uint8Array, items: Tlv[]): KeyKind | undefined {
  const [version, n, e] = items;
  if ((smallInteger(bytes, version) ?? 9) > 1 || n?.tag !== INTEGER || n.length < 64) return undefined;
  // DSA in OpenSSL's format (version, p, q, g, y, x) has the same head; e is short, q is not.
  if (e && (e.tag !== INTEGER || e.length > 16)) return undefined;
  const bits = integerBits(bytes, n);
  return { algorithm: "RSA", ...(bits ? { bits } : {}), encrypted: false };
}

/** OpenSSL's DSA private key: SEQUENCE { 0, p, q, g, y, x }. */
function dsa(bytes: Uint8Array, items: Tlv[]): KeyKind | undefined {
  const [version, p, q] = items;
  if (smallInteger(bytes, version) !== 0 || p?.tag !== INTEGER || p.length < 64) return undefined;
  if (q && (q.tag !== INTEGER || q.length < 20 || q.length > 33)) return undefined;
  const bits = integerBits(bytes, p);
  return { algorithm: "DSA", ...(bits ? { bits } : {}), encrypted: false };
}

/** SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OID, [1] public key }. */
function sec1(bytes: Uint8Array, items: Tlv[]): KeyKind | undefined {
  const [version, secret, params] = items;
  if (smallInteger(bytes, version) !== 1 || secret?.tag !== OCTET_STRING || secret.length < 16 || secret.length > 72) return undefined;
  if (params && params.tag !== 0xa0 && params.tag !== 0xa1) return undefined;
  const oid = params?.tag === 0xa0 ? children(bytes, params, 1)[0] : undefined;
  const curve = oid?.tag === OID ? CURVES[hex(bytes, oid)] : undefined;
  return curve ? { algorithm: curve, encrypted: false } : { algorithm: "EC", bits: secret.length * 8, encrypted: false };
}

/** PKCS#8 PrivateKeyInfo / OneAsymmetricKey: SEQUENCE { 0|1, AlgorithmIdentifier, OCTET STRING key }. */
function pkcs8(bytes: Uint8Array, items: Tlv[]): KeyKind | undefined {
  const [version, algorithm, key] = items;
  if ((smallInteger(bytes, version) ?? 9) > 1 || algorithm?.tag !== SEQUENCE || (key && key.tag !== OCTET_STRING)) return undefined;
  const [oid, params] = children(bytes, algorithm, 2);
  if (oid?.tag !== OID) return undefined;
  const id = hex(bytes, oid);
  if (RSA_OIDS.has(id)) {
    const inner = key ? readTlv(bytes, key.start) : undefined;
    const rsa = inner?.tag === SEQUENCE ? pkcs1(bytes, children(bytes, inner, 3)) : undefined;
    return rsa ?? { algorithm: "RSA", encrypted: false };
  }
  if (id === EC_PUBLIC_KEY) {
    const curve = params?.tag === OID ? CURVES[hex(bytes, params)] : undefined;
    return { algorithm: curve ?? "EC", encrypted: false };
  }
  if (id === DSA_OID) {
    const p = params?.tag === SEQUENCE ? children(bytes, params, 1)[0] : undefined;
    const bits = p?.tag === INTEGER ? integerBits(bytes, p) : undefined;
    return { algorithm: "DSA", ...(bits ? { bits } : {}), encrypted: false };
  }
  const edwards = EDWARDS[id];
  if (edwards) return { algorithm: edwards, encrypted: false };
  return { encrypted: false };
}

/** PKCS#8 EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier (a PBE scheme), OCTET STRING }. */
function encryptedPkcs8(bytes: Uint8Array, items: Tlv[]): KeyKind | undefined {
  const [algorithm, data] = items;
  if (algorithm?.tag !== SEQUENCE || (data && data.tag !== OCTET_STRING)) return undefined;
  const oid = children(bytes, algorithm, 1)[0];
  if (oid?.tag !== OID) return undefined;
  const id = hex(bytes, oid);
  return PBE_PREFIXES.some((prefix) => id.startsWith(prefix)) ? { encrypted: true } : undefined;
}

export type DerFormat = "pkcs1" | "sec1" | "pkcs8" | "dsa" | "encrypted-pkcs8";

/** Reads a DER private key of the given format; undefined when the bytes do not have its shape. */
export function readDerKey(bytes: Uint8Array, format: DerFormat): KeyKind | undefined {
  const seq = readTlv(bytes, 0);
  if (seq?.tag !== SEQUENCE) return undefined;
  const items = children(bytes, seq, 3);
  switch (format) {
    case "pkcs1":
      return pkcs1(bytes, items);
    case "dsa":
      return dsa(bytes, items);
    case "sec1":
      return sec1(bytes, items);
    case "pkcs8":
      return pkcs8(bytes, items);
    case "encrypted-pkcs8":
      return encryptedPkcs8(bytes, items);
  }
}

/**
 * A whole DER blob (a C byte array) that is a private key in any of the formats, or undefined.
 * The outer SEQUENCE must span the blob exactly (a trailing NUL allowed), so certificates,
 * public keys and arbitrary tables do not qualify: their shapes differ from the first element on.
 */
export function derPrivateKey(bytes: Uint8Array): KeyKind | undefined {
  const seq = readTlv(bytes, 0);
  if (seq?.tag !== SEQUENCE || (seq.end !== bytes.length && !(seq.end === bytes.length - 1 && bytes[bytes.length - 1] === 0))) return undefined;
  const items = children(bytes, seq, 3);
  if (items.length < 2) return undefined;
  // Order matters: SEC1 needs version 1; PKCS#8 an AlgorithmIdentifier; PKCS#1 and DSA two big integers.
  return readDerKey(bytes, "sec1") ?? readDerKey(bytes, "pkcs8") ?? readDerKey(bytes, "pkcs1") ?? readDerKey(bytes, "dsa") ?? readDerKey(bytes, "encrypted-pkcs8");
}

// --- OpenSSH -----------------------------------------------------------------------------------

const OPENSSH_MAGIC = "openssh-key-v1\u0000";

function sshString(bytes: Uint8Array, at: number): { start: number; end: number } | undefined {
  if (at + 4 > bytes.length) return undefined;
  const length = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
  const start = at + 4;
  return { start, end: start + length };
}

function ascii(bytes: Uint8Array, span: { start: number; end: number }): string | undefined {
  if (span.end > bytes.length || span.end - span.start > 64) return undefined;
  let out = "";
  for (let i = span.start; i < span.end; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

const SSH_KEY_TYPES: Readonly<Record<string, string>> = lookupTable({
  "ssh-ed25519": "Ed25519",
  "ssh-dss": "DSA",
  "ecdsa-sha2-nistp256": "EC P-256",
  "ecdsa-sha2-nistp384": "EC P-384",
  "ecdsa-sha2-nistp521": "EC P-521",
  "sk-ssh-ed25519@openssh.com": "Ed25519 (FIDO)",
  "sk-ecdsa-sha2-nistp256@openssh.com": "EC P-256 (FIDO)",
});

/** `openssh-key-v1`: magic, cipher, kdf, kdf options, key count, public key blob (type, then e and n for RSA). */
function openssh(bytes: Uint8Array): KeyKind | undefined {
  for (let i = 0; i < OPENSSH_MAGIC.length; i++) if (bytes[i] !== OPENSSH_MAGIC.charCodeAt(i)) return undefined;
  const cipher = sshString(bytes, OPENSSH_MAGIC.length);
  const cipherName = cipher ? ascii(bytes, cipher) : undefined;
  if (!cipher || cipherName === undefined) return undefined;
  const encrypted = cipherName !== "none";
  const kdf = sshString(bytes, cipher.end);
  const kdfOptions = kdf ? sshString(bytes, kdf.end) : undefined;
  const publicBlob = kdfOptions ? sshString(bytes, kdfOptions.end + 4) : undefined;
  const type = publicBlob ? sshString(bytes, publicBlob.start) : undefined;
  const typeName = type ? ascii(bytes, type) : undefined;
  if (!type || !typeName) return { encrypted };
  if (typeName === "ssh-rsa") {
    const e = sshString(bytes, type.end);
    const n = e ? sshString(bytes, e.end) : undefined;
    const bits = n ? integerBits(bytes, { tag: INTEGER, start: n.start, length: n.end - n.start, end: n.end }) : undefined;
    return { algorithm: "RSA", ...(bits ? { bits } : {}), encrypted };
  }
  const algorithm = SSH_KEY_TYPES[typeName];
  return { ...(algorithm ? { algorithm } : {}), encrypted };
}

// --- PEM labels --------------------------------------------------------------------------------

/** What a PEM private key block holds, from its label, headers and the first decoded bytes. */
export function pemKeyKind(label: string, base64Head: string, encryptedHeader: boolean): KeyKind {
  const bytes = decodeBase64(base64Head);
  switch (label) {
    case "RSA PRIVATE KEY":
      return encryptedHeader ? { algorithm: "RSA", encrypted: true } : (readDerKey(bytes, "pkcs1") ?? { algorithm: "RSA", encrypted: false });
    case "EC PRIVATE KEY":
      return encryptedHeader ? { algorithm: "EC", encrypted: true } : (readDerKey(bytes, "sec1") ?? { algorithm: "EC", encrypted: false });
    case "DSA PRIVATE KEY":
      return encryptedHeader ? { algorithm: "DSA", encrypted: true } : (readDerKey(bytes, "dsa") ?? { algorithm: "DSA", encrypted: false });
    case "PRIVATE KEY":
      return readDerKey(bytes, "pkcs8") ?? { encrypted: false };
    case "ENCRYPTED PRIVATE KEY":
      return { encrypted: true };
    case "OPENSSH PRIVATE KEY":
      return openssh(bytes) ?? { encrypted: false };
    case "PGP PRIVATE KEY BLOCK":
      return { algorithm: "OpenPGP", encrypted: encryptedHeader };
    default:
      return { encrypted: encryptedHeader };
  }
}

/** `2048-bit RSA private key`, `EC P-256 private key`, `private key`. */
export function describeKey(kind: KeyKind): string {
  const size = kind.bits && kind.algorithm && !/\d/.test(kind.algorithm) ? `${kind.bits}-bit ` : "";
  return `${size}${kind.algorithm ? `${kind.algorithm} ` : ""}private key`;
}
