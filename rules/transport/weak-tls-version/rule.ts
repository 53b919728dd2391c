import { defineRule } from "../../../server/src/engine/rule.ts";
import { namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { FixInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { namedCalls, callArguments, enclosingFunction, unwrapExpression } from "../../common/c-calls.ts";
import { declaratorName, stringValue } from "../../common/c-syntax.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import { nameWords } from "../../common/names.ts";
import { listTokens, weakCipher, weakVersion } from "./protocol-tokens.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });
const VERSION_RISK = "these versions have known protocol attacks (BEAST, POODLE, weak MACs), are deprecated by RFC 8996 and let a man in the middle downgrade the connection";
const CIPHER_RISK = "such suites give no encryption, no server authentication or breakable encryption";

function replaceFix(node: SyntaxNode, newText: string): FixInput[] {
  return [{ title: `Use ${newText}`, safety: "unsafe", edits: [{ ...span(node), newText }] }];
}

// ---- C/C++ --------------------------------------------------------------------------------------

/** mbedTLS 2.x ssl.h: minor versions below TLS 1.2 (DTLS: MINOR_2 is DTLS 1.0). */
const MBEDTLS_OLD_MINORS: Readonly<Record<string, string>> = lookupTable({
  MBEDTLS_SSL_MINOR_VERSION_0: "SSL 3.0",
  MBEDTLS_SSL_MINOR_VERSION_1: "TLS 1.0",
  MBEDTLS_SSL_MINOR_VERSION_2: "TLS 1.1",
  "0": "SSL 3.0",
  "1": "TLS 1.0",
  "2": "TLS 1.1",
});

/** mbedtls_ssl_conf_min_version / _max_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, minor) — the mbedTLS 2.x API. */
function checkMbedtlsVersion(ctx: RuleContext, call: SyntaxNode, name: string): void {
  const [, major, minor] = callArguments(call);
  if (!major || !minor) return;
  const majorText = unwrapExpression(major).text;
  if (majorText !== "MBEDTLS_SSL_MAJOR_VERSION_3" && majorText !== "3") return;
  const value = unwrapExpression(minor);
  const label = MBEDTLS_OLD_MINORS[value.text];
  if (!label) return;
  const newText = value.type === "number_literal" ? "3" : "MBEDTLS_SSL_MINOR_VERSION_3";
  const what = name.endsWith("min_version") ? `accepts ${label} and later` : `caps connections at ${label}`;
  ctx.report({ span: span(value), message: `${name}(…, ${value.text}) ${what}: ${VERSION_RISK}`, fixes: replaceFix(value, newText) });
}

/** OpenSSL ssl.h and wolfSSL ssl.h version-specific methods below TLS 1.2, and what the fix writes. */
const OLD_METHOD = /^(wolf)?(SSLv2|SSLv3|TLSv1|TLSv1_1|DTLSv1)_(method|client_method|server_method)(_ex)?$/;

function upgradedMethod(name: string): string | undefined {
  const match = OLD_METHOD.exec(name);
  if (!match) return undefined;
  const [, wolf = "", version, kind, ex = ""] = match;
  return `${wolf}${version === "DTLSv1" ? "DTLSv1_2" : "TLSv1_2"}_${kind}${ex}`;
}

function methodLabel(name: string): string {
  if (/SSLv2/.test(name)) return "SSL 2.0";
  if (/SSLv3/.test(name)) return "SSL 3.0";
  if (/DTLSv1_/.test(name)) return "DTLS 1.0";
  if (/TLSv1_1_/.test(name)) return "TLS 1.1";
  return "TLS 1.0";
}

/** OpenSSL tls1.h / ssl3.h / dtls1.h and wolfSSL ssl.h version constants below TLS 1.2. */
const OLD_VERSION_CONSTANTS: Readonly<Record<string, { label: string; upgraded: string }>> = lookupTable({
  SSL3_VERSION: { label: "SSL 3.0", upgraded: "TLS1_2_VERSION" },
  TLS1_VERSION: { label: "TLS 1.0", upgraded: "TLS1_2_VERSION" },
  TLS1_1_VERSION: { label: "TLS 1.1", upgraded: "TLS1_2_VERSION" },
  DTLS1_VERSION: { label: "DTLS 1.0", upgraded: "DTLS1_2_VERSION" },
  WOLFSSL_SSLV3: { label: "SSL 3.0", upgraded: "WOLFSSL_TLSV1_2" },
  WOLFSSL_TLSV1: { label: "TLS 1.0", upgraded: "WOLFSSL_TLSV1_2" },
  WOLFSSL_TLSV1_1: { label: "TLS 1.1", upgraded: "WOLFSSL_TLSV1_2" },
  WOLFSSL_DTLSV1: { label: "DTLS 1.0", upgraded: "WOLFSSL_DTLSV1_2" },
});

/** Calls taking a protocol version constant, and the index of that argument. */
const VERSION_CALLS: Readonly<Record<string, { arg: number; verb: string }>> = lookupTable({
  SSL_CTX_set_min_proto_version: { arg: 1, verb: "accepts {v} and later" },
  SSL_set_min_proto_version: { arg: 1, verb: "accepts {v} and later" },
  SSL_CTX_set_max_proto_version: { arg: 1, verb: "caps connections at {v}" },
  SSL_set_max_proto_version: { arg: 1, verb: "caps connections at {v}" },
  wolfSSL_CTX_SetMinVersion: { arg: 1, verb: "accepts {v} and later" },
  wolfSSL_SetMinVersion: { arg: 1, verb: "accepts {v} and later" },
  wolfSSL_SetVersion: { arg: 1, verb: "pins the connection to {v}" },
});

function checkVersionConstant(ctx: RuleContext, call: SyntaxNode, name: string, spec: { arg: number; verb: string }): void {
  const arg = callArguments(call)[spec.arg];
  const value = arg ? unwrapExpression(arg) : undefined;
  const old = value ? OLD_VERSION_CONSTANTS[value.text] : undefined;
  if (!value || !old) return;
  ctx.report({ span: span(value), message: `${name}(…, ${value.text}) ${spec.verb.replace("{v}", old.label)}: ${VERSION_RISK}`, fixes: replaceFix(value, old.upgraded) });
}

/** libcurl curl.h: CURLOPT_SSLVERSION values; the `MAX_` ones are or-ed in as an upper bound. */
const CURL_OLD_VERSIONS: Readonly<Record<string, { label: string; upgraded: string; verb: string }>> = lookupTable({
  CURL_SSLVERSION_TLSv1: { label: "TLS 1.0", upgraded: "CURL_SSLVERSION_TLSv1_2", verb: "accepts {v} and later" },
  CURL_SSLVERSION_TLSv1_0: { label: "TLS 1.0", upgraded: "CURL_SSLVERSION_TLSv1_2", verb: "accepts {v} and later" },
  CURL_SSLVERSION_TLSv1_1: { label: "TLS 1.1", upgraded: "CURL_SSLVERSION_TLSv1_2", verb: "accepts {v} and later" },
  CURL_SSLVERSION_SSLv2: { label: "SSL 2.0", upgraded: "CURL_SSLVERSION_TLSv1_2", verb: "asks for {v}" },
  CURL_SSLVERSION_SSLv3: { label: "SSL 3.0", upgraded: "CURL_SSLVERSION_TLSv1_2", verb: "asks for {v}" },
  CURL_SSLVERSION_MAX_TLSv1_0: { label: "TLS 1.0", upgraded: "CURL_SSLVERSION_MAX_DEFAULT", verb: "caps connections at {v}" },
  CURL_SSLVERSION_MAX_TLSv1_1: { label: "TLS 1.1", upgraded: "CURL_SSLVERSION_MAX_DEFAULT", verb: "caps connections at {v}" },
});
const CURL_VERSION_OPTIONS = new Set(["CURLOPT_SSLVERSION", "CURLOPT_PROXY_SSLVERSION"]);
const CURL_CIPHER_OPTIONS = new Set(["CURLOPT_SSL_CIPHER_LIST", "CURLOPT_PROXY_SSL_CIPHER_LIST"]);

/** Identifiers in a small expression (`CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_1`), walked locally. */
function identifiersIn(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  for (let steps = 0; stack.length > 0 && steps < 64; steps++) {
    const current = stack.pop()!;
    if (current.type === "identifier") out.push(current);
    else stack.push(...namedChildrenOf(current).reverse());
  }
  return out;
}

function checkCurl(ctx: RuleContext, call: SyntaxNode): void {
  const [, option, value] = callArguments(call);
  if (!option || !value) return;
  const optionName = unwrapExpression(option).text;
  if (CURL_CIPHER_OPTIONS.has(optionName)) {
    checkCipherLiteral(ctx, value, `curl_easy_setopt(…, ${optionName}, …)`);
    return;
  }
  if (!CURL_VERSION_OPTIONS.has(optionName)) return;
  for (const identifier of identifiersIn(value)) {
    const old = CURL_OLD_VERSIONS[identifier.text];
    if (!old) continue;
    ctx.report({
      span: span(identifier),
      message: `curl_easy_setopt(…, ${optionName}, ${identifier.text}) ${old.verb.replace("{v}", old.label)}: ${VERSION_RISK}`,
      fixes: replaceFix(identifier, old.upgraded),
    });
  }
}

/** Zephyr include/zephyr/net/net_ip.h: TLS protocols of `socket(family, type, proto)`. */
const ZEPHYR_OLD_PROTOCOLS: Readonly<Record<string, { label: string; upgraded: string }>> = lookupTable({
  IPPROTO_TLS_1_0: { label: "TLS 1.0", upgraded: "IPPROTO_TLS_1_2" },
  IPPROTO_TLS_1_1: { label: "TLS 1.1", upgraded: "IPPROTO_TLS_1_2" },
  IPPROTO_DTLS_1_0: { label: "DTLS 1.0", upgraded: "IPPROTO_DTLS_1_2" },
});

function checkZephyrSocket(ctx: RuleContext, call: SyntaxNode, name: string): void {
  const protocol = callArguments(call)[2];
  const value = protocol ? unwrapExpression(protocol) : undefined;
  const old = value ? ZEPHYR_OLD_PROTOCOLS[value.text] : undefined;
  if (!value || !old) return;
  ctx.report({ span: span(value), message: `${name}(…, ${value.text}) opens a ${old.label} socket: ${VERSION_RISK}`, fixes: replaceFix(value, old.upgraded) });
}

/** A string literal holding a cipher list: report each weak entry. */
function checkCipherLiteral(ctx: RuleContext, node: SyntaxNode, where: string): void {
  const literal = unwrapExpression(node);
  const value = stringValue(literal);
  if (!value || value.hasMacro) return;
  const weak = listTokens(value.value).map((t) => weakCipher(t.text)).filter((w): w is string => w !== undefined);
  if (weak.length === 0) return;
  ctx.report({ span: span(literal), message: `${where} enables ${[...new Set(weak)].join(", ")} cipher suites: ${CIPHER_RISK}` });
}

/** libmosquitto mosquitto.h: mosquitto_tls_opts_set(mosq, cert_reqs, tls_version, ciphers). */
function checkMosquittoClient(ctx: RuleContext, call: SyntaxNode): void {
  const [, , version, ciphers] = callArguments(call);
  const literal = version ? unwrapExpression(version) : undefined;
  const value = literal ? stringValue(literal) : undefined;
  const old = value && !value.hasMacro ? weakVersion(value.value) : undefined;
  if (literal && value && old) {
    const content = value.parts[0]!.content;
    const fixes: FixInput[] = old.upgraded && value.parts.length === 1 ? [{ title: `Use "${old.upgraded}"`, safety: "unsafe", edits: [{ ...content, newText: old.upgraded }] }] : [];
    ctx.report({ span: span(literal), message: `mosquitto_tls_opts_set(…, "${value.value}", …) allows ${old.label}: ${VERSION_RISK}`, fixes });
  }
  if (ciphers) checkCipherLiteral(ctx, ciphers, "mosquitto_tls_opts_set(…, ciphers)");
}

/** OpenSSL / wolfSSL cipher list setters: (ctx, "list"). */
const CIPHER_LIST_CALLS = new Set(["SSL_CTX_set_cipher_list", "SSL_set_cipher_list", "wolfSSL_CTX_set_cipher_list", "wolfSSL_set_cipher_list"]);

/** mbedTLS ciphersuites.h: suites without encryption, with RC4, or with (3)DES. */
const MBEDTLS_WEAK_SUITE = /^MBEDTLS_TLS_\w*_WITH_(NULL|RC4_128|DES_CBC|3DES_EDE_CBC)_/;
const MBEDTLS_SUITE_CALLS = new Set(["mbedtls_ssl_conf_ciphersuites", "mbedtls_ssl_conf_ciphersuites_for_version"]);

/** `mbedtls_ssl_conf_ciphersuites(&conf, suites)`: the `static const int suites[] = { … }` of this file. */
function checkMbedtlsSuites(ctx: RuleContext, call: SyntaxNode, name: string, reported: Set<string>): void {
  const list = callArguments(call)[1];
  const array = list ? unwrapExpression(list) : undefined;
  if (array?.type !== "identifier" || reported.has(array.text)) return;
  for (const declarator of ctx.nodes(["init_declarator"])) {
    const initializer = declarator.childForFieldName("value");
    if (initializer?.type !== "initializer_list" || declaratorName(declarator.childForFieldName("declarator"))?.text !== array.text) continue;
    reported.add(array.text);
    for (const element of namedChildrenOf(initializer)) {
      const weak = element.type === "identifier" ? MBEDTLS_WEAK_SUITE.exec(element.text) : null;
      if (!weak) continue;
      const what = weak[1] === "NULL" ? "no encryption" : weak[1] === "RC4_128" ? "RC4" : weak[1] === "DES_CBC" ? "DES" : "3DES";
      ctx.report({
        span: span(element),
        message: `${element.text} in ${array.text} (passed to ${name}) uses ${what}: ${CIPHER_RISK}`,
        related: [{ span: span(call), message: `${array.text} configures the TLS context here` }],
      });
    }
  }
}

/** OpenSSL ssl.h `SSL_CTX_set_security_level(ctx, level)` / `SSL_set_security_level(s, level)`. */
const SECURITY_LEVEL_CALLS = new Set(["SSL_CTX_set_security_level", "SSL_set_security_level"]);

/** Level 0: "Everything is permitted" (SSL_CTX_set_security_level(3)), the old versions and weak suites included. */
function checkSecurityLevel(ctx: RuleContext, call: SyntaxNode, name: string): void {
  const level = callArguments(call)[1];
  const value = level ? unwrapExpression(level) : undefined;
  if (value?.type !== "number_literal" || !/^0[uUlL]*$/.test(value.text)) return;
  ctx.report({ span: span(value), message: `${name}(…, 0) permits every protocol version, cipher suite and key size: ${CIPHER_RISK}` });
}

function checkC(ctx: RuleContext): void {
  const suitesSeen = new Set<string>();
  for (const { call, name } of namedCalls(ctx)) {
    if (!name) continue;
    if (name === "mbedtls_ssl_conf_min_version" || name === "mbedtls_ssl_conf_max_version") checkMbedtlsVersion(ctx, call, name);
    else if (VERSION_CALLS[name]) checkVersionConstant(ctx, call, name, VERSION_CALLS[name]!);
    else if (name === "curl_easy_setopt") checkCurl(ctx, call);
    else if (name === "socket" || name === "zsock_socket") checkZephyrSocket(ctx, call, name);
    else if (name === "mosquitto_tls_opts_set") checkMosquittoClient(ctx, call);
    else if (SECURITY_LEVEL_CALLS.has(name)) checkSecurityLevel(ctx, call, name);
    else if (CIPHER_LIST_CALLS.has(name)) {
      const list = callArguments(call)[1];
      if (list) checkCipherLiteral(ctx, list, `${name}()`);
    } else if (MBEDTLS_SUITE_CALLS.has(name)) checkMbedtlsSuites(ctx, call, name, suitesSeen);
    else {
      const upgraded = upgradedMethod(name);
      if (!upgraded || callArguments(call).length > 0 && !name.endsWith("_ex")) continue;
      // The libraries' own wrappers (`TLSv1_client_method() { return TLSv1_method(); }`) are not a choice.
      const outer = enclosingFunction(ctx, call);
      const outerName = outer ? declaratorName(outer.childForFieldName("declarator"))?.text : undefined;
      if (outerName && upgradedMethod(outerName)) continue;
      const callee = call.childForFieldName("function")!;
      const fn = callee.type === "qualified_identifier" ? callee.childForFieldName("name") ?? callee : callee;
      ctx.report({ span: span(fn), message: `${name}() speaks only ${methodLabel(name)}: ${VERSION_RISK}`, fixes: replaceFix(fn, upgraded) });
    }
  }
}

// ---- Configs ------------------------------------------------------------------------------------

/**
 * Kconfig symbols that build support for protocols below TLS 1.2: ESP-IDF up to v4.4
 * (components/mbedtls/Kconfig, mapped in port/include/mbedtls/esp_config.h) and Zephyr before 4.0
 * (modules/mbedtls, removed per the 4.0 migration guide).
 */
const OLD_PROTOCOL_SYMBOLS: Readonly<Record<string, string>> = lookupTable({
  MBEDTLS_SSL_PROTO_SSL3: "SSL 3.0",
  MBEDTLS_SSL_PROTO_TLS1: "TLS 1.0",
  MBEDTLS_SSL_PROTO_TLS1_1: "TLS 1.1",
  MBEDTLS_TLS_VERSION_1_0: "TLS 1.0",
  MBEDTLS_TLS_VERSION_1_1: "TLS 1.1",
});

function checkKconfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    const label = OLD_PROTOCOL_SYMBOLS[kconfigSymbolOf(entry.key)?.symbol ?? ""];
    if (!label || switchValue(entry) !== true) continue;
    ctx.report({
      span: entrySpan(entry),
      message: `${entry.key}=y builds mbedTLS with ${label} support, which peers can negotiate unless every context raises its minimum: ${VERSION_RISK}`,
      fixes: [{ title: `Turn ${entry.key} off`, safety: "unsafe", edits: [kconfigOffEdit(ctx.file.path, entry)] }],
    });
  }
}

