// Finds PEM private key blocks (`-----BEGIN … PRIVATE KEY-----` + base64 body) in a text, in one
// linear pass. Works on decoded text (a `.pem` file, a C string value) and, in `quoted` mode, on
// config source as written, where body lines sit inside quotes and `\n` escapes (JSON, TOML,
// Kconfig values) or YAML block scalars. No regular expressions run over the text.

import type { Span } from "../../../server/src/engine/types.ts";

export interface PemBlock {
  /** Offset of `-----BEGIN`. */
  readonly start: number;
  /** After the closing `-----END …-----`, or after the last body character when there is no END line. */
  readonly end: number;
  /** `RSA PRIVATE KEY`, `PRIVATE KEY`, `OPENSSH PRIVATE KEY` … */
  readonly label: string;
  /** The key body: first to last base64 or header character between the BEGIN and END lines. */
  readonly body: Span;
  /** The first base64 characters of the body (enough to classify the key), separators removed. */
  readonly base64Head: string;
  /** Base64 characters in the whole body. */
  readonly base64Length: number;
  /** Distinct base64 characters in the body: a run of `AAAA…` is a placeholder, not a key. */
  readonly distinct: number;
  /** A legacy OpenSSL `Proc-Type: 4,ENCRYPTED` header. */
  readonly encryptedHeader: boolean;
  readonly hasEnd: boolean;
}

export interface ScanOptions {
  /** Skip quotes, commas and `\n` / `\r` / `\t` escapes between body characters: PEM as written in config source. */
  readonly quoted?: boolean;
}

const BEGIN = "-----BEGIN ";
const END = "-----END";
const DASHES = "-----";
const MAX_LABEL = 48;
const HEADER_NAMES = new Set(["Proc-Type", "DEK-Info", "Version", "Comment", "Hash", "Charset", "MessageID"]);
/** 192 decoded bytes: enough for the algorithm, curve or modulus header of every supported format. */
export const BASE64_HEAD_CHARS = 256;

function isBase64(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47 || code === 61;
}

function isLabelChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 32;
}

function isHeaderNameChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Labels of private keys: `PRIVATE KEY` with any qualifier (`RSA`, `EC`, `ENCRYPTED`, `OPENSSH` …), and PGP secret key blocks. */
export function isPrivateKeyLabel(label: string): boolean {
  return label === "PRIVATE KEY" || label.endsWith(" PRIVATE KEY") || label === "PGP PRIVATE KEY BLOCK";
}

/** Reads `LABEL-----` at `at`; returns the label and the offset after the dashes. */
function readLabel(text: string, at: number, to: number): { label: string; next: number } | undefined {
  let i = at;
  while (i < to && i - at <= MAX_LABEL && isLabelChar(text.charCodeAt(i))) i++;
  if (i === at || !text.startsWith(DASHES, i)) return undefined;
  return { label: text.slice(at, i).trim(), next: i + DASHES.length };
}

interface BodyScan {
  readonly body: Span;
  readonly end: number;
  readonly base64Head: string;
  readonly base64Length: number;
  readonly distinct: number;
  readonly encryptedHeader: boolean;
  readonly hasEnd: boolean;
}

/** Scans a block body from `from`: base64, separators and `Name: value` header lines, up to `-----END` or the first foreign character. */
function scanBody(text: string, from: number, to: number, quoted: boolean): BodyScan {
  const seen = new Uint8Array(128);
  let distinct = 0;
  let head = "";
  let length = 0;
  let first = -1;
  let last = from;
  let lineStart = true;
  let encryptedHeader = false;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      if (code === 10 || code === 13) lineStart = true;
      i++;
      continue;
    }
    if (quoted) {
      if (code === 34 || code === 39 || code === 44) {
        // `"` `'` `,`: one quoted line ends, the next begins (JSON arrays of lines, TOML strings).
        lineStart = true;
        i++;
        continue;
      }
      if (code === 92) {
        const next = text.charCodeAt(i + 1);
        if (next === 110 || next === 114 || next === 116) {
          lineStart = lineStart || next !== 116;
          i += 2;
          continue;
        }
      }
    }
    // JSON may escape `/` as `\/`; it is still the base64 character `/`.
    const escapedSlash = quoted && code === 92 && text.charCodeAt(i + 1) === 47;
    const char = escapedSlash ? 47 : code;
    if (code === 45 && text.startsWith(END, i)) {
      const label = readLabel(text, i + END.length + 1, to);
      const end = label ? label.next : i + END.length;
      return { body: { start: first < 0 ? from : first, end: last }, end, base64Head: head, base64Length: length, distinct, encryptedHeader, hasEnd: true };
    }
    if (lineStart && length === 0 && isHeaderNameChar(code)) {
      // RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) and PGP armor headers, before any base64.
      let j = i;
      while (j < to && j - i < 32 && isHeaderNameChar(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 58 && HEADER_NAMES.has(text.slice(i, j))) {
        let k = j + 1;
        while (k < to) {
          const c = text.charCodeAt(k);
          if (c === 10 || c === 13 || (quoted && (c === 34 || (c === 92 && text.charCodeAt(k + 1) === 110)))) break;
          k++;
        }
        const name = text.slice(i, j);
        if (name === "Proc-Type" && text.slice(j + 1, k).includes("ENCRYPTED")) encryptedHeader = true;
        if (first < 0) first = i;
        last = k;
        i = k;
        continue;
      }
    }
    if (!isBase64(char)) break;
    if (first < 0) first = i;
    if (head.length < BASE64_HEAD_CHARS) head += String.fromCharCode(char);
    if (seen[char] === 0) {
      seen[char] = 1;
      distinct++;
    }
    length++;
    lineStart = false;
    i += escapedSlash ? 2 : 1;
    last = i;
  }
  return { body: { start: first < 0 ? from : first, end: last }, end: last, base64Head: head, base64Length: length, distinct, encryptedHeader, hasEnd: false };
}

/** Every PEM block labelled as a private key in `text[from, to)`, in document order. */
export function privateKeyBlocks(text: string, options: ScanOptions = {}, from = 0, to = text.length): PemBlock[] {
  const blocks: PemBlock[] = [];
  let at = text.indexOf(BEGIN, from);
  while (at >= 0 && at < to) {
    const header = readLabel(text, at + BEGIN.length, to);
    if (!header) {
      at = text.indexOf(BEGIN, at + BEGIN.length);
      continue;
    }
    if (!isPrivateKeyLabel(header.label)) {
      at = text.indexOf(BEGIN, header.next);
      continue;
    }
    const scan = scanBody(text, header.next, to, options.quoted === true);
    blocks.push({ start: at, label: header.label, ...scan });
    at = text.indexOf(BEGIN, Math.max(scan.end, header.next));
  }
  return blocks;
}

/** Whether a block carries a key rather than a header alone, an ellipsis or a filler placeholder. */
export function hasKeyBody(block: PemBlock): boolean {
  return block.base64Length >= 48 && block.distinct >= 16;
}
