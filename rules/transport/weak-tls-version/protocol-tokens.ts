// Reading protocol versions and cipher names as configs and APIs spell them: `tlsv1.1` (mosquitto),
// `TLSv1 TLSv1.1 TLSv1.2` (nginx-style lists), `"1.0"` under a `tls` key, `TLS1_1`, `tls11`,
// `SSLv3`; and OpenSSL/IANA cipher names (`DES-CBC3-SHA`, `TLS_RSA_WITH_NULL_SHA256`, `!aNULL`).

export interface WeakVersion {
  /** How to name it in a message: `TLS 1.0`, `SSL 3.0`, `DTLS 1.0`. */
  readonly label: string;
  /** The same token asking for version 1.2, in the author's spelling; undefined when there is none (SSL). */
  readonly upgraded: string | undefined;
}

// Families spelled before the number, separators normalised to `.`: `tlsv1.1`, `tls.1.0`, `sslv3`, `1.0`.
const VERSION = /^(ssl|tls|dtls)?\.?v?(\d)(?:\.?(\d))?$/;

/**
 * A token naming a protocol version below TLS 1.2 (or any SSL version), else undefined. Bare numbers
 * (`1.0`) count only where the caller knows the value is a TLS version; excluded entries of lists
 * (`-TLSv1`, `!SSLv3`) are not versions that are allowed.
 */
export function weakVersion(raw: string): WeakVersion | undefined {
  const token = raw.trim().replace(/^["']|["']$/g, "");
  if (token === "" || token.startsWith("-") || token.startsWith("!")) return undefined;
  const plain = token.replace(/^\+/, "");
  const match = VERSION.exec(plain.toLowerCase().replace(/[-_ ]/g, "."));
  if (!match) return undefined;
  const family = match[1];
  const major = Number(match[2]);
  const minor = match[3] === undefined ? undefined : Number(match[3]);
  // `SSLv23` is OpenSSL's "any version" method, not SSL 2.
  if (family === "ssl") return (major === 2 || major === 3) && (minor === undefined || minor === 0) ? { label: `SSL ${major}.0`, upgraded: undefined } : undefined;
  if (major !== 1) return undefined;
  // Bare numbers only as `1.0` / `1_1`: a bare `1` or `10` is too ambiguous (an index, a switch).
  if (family === undefined && !/^1[._]\d$/.test(plain)) return undefined;
  const effectiveMinor = minor ?? 0;
  if (family === "dtls" ? effectiveMinor !== 0 : effectiveMinor >= 2) return undefined;
  const label = `${family === "dtls" ? "DTLS" : "TLS"} 1.${effectiveMinor}`;
  // Keep the author's spelling: replace the last digit, or append `.2` to `tlsv1`.
  const upgraded = minor === undefined ? `${plain}.2` : plain.replace(/\d(?=\D*$)/, "2");
  return { label, upgraded: token.startsWith("+") ? undefined : upgraded };
}

/** OpenSSL keywords and name parts that enable ciphers without encryption, authentication or real strength. */
const WEAK_CIPHER_PARTS = new Set(["NULL", "ENULL", "ANULL", "ANON", "ADH", "AECDH", "RC4", "RC2", "DES", "3DES", "EXPORT", "EXPORT40", "EXPORT56", "LOW", "COMPLEMENTOFALL"]);

/** Whether one entry of a cipher list turns a weak cipher on (`RC4-SHA`, `eNULL`, `TLS_RSA_WITH_3DES_EDE_CBC_SHA`). */
export function weakCipher(raw: string): string | undefined {
  const token = raw.trim().replace(/^["']|["']$/g, "");
  // `!x` and `-x` remove ciphers, `+x` only reorders those already in the list.
  if (token === "" || /^[!+-]/.test(token)) return undefined;
  // OpenSSL `@SECLEVEL=0`: security level 0, where "everything is permitted" (SSL_CTX_set_security_level(3)):
  // export, NULL and RC4 suites, MD5 MACs, any key size, SSL 3.0 and TLS 1.0/1.1.
  if (/^@SECLEVEL=0$/i.test(token)) return "@SECLEVEL=0 (all)";
  for (const part of token.toUpperCase().split(/[-_]/)) {
    if (WEAK_CIPHER_PARTS.has(part) || /^EXP\d*$/.test(part)) return part === "ENULL" || part === "ANULL" ? token : part;
  }
  return undefined;
}

/** Entries of a list value: `TLSv1 TLSv1.1`, `HIGH:!aNULL`, `a,b`. */
export function listTokens(value: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const separator = /[\s,;:|]+/g;
  let start = 0;
  for (const match of value.matchAll(separator)) {
    if (match.index! > start) out.push({ text: value.slice(start, match.index), offset: start });
    start = match.index! + match[0].length;
  }
  if (start < value.length) out.push({ text: value.slice(start), offset: start });
  return out;
}
