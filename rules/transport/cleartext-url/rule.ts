import { defineRule } from "../../../server/src/engine/rule.ts";
import type { FixInput, RuleContext, TextEdit } from "../../../server/src/engine/types.ts";
import { enclosingCall } from "../../common/c-calls.ts";
import { nameWords } from "../../common/names.ts";
import { stringSources, type FlatText, type StringSource } from "../../common/string-pieces.ts";
import { baseName } from "../../../grammars/registry.ts";
import { findUrls, isLoopbackHost, isPlaceholderHost, isReservedExampleHost, isUnspecifiedHost, type UrlMatch } from "../../common/urls.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

/** Cleartext schemes; the look-behind keeps `xhttp://`, `git+http://` and identifiers out. */
const CLEARTEXT_SCHEME = /(?<![A-Za-z0-9+._-])(http|mqtt|ws|ftp|telnet|coap(?:\+tcp|\+ws)?):\/\//gi;

interface SchemeInfo {
  readonly secure?: string;
  /** Cleartext default port → TLS default port, when the URL spells the default out. */
  readonly ports?: readonly [string, string];
}

const SCHEMES: Readonly<Record<string, SchemeInfo>> = lookupTable({
  http: { secure: "https", ports: ["80", "443"] },
  ws: { secure: "wss", ports: ["80", "443"] },
  mqtt: { secure: "mqtts", ports: ["1883", "8883"] },
  coap: { secure: "coaps", ports: ["5683", "5684"] },
  "coap+tcp": { secure: "coaps+tcp", ports: ["5683", "5684"] },
  "coap+ws": { secure: "coaps+ws", ports: ["80", "443"] },
  ftp: { secure: "ftps" },
  telnet: {},
});

/** Hosts whose URLs name things (XML namespaces, schema ids) rather than endpoints. */
const IDENTIFIER_HOSTS = new Set(["w3.org", "www.w3.org", "json-schema.org", "purl.org", "xmlns.com", "ns.adobe.com", "schema.org", "www.schema.org", "docs.oasis-open.org"]);

/** Config keys (any level of the path) whose URLs are metadata, identifiers or documentation. */
const METADATA_KEYS = new Set([
  "$schema", "$id", "$ref", "@context", "@id", "@type", "xmlns", "namespace", "targetnamespace", "schemalocation",
  "homepage", "documentation", "docs", "license", "licence", "repository", "bugs", "issues", "author", "authors",
  "maintainer", "maintainers", "website", "funding", "changelog",
  // OpenAPI documentation links: `externalDocs.url`, `info.termsOfService`, `info.contact.url`.
  "externaldocs", "termsofservice", "contact",
]);

/** Top-level keys of a package or board manifest that hold the vendor's or project's web page. */
const MANIFEST_LINK_KEYS = new Set(["url", "homepage", "vendor", "website", "repository", "bugs", "docs", "documentation"]);
/** Package manifests by file name: PlatformIO/npm-style `library.json`, `package.json`, Arduino `library.properties`. */
const MANIFEST_FILES = new Set(["library.json", "package.json", "library.properties", "module.json"]);

/**
 * Whether the file is a package or board manifest, whose top-level URLs are metadata: a manifest
 * by name, or a PlatformIO board definition (`boards/<id>.json` with `name` and `build` or `frameworks`).
 */
function isManifest(ctx: RuleContext): boolean {
  const path = ctx.file.path;
  const name = baseName(path).toLowerCase();
  if (MANIFEST_FILES.has(name)) return true;
  if (ctx.file.language !== "json" || !/(?:^|\/)boards\/[^/]+\.json$/i.test(path)) return false;
  const top = new Set(ctx.entries().map((e) => e.path[0]?.toLowerCase()));
  return top.has("name") && (top.has("build") || top.has("frameworks"));
}

/** Calls whose string arguments are compared, searched or parsed, never connected to. */
const COMPARE_CALLS = new Set([
  "strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp", "strstr", "strcasestr", "strnstr", "sscanf",
  "startsWith", "endsWith", "starts_with", "ends_with", "indexOf", "find", "rfind", "compare", "equals", "equalsIgnoreCase",
]);

/** Calls whose string arguments are log lines or console text. */
const LOG_CALLS = /^(?:ESP_(?:EARLY_|DRAM_)?LOG[EWIDV]|LOG_(?:ERR|WRN|WARN|INF|INFO|DBG|OUTPUT)_?|printf|printk|puts|fprintf|syslog|print|println|log_[ewidv])$/;