const TLS_WORDS = new Set(["tls", "ssl", "dtls"]);
const VERSION_WORDS = new Set(["version", "versions", "protocol", "protocols", "proto"]);
const BOUND_WORDS = new Set(["min", "max", "minimum", "maximum"]);
const CIPHER_WORDS = new Set(["cipher", "ciphers", "ciphersuite", "ciphersuites"]);
/** Cipher keys that are TLS vocabulary on their own (mosquitto `ciphers`, `bridge_ciphers`). */
const TLS_CIPHER_KEYS = new Set(["ciphers", "bridge_ciphers", "cipher_list", "cipher_suites", "ciphersuites"]);

/** Words a TLS version or cipher key may be made of; anything else (`library_version`, `openssl_version`) is another setting. */
const QUALIFIER_WORDS = new Set(["bridge", "allowed", "supported", "enabled", "accepted", "list", "suites", "suite"]);

function onlySettingWords(words: readonly string[]): boolean {
  return words.every((w) => TLS_WORDS.has(w) || VERSION_WORDS.has(w) || BOUND_WORDS.has(w) || CIPHER_WORDS.has(w) || QUALIFIER_WORDS.has(w));
}

function inTlsContext(entry: ConfigEntry, words: readonly string[]): boolean {
  return words.some((w) => TLS_WORDS.has(w)) || nameWords(entry.path.at(-2) ?? "").some((w) => TLS_WORDS.has(w));
}

