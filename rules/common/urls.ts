// URLs and host addresses inside string values: where a scheme's authority starts and ends, which
// host and port it names, and whether that host is this machine. Linear scans only; the
// flattened text may hold MACRO_MARK where a macro supplies part of the value.

import { MACRO_MARK } from "./string-pieces.ts";

export interface UrlMatch {
  /** The scheme as written, without `://`. */
  readonly scheme: string;
  /** Flat index of the scheme's first character. */
  readonly start: number;
  /** Flat index where the URL ends (whitespace, quote or backslash). */
  readonly end: number;
  /** The host as written (`[::1]` keeps its brackets); empty when the authority names none. */
  readonly host: string;
  /** Whether a macro supplies (part of) the authority. */
  readonly hostFromMacro: boolean;
  /** The explicit port, if any, with its flat index. */
  readonly port?: { readonly text: string; readonly start: number };
  /** `user:pass@`, when present: a secret a report must not print. */
  readonly userinfo?: { readonly start: number; readonly end: number };
}

/** Characters that end an authority (`host:port`). */
const AUTHORITY_STOP = new Set([..." \t\r\n\"'`\\/?#,;()"]);
/** Characters that end a URL inside a larger string. */
const URL_STOP = new Set([..." \t\r\n\"'`\\<>"]);

/**
 * Finds URLs with a scheme matched by `scheme` (a global, case-insensitive regex whose group 1
 * is the scheme, ending at `://`). The caller decides what a match needs before it (`scheme`
 * should refuse a preceding word character so `xhttp://` is not `http://`).
 */
export function findUrls(text: string, scheme: RegExp): UrlMatch[] {
  const out: UrlMatch[] = [];
  scheme.lastIndex = 0;
  for (let match = scheme.exec(text); match; match = scheme.exec(text)) {
    const start = match.index;
    const authorityStart = start + match[0].length;
    let authorityEnd = authorityStart;
    while (authorityEnd < text.length && !AUTHORITY_STOP.has(text[authorityEnd]!)) authorityEnd++;
    let end = authorityEnd;
    while (end < text.length && !URL_STOP.has(text[end]!)) end++;
    const authority = text.slice(authorityStart, authorityEnd);
    const at = authority.lastIndexOf("@");
    const hostStart = at >= 0 ? authorityStart + at + 1 : authorityStart;
    const hostPort = text.slice(hostStart, authorityEnd);
    let host: string;
    let rest: string;
    if (hostPort.startsWith("[")) {
      const close = hostPort.indexOf("]");
      host = close >= 0 ? hostPort.slice(0, close + 1) : hostPort;
      rest = close >= 0 ? hostPort.slice(close + 1) : "";
    } else {
      const colon = hostPort.indexOf(":");
      host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
      rest = colon >= 0 ? hostPort.slice(colon) : "";
    }
    const portMatch = /^:(\d{1,5})$/.exec(rest);
    const portStart = hostStart + host.length + 1;
    out.push({
      scheme: match[1]!,
      start,
      end,
      host,
      hostFromMacro: authority.includes(MACRO_MARK),
      ...(portMatch ? { port: { text: portMatch[1]!, start: portStart } } : {}),
      ...(at >= 0 ? { userinfo: { start: authorityStart, end: authorityStart + at + 1 } } : {}),
    });
    // Continue after the authority so a URL inside a URL's query is still seen.
    scheme.lastIndex = Math.max(authorityStart, authorityEnd);
  }
  return out;
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a host (as in a URL or a bind address, brackets optional) is this machine. */
export function isLoopbackHost(raw: string): boolean {
  const host = raw.toLowerCase().replace(/\.$/, "").replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host.endsWith(".localhost") || host === "ip6-localhost") return true;
  if (IPV4_LOOPBACK.test(host)) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  return host.startsWith("::ffff:") && IPV4_LOOPBACK.test(host.slice(7));
}

/** Whether a host is the unspecified address, used to bind a server on every interface. */
export function isUnspecifiedHost(raw: string): boolean {
  const host = raw.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return host === "0.0.0.0" || host === "::" || host === "0:0:0:0:0:0:0:0";
}

/**
 * Names reserved for documentation and tests (RFC 2606, RFC 6761): `example.com`, `*.example`,
 * `*.test`, `*.invalid`. A URL on one of them is a sample or a test vector, never a deployed endpoint.
 */
export function isReservedExampleHost(raw: string): boolean {
  const host = raw.toLowerCase().replace(/\.$/, "");
  for (const name of ["example.com", "example.net", "example.org", "example", "test", "invalid"]) {
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** `${NAME}`, `$(NAME)` or `{{ name }}` as a whole host, followed by the end, a port or a path. */
const PLACEHOLDER_HOST = /^(?:\$\{[^}\s]*\}|\$\([^)\s]*\)|\{\{[^}]*\}\})(?:$|[:/?#\s"'`\\])/;

/**
 * Whether the URL's whole host is a build or template placeholder (a CI variable, a make
 * variable, a Jinja/Mustache field): the real host is supplied elsewhere, so the literal names
 * no endpoint. `text` is the string the URL was found in.
 */
export function isPlaceholderHost(text: string, url: UrlMatch): boolean {
  const hostStart = url.userinfo ? url.userinfo.end : url.start + url.scheme.length + 3;
  return PLACEHOLDER_HOST.test(text.slice(hostStart, hostStart + 256));
}