/** `href="`, `src='`, `action=` right before a URL in a string that holds HTML markup: a link the device serves. */
const HTML_LINK_ATTRIBUTE = /(?:href|src|action)\s*=\s*\\?["']?$/i;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9]*[\s>\/]/;
/** An HTTP `Server:` / `User-Agent:` header or a `Product/1.2 (` agent string before the URL: a banner, not an endpoint. */
const BANNER_HEADERS = ["server:", "user-agent:", "x-powered-by:"];

function isBannerBefore(before: string): boolean {
  // The current line of the string: after the last real or escaped newline.
  const escaped = before.lastIndexOf("\\n");
  const lineStart = Math.max(before.lastIndexOf("\n") + 1, escaped >= 0 ? escaped + 2 : 0);
  const line = before.slice(lineStart);
  const lower = line.toLowerCase();
  if (BANNER_HEADERS.some((header) => lower.startsWith(header)) && !line.includes("\\")) return true;
  // `Product/1.2 (` right before the URL: an agent string.
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1]!)) end--;
  if (line[end - 1] !== "(") return false;
  end--;
  while (end > 0 && /\s/.test(line[end - 1]!)) end--;
  let start = end;
  while (start > 0 && /[\d.a-z]/i.test(line[start - 1]!) && line[start - 1] !== "/") start--;
  const version = line.slice(start, end);
  if (line[start - 1] !== "/" || !/^\d/.test(version)) return false;
  let nameStart = start - 1;
  while (nameStart > 0 && /[\w.-]/.test(line[nameStart - 1]!)) nameStart--;
  return nameStart < start - 1 && /[A-Za-z]/.test(line[nameStart]!);
}