/** `tls_version`, `min_tls_version`, `ssl_protocols`, `tls_min`, `tls: { min_version: … }`, mosquitto `bridge_tls_version`. */
function isVersionKey(entry: ConfigEntry): boolean {
  const words = nameWords(entry.key);
  const last = words.at(-1);
  if (!last || !onlySettingWords(words)) return false;
  const versionLike = VERSION_WORDS.has(last) || (BOUND_WORDS.has(last) && words.length <= 2);
  return versionLike && inTlsContext(entry, words);
}

function isCipherKey(entry: ConfigEntry): boolean {
  const words = nameWords(entry.key);
  if (!words.some((w) => CIPHER_WORDS.has(w)) || !onlySettingWords(words)) return false;
  return TLS_CIPHER_KEYS.has(entry.key.toLowerCase()) || inTlsContext(entry, words);
}

function checkVersionEntry(ctx: RuleContext, entry: ConfigEntry): void {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  const tokens = listTokens(raw);
  const weak = tokens.map((t) => ({ token: t, version: weakVersion(t.text) })).filter((t) => t.version !== undefined);
  if (weak.length === 0) return;
  const labels = [...new Set(weak.map((w) => w.version!.label))].join(", ");
  const only = tokens.length === 1 && weak[0]!.version!.upgraded !== undefined ? weak[0]! : undefined;
  const fixes: FixInput[] = only
    ? [{ title: `Use ${only.version!.upgraded}`, safety: "unsafe", edits: [{ start: entry.contentSpan.start + only.token.offset, end: entry.contentSpan.start + only.token.offset + only.token.text.length, newText: only.version!.upgraded! }] }]
    : [];
  ctx.report({ span: entrySpan(entry), message: `${entry.path.join(".")} allows ${labels}: ${VERSION_RISK}`, fixes });
}

function checkCipherEntry(ctx: RuleContext, entry: ConfigEntry): void {
  const weak = listTokens(entry.value).map((t) => weakCipher(t.text)).filter((w): w is string => w !== undefined);
  if (weak.length === 0) return;
  ctx.report({ span: entrySpan(entry), message: `${entry.path.join(".")} enables ${[...new Set(weak)].join(", ")} cipher suites: ${CIPHER_RISK}` });
}

function checkConfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    if (entry.kind === "unset" || entry.kind === "null" || entry.kind === "boolean") continue;
    if (isVersionKey(entry)) checkVersionEntry(ctx, entry);
    else if (isCipherKey(entry)) checkCipherEntry(ctx, entry);
  }
}

export default defineRule({
  id: "weak-tls-version",
  family: "transport",
  severity: "warning",
  title: "TLS below 1.2 or weak cipher suites allowed",
  message: "TLS configured to allow SSL, TLS 1.0/1.1 or weak cipher suites; a man in the middle can downgrade or break the connection",
  cwe: ["CWE-327", "CWE-326"],
  standards: { owaspIot: ["I7", "I5"], iec62443: ["CR 4.3", "CR 3.1", "CR 4.1"], fda: ["Cryptography", "Confidentiality"] },
  languages: ["c", "cpp", "kconfig", "keyvalue", "ini", "yaml", "toml", "json"],
  fixable: "unsafe",
  // Every pattern names TLS/SSL in an identifier, a Kconfig symbol or a config key, or a cipher list.
  triggers: ["tls", "ssl", "cipher"],
  docs,
  check(ctx) {
    const language = ctx.file.language;
    if (language === "c" || language === "cpp") checkC(ctx);
    else if (language === "kconfig") checkKconfig(ctx);
    else checkConfig(ctx);
  },
});