/** `xmlns="`, `xmlns:x='`, `xsi:schemaLocation="` right before a URL: a namespace, not an endpoint. */
const NAMESPACE_ATTRIBUTE = /(?:xmlns(?::[\w.-]+)?|[Ss]chema[Ll]ocation|targetNamespace)\s*=\s*\\?["']?$/;
/**
 * The word right before the URL when whitespace (and at most one punctuation mark) separates
 * them: prose (`"See http://…"`, `"Connecting to http://%s"`). Scanned backwards, no regex.
 */
function proseWordBefore(before: string): string | undefined {
  let end = before.length;
  while (end > 0 && /\s/.test(before[end - 1]!)) end--;
  if (end === before.length) return undefined;
  if (end > 0 && ",.:;!?".includes(before[end - 1]!)) end--;
  let start = end;
  while (start > 0 && /[A-Za-z]/.test(before[start - 1]!)) start--;
  return end - start >= 2 ? before.slice(start, end) : undefined;
}
/** Words before a URL that make it a command or request, not prose: `"wget http://…"`, `"GET http://… HTTP/1.1"`. */
const COMMAND_WORDS = new Set(["curl", "wget", "get", "post", "put", "patch", "delete", "head", "fetch", "download", "connect", "url", "uri", "endpoint", "server", "host", "broker", "proxy"]);

function isIdentifierHost(host: string): boolean {
  const lower = host.toLowerCase();
  return IDENTIFIER_HOSTS.has(lower) || lower.startsWith("schemas.");
}

/** A key (or its last dotted segment, as in Mynewt's `pkg.homepage`) that names metadata. */
function isMetadataKey(part: string): boolean {
  const last = part.slice(part.lastIndexOf(".") + 1);
  return [part, last].some((key) => METADATA_KEYS.has(key.toLowerCase()) || METADATA_KEYS.has(nameWords(key).join("")));
}

function skippedBySource(source: StringSource, manifest: () => boolean): boolean {
  if (source.kind === "config") {
    const path = source.entry.path;
    if (path.some(isMetadataKey)) return true;
    return path.length === 1 && MANIFEST_LINK_KEYS.has(path[0]!.toLowerCase()) && manifest();
  }
  if (source.kind === "c-string") {
    const call = enclosingCall(source.node);
    if (call?.name && (COMPARE_CALLS.has(call.name) || LOG_CALLS.test(call.name))) return true;
  }
  return false;
}

function skippedByText(flat: FlatText, url: UrlMatch): boolean {
  // No host: a bare scheme prefix (`strncmp(url, "http://", 7)`), or `http:///path`.
  // A scheme-prefix table entry (`"http://www."`, URL-shortening encoders) names no host either.
  if ((url.host === "" || url.host.toLowerCase() === "www.") && !url.hostFromMacro) return true;
  if (isPlaceholderHost(flat.text, url)) return true;
  if (!url.hostFromMacro && (isLoopbackHost(url.host) || isUnspecifiedHost(url.host) || isIdentifierHost(url.host) || isReservedExampleHost(url.host))) return true;
  const before = flat.text.slice(Math.max(0, url.start - 64), url.start);
  if (NAMESPACE_ATTRIBUTE.test(before)) return true;
  if (HTML_LINK_ATTRIBUTE.test(before) && HTML_TAG.test(flat.text)) return true;
  if (isBannerBefore(before)) return true;
  const doctype = flat.text.lastIndexOf("<!DOCTYPE", url.start);
  if (doctype >= 0) {
    const close = flat.text.indexOf(">", doctype);
    if (close < 0 || close > url.start) return true;
  }
  const word = proseWordBefore(before);
  return word !== undefined && !COMMAND_WORDS.has(word.toLowerCase());
}

function withCase(original: string, replacement: string): string {
  return original === original.toUpperCase() && original !== original.toLowerCase() ? replacement.toUpperCase() : replacement;
}

function fixFor(flat: FlatText, url: UrlMatch): FixInput | undefined {
  const info = SCHEMES[url.scheme.toLowerCase()];
  const schemeStart = flat.sourceOffset(url.start);
  if (!info?.secure || schemeStart === undefined) return undefined;
  const secure = withCase(url.scheme, info.secure);
  const edits: TextEdit[] = [{ start: schemeStart, end: schemeStart + url.scheme.length, newText: secure }];
  let title = `Use ${secure}://`;
  if (info.ports && url.port?.text === info.ports[0]) {
    const portStart = flat.sourceOffset(url.port.start);
    const sameLiteral = flat.pieceEnd(url.start) >= url.port.start + url.port.text.length;
    if (portStart !== undefined && sameLiteral) {
      edits.push({ start: portStart, end: portStart + url.port.text.length, newText: info.ports[1] });
      title += ` on port ${info.ports[1]}`;
    }
  }
  return { title, safety: "unsafe", edits };
}

function describeHost(url: UrlMatch): string {
  if (url.hostFromMacro) return "a macro-supplied host";
  if (/^(?:%|\$\{|\{\{|<)/.test(url.host)) return "a host filled in at run time";
  const host = url.host.length > 60 ? `${url.host.slice(0, 57)}…` : url.host;
  return host;
}

function check(ctx: RuleContext): void {
  let manifest: boolean | undefined;
  const isManifestFile = (): boolean => (manifest ??= isManifest(ctx));
  for (const source of stringSources(ctx)) {
    const { flat } = source;
    if (!/:\/\//.test(flat.text)) continue;
    if (skippedBySource(source, isManifestFile)) continue;
    for (const url of findUrls(flat.text, CLEARTEXT_SCHEME)) {
      if (skippedByText(flat, url)) continue;
      const start = flat.sourceOffset(url.start);
      if (start === undefined) continue;
      const end = start + (Math.min(url.end, flat.pieceEnd(url.start)) - url.start);
      const scheme = url.scheme.toLowerCase();
      const fix = fixFor(flat, url);
      const userinfoStart = url.userinfo ? flat.sourceOffset(url.userinfo.start) : undefined;
      ctx.report({
        span: { start, end },
        message: `Cleartext ${scheme}:// endpoint (${describeHost(url)}); traffic can be read and altered on the network`,
        ...(url.userinfo && userinfoStart !== undefined ? { secret: { start: userinfoStart, end: userinfoStart + (url.userinfo.end - url.userinfo.start) } } : {}),
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  }
}

export default defineRule({
  id: "cleartext-url",
  family: "transport",
  severity: "warning",
  title: "Cleartext URL endpoint",
  message: "Cleartext endpoint URL (http://, mqtt://, ws://, coap://, ftp://, telnet://); traffic can be read and altered on the network",
  cwe: ["CWE-319"],
  standards: { owaspIot: ["I7"], iec62443: ["CR 4.1", "CR 3.1"], fda: ["Confidentiality", "Integrity"] },
  languages: ["c", "cpp", "kconfig", "kconfig-def", "json", "yaml", "toml", "ini", "keyvalue", "devicetree"],
  triggers: ["://"],
  fixable: "unsafe",
  docs,
  check,
});
