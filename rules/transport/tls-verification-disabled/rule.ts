import { defineRule } from "../../../server/src/engine/rule.ts";
import { descendants, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { FixInput, RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { namedCalls, callArguments, calleeName, unwrapExpression } from "../../common/c-calls.ts";
import { latestWrite } from "../../common/c-locals.ts";
import { cIntegerValue, cSettings, cSwitchValue } from "../../common/c-settings.ts";
import { entrySpan, flippedSwitch } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import { nameWords } from "../../common/names.ts";
import { tlsRoles } from "../../common/tls-roles.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });
const IMPERSONATION = "anyone on the network path can impersonate the server";

// ---- C/C++: TLS library calls -------------------------------------------------------------

interface VerifyModeCall {
  /** Index of the mode argument. */
  readonly arg: number;
  /** Insecure constant → the constant the fix writes. */
  readonly none: Readonly<Record<string, string>>;
  /** What the fix writes for a literal `0`. */
  readonly zero: string;
}

const MBEDTLS: VerifyModeCall = { arg: 1, none: lookupTable({ MBEDTLS_SSL_VERIFY_NONE: "MBEDTLS_SSL_VERIFY_REQUIRED" }), zero: "MBEDTLS_SSL_VERIFY_REQUIRED" };
const WOLFSSL: VerifyModeCall = { arg: 1, none: lookupTable({ WOLFSSL_VERIFY_NONE: "WOLFSSL_VERIFY_PEER", SSL_VERIFY_NONE: "SSL_VERIFY_PEER" }), zero: "WOLFSSL_VERIFY_PEER" };
const OPENSSL: VerifyModeCall = { arg: 1, none: lookupTable({ SSL_VERIFY_NONE: "SSL_VERIFY_PEER" }), zero: "SSL_VERIFY_PEER" };

/** mbedtls/ssl.h, wolfssl/ssl.h, openssl/ssl.h. */
const VERIFY_MODE_CALLS: Readonly<Record<string, VerifyModeCall>> = lookupTable({
  mbedtls_ssl_conf_authmode: MBEDTLS,
  wolfSSL_CTX_set_verify: WOLFSSL,
  wolfSSL_set_verify: WOLFSSL,
  SSL_CTX_set_verify: OPENSSL,
  SSL_set_verify: OPENSSL,
});

/** libcurl options whose value 0 switches verification off, and the value the fix writes. */
const CURL_VERIFY_OPTIONS: Readonly<Record<string, string>> = lookupTable({
  CURLOPT_SSL_VERIFYPEER: "1L",
  CURLOPT_SSL_VERIFYHOST: "2L",
  CURLOPT_PROXY_SSL_VERIFYPEER: "1L",
  CURLOPT_PROXY_SSL_VERIFYHOST: "2L",
});

/** Zephyr include/zephyr/net/socket.h (and the `ZSOCK_` spellings). */
const ZEPHYR_SETSOCKOPT = new Set(["setsockopt", "zsock_setsockopt"]);
const ZEPHYR_SOL_TLS = new Set(["SOL_TLS", "ZSOCK_SOL_TLS"]);
const ZEPHYR_PEER_VERIFY = new Set(["TLS_PEER_VERIFY", "ZSOCK_TLS_PEER_VERIFY"]);
const ZEPHYR_VERIFY_NONE = new Set(["TLS_PEER_VERIFY_NONE", "ZSOCK_TLS_PEER_VERIFY_NONE"]);

function checkVerifyMode(ctx: RuleContext, call: SyntaxNode, name: string, spec: VerifyModeCall, isServer: () => boolean): void {
  const argNode = callArguments(call)[spec.arg];
  if (!argNode) return;
  const value = unwrapExpression(argNode);
  const replacement = value.type === "identifier" ? spec.none[value.text] : cIntegerValue(value.text) === 0 ? spec.zero : undefined;
  if (!replacement || isServer()) return;
  ctx.report({
    span: span(value),
    message: `${name}(…, ${value.text}) accepts any server certificate; ${IMPERSONATION}`,
    fixes: [{ title: `Require peer verification (${replacement})`, safety: "unsafe", edits: [{ ...span(value), newText: replacement }] }],
  });
}

function checkCurl(ctx: RuleContext, call: SyntaxNode): void {
  const [, option, valueArg] = callArguments(call);
  if (!option || !valueArg) return;
  const secure = CURL_VERIFY_OPTIONS[option.text];
  if (!secure) return;
  const value = unwrapExpression(valueArg);
  if (cIntegerValue(value.text) !== 0 && cSwitchValue(value.text) !== false) return;
  ctx.report({
    span: span(valueArg),
    message: `curl_easy_setopt(…, ${option.text}, ${valueArg.text}) switches certificate checking off; ${IMPERSONATION}`,
    fixes: [{ title: `Set ${option.text} to ${secure}`, safety: "unsafe", edits: [{ ...span(valueArg), newText: secure }] }],
  });
}

function isVerifyNone(node: SyntaxNode): boolean {
  const value = unwrapExpression(node);
  return (value.type === "identifier" && ZEPHYR_VERIFY_NONE.has(value.text)) || cIntegerValue(value.text) === 0;
}

function checkZephyr(ctx: RuleContext, call: SyntaxNode, isServer: () => boolean): void {
  const [, level, option, optval] = callArguments(call);
  if (!level || !option || !optval || !ZEPHYR_SOL_TLS.has(level.text) || !ZEPHYR_PEER_VERIFY.has(option.text)) return;
  const required = option.text.startsWith("ZSOCK_") ? "ZSOCK_TLS_PEER_VERIFY_REQUIRED" : "TLS_PEER_VERIFY_REQUIRED";
  const message = `${calleeName(call) ?? "setsockopt"}(…, ${option.text}, …) sets TLS_PEER_VERIFY_NONE: the server certificate is not checked; ${IMPERSONATION}`;
  // A constant written straight into the call: `&(int){ TLS_PEER_VERIFY_NONE }`.
  for (const node of descendants(optval)) {
    if (node.type === "identifier" && ZEPHYR_VERIFY_NONE.has(node.text)) {
      if (isServer()) return;
      ctx.report({ span: span(node), message, fixes: [{ title: `Require peer verification (${required})`, safety: "unsafe", edits: [{ ...span(node), newText: node.text.replace(/NONE$/, "REQUIRED") }] }] });
      return;
    }
  }
  // `&verify`: resolve to the value written to it before the call, in the function, else at file scope.
  const target = unwrapExpression(optval);
  if (target.type !== "pointer_expression") return;
  const variable = target.childForFieldName("argument");
  if (variable?.type !== "identifier") return;
  const value = latestWrite(ctx, variable.text, call);
  if (!value || !isVerifyNone(value) || isServer()) return;
  const written = unwrapExpression(value);
  const newText = written.type === "identifier" ? written.text.replace(/NONE$/, "REQUIRED") : required;
  const related: RelatedInput[] = [{ span: span(value), message: `${variable.text} is set to ${value.text} here` }];
  ctx.report({ span: span(optval), message, related, fixes: [{ title: `Require peer verification (${newText})`, safety: "unsafe", edits: [{ ...span(written), newText }] }] });
}

/** ESP-IDF esp_http_client / esp-mqtt `broker.verification` / esp_websocket_client, and esp_tls_cfg_t. */
const SKIP_FIELDS = new Set(["skip_cert_common_name_check", "skip_common_name"]);
const C_FALSE_FOR: Readonly<Record<string, string>> = lookupTable({ true: "false", TRUE: "FALSE", True: "False", "1": "0", pdTRUE: "pdFALSE" });

/**
 * `*skip*common_name*`, `*skip*cert*`, `*skip*verify*`: a setter whose name says it is the opt-out
 * itself. Not `*insecure*`: an application's `connect_insecure()` is the finding, not an SDK setter.
 */
function isOptOutName(name: string): boolean {
  const words = nameWords(name);
  return words.includes("skip") && words.some((w) => w === "common" || w === "cert" || w === "certs" || w === "verify" || w === "verification");
}

function functionName(definition: SyntaxNode): string | undefined {
  let declarator = definition.childForFieldName("declarator");
  for (let i = 0; declarator && declarator.type !== "identifier" && i < 8; i++) declarator = declarator.childForFieldName("declarator");
  return declarator?.type === "identifier" ? declarator.text : undefined;
}

/** `CONFIG_X`, `defined CONFIG_X`, `defined(CONFIG_X)` as a whole `#if` condition; else undefined. */
function ifConfigSymbol(condition: string): string | undefined {
  let text = condition.trim();
  if (text.startsWith("defined")) {
    text = text.slice("defined".length).trim();
    if (text.startsWith("(") && text.endsWith(")")) text = text.slice(1, -1).trim();
  }
  return /^CONFIG_\w+$/.test(text) ? text : undefined;
}

/**
 * Source ranges of SDK code that implements an opt-out the application chooses elsewhere: the body
 * of a function named for it (`esp_transport_ssl_skip_common_name_check()`), and the branch taken
 * when `CONFIG_ESP_TLS_SKIP_SERVER_CERT_VERIFY` / `CONFIG_ESP_TLS_INSECURE` is set (`#ifdef`, `#if`,
 * the `#else` of `#ifndef`): the sdkconfig value is the finding, and this rule reports it.
 */
function optOutRanges(ctx: RuleContext): (offset: number) => boolean {
  const ranges: [number, number][] = [];
  for (const node of ctx.nodes(["function_definition", "preproc_ifdef", "preproc_if"])) {
    if (node.type === "function_definition") {
      const name = functionName(node);
      if (name && isOptOutName(name)) ranges.push([node.startIndex, node.endIndex]);
      continue;
    }
    const negated = node.type === "preproc_ifdef" && node.child(0)?.type === "#ifndef";
    const symbol = node.type === "preproc_ifdef" ? node.childForFieldName("name")?.text : ifConfigSymbol(node.childForFieldName("condition")?.text ?? "");
    // Only the SDK switches the config side reports: an application's own `#ifdef CONFIG_APP_SKIP_…`
    // guards code whose Kconfig value nothing reports, so its body stays the finding.
    if (!symbol?.startsWith("CONFIG_") || !ESP_TLS_INSECURE_SYMBOLS.has(symbol.slice("CONFIG_".length))) continue;
    const alternative = node.childForFieldName("alternative");
    // `#ifdef SYMBOL` → its first branch; `#ifndef SYMBOL … #else` → the `#else` branch.
    if (!negated) ranges.push([node.startIndex, alternative?.startIndex ?? node.endIndex]);
    else if (alternative?.type === "preproc_else") ranges.push([alternative.startIndex, alternative.endIndex]);
  }
  return (offset) => ranges.some(([start, end]) => offset >= start && offset < end);
}

function checkC(ctx: RuleContext, root: SyntaxNode): void {
  const roles = tlsRoles(ctx);
  let optOut: ((offset: number) => boolean) | undefined;
  // Built on first need: it reads every function and conditional, and most files have no such call.
  const inOptOut = (offset: number) => (optOut ??= optOutRanges(ctx))(offset);
  for (const { call: node, name } of namedCalls(ctx)) {
    if (!name || !(VERIFY_MODE_CALLS[name] || name === "curl_easy_setopt" || ZEPHYR_SETSOCKOPT.has(name) || name === "setInsecure")) continue;
    if (inOptOut(node.startIndex)) continue;
    const isServer = () => roles.isServerSide(node);
    const mode = VERIFY_MODE_CALLS[name];
    if (mode) checkVerifyMode(ctx, node, name, mode, isServer);
    else if (name === "curl_easy_setopt") checkCurl(ctx, node);
    else if (ZEPHYR_SETSOCKOPT.has(name)) checkZephyr(ctx, node, isServer);
    else if (name === "setInsecure" && node.childForFieldName("function")?.type === "field_expression" && callArguments(node).length === 0) {
      // Arduino WiFiClientSecure / BearSSL: "Don't validate the chain, just accept whatever is given".
      ctx.report({ span: span(node), message: `setInsecure() accepts any server certificate; ${IMPERSONATION}` });
    }
  }
  for (const setting of cSettings(ctx)) {
    if (setting.kind === "define" || !SKIP_FIELDS.has(setting.name) || !setting.valueText || !setting.valueSpan) continue;
    if (inOptOut(setting.span.start)) continue;
    if (cSwitchValue(setting.valueText) !== true) continue;
    const newText = C_FALSE_FOR[setting.valueText.trim()] ?? "false";
    const what = setting.name === "skip_common_name" ? "skips the server hostname check (esp_tls_cfg_t)" : "skips the server certificate's common-name check";
    ctx.report({
      span: setting.span,
      message: `${setting.name} = ${setting.valueText} ${what}; any certificate from a trusted CA is accepted for any host, so ${IMPERSONATION}`,
      fixes: [{ title: `Set ${setting.name} to ${newText}`, safety: "unsafe", edits: [{ ...setting.valueSpan, newText }] }],
    });
  }
}

// ---- Configs ---------------------------------------------------------------------------------

/** components/esp-tls/Kconfig: both turn server certificate verification off when `y`. */
const ESP_TLS_INSECURE_SYMBOLS = new Set(["ESP_TLS_INSECURE", "ESP_TLS_SKIP_SERVER_CERT_VERIFY"]);

/** Config keys (words joined by `_`) whose value `true` turns verification off. */
const TRUE_DISABLES = new Set([
  "insecure_skip_verify", "skip_verify", "tls_skip_verify", "skip_tls_verify", "ssl_skip_verify", "skip_ssl_verify",
  "skip_cert_verify", "skip_cert_verification", "skip_certificate_verification", "skip_server_cert_verify",
  "tls_insecure", "ssl_insecure", "insecure_tls", "insecure_ssl", "accept_invalid_certs", "accept_invalid_certificates",
  "allow_invalid_certs", "allow_invalid_certificates", "ignore_cert_errors", "ignore_ssl_errors", "ignore_tls_errors",
  "disable_ssl_verification", "disable_tls_verification", "disable_cert_verification", "no_verify_ssl",
  "skip_cert_common_name_check", "skip_common_name", "bridge_insecure",
]);

const VERIFY_WORDS = new Set(["verify", "verification", "validate", "validation"]);
const SUBJECT_WORDS = new Set(["tls", "ssl", "cert", "certs", "certificate", "certificates", "peer", "hostname", "chain", "x509"]);
const TLS_WORDS = new Set(["tls", "ssl"]);

function parentWords(entry: ConfigEntry): string[] {
  return entry.path.slice(0, -1).flatMap(nameWords);
}

/** What kind of verification switch a config key is, if any. */
function verificationKey(entry: ConfigEntry): "true-disables" | "false-disables" | "mode" | undefined {
  const words = nameWords(entry.key);
  const joined = words.join("_");
  const underTls = parentWords(entry).some((w) => TLS_WORDS.has(w));
  if (TRUE_DISABLES.has(joined) || (underTls && joined === "insecure")) return "true-disables";
  const verifies = words.some((w) => VERIFY_WORDS.has(w));
  if (verifies && words.includes("mode")) return "mode";
  if (verifies && (words.some((w) => SUBJECT_WORDS.has(w)) || (underTls && words.length === 1))) return "false-disables";
  return undefined;
}

function switchFix(ctx: RuleContext, entry: ConfigEntry): FixInput[] {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  const flipped = flippedSwitch(raw);
  return flipped ? [{ title: `Set ${entry.key} to ${flipped}`, safety: "unsafe", edits: [{ ...entry.contentSpan, newText: flipped }] }] : [];
}

function checkConfig(ctx: RuleContext): void {
  const kconfig = ctx.file.language === "kconfig";
  for (const entry of ctx.entries()) {
    if (kconfig) {
      if (ESP_TLS_INSECURE_SYMBOLS.has(kconfigSymbolOf(entry.key)?.symbol ?? "") && switchValue(entry) === true) {
        const edit = kconfigOffEdit(ctx.file.path, entry);
        ctx.report({
          span: entrySpan(entry),
          message: `${entry.key}=y lets esp-tls connect without verifying the server certificate; ${IMPERSONATION}`,
          fixes: [{ title: `Turn ${entry.key} off`, safety: "unsafe", edits: [edit] }],
        });
      }
      continue;
    }
    const kind = verificationKey(entry);
    if (!kind) continue;
    const on = switchValue(entry);
    if (kind === "true-disables" && on === true) {
      const what = entry.key === "bridge_insecure" ? "skips the remote broker's hostname check (mosquitto bridge)" : "turns TLS certificate verification off";
      ctx.report({ span: entrySpan(entry), message: `${entry.path.join(".")} ${what}; ${IMPERSONATION}`, fixes: switchFix(ctx, entry) });
    } else if (kind === "false-disables" && on === false) {
      ctx.report({ span: entrySpan(entry), message: `${entry.path.join(".")} set to ${entry.value} turns TLS certificate verification off; ${IMPERSONATION}`, fixes: switchFix(ctx, entry) });
    } else if (kind === "mode" && /^(?:(?:ssl_|tls_)?verify_)?none$/i.test(entry.value.trim())) {
      ctx.report({ span: entrySpan(entry), message: `${entry.path.join(".")} set to ${entry.value} turns TLS certificate verification off; ${IMPERSONATION}` });
    }
  }
}

export default defineRule({
  id: "tls-verification-disabled",
  family: "transport",
  severity: "error",
  title: "TLS certificate verification disabled",
  message: "TLS certificate verification is disabled; anyone on the network path can impersonate the server",
  cwe: ["CWE-295", "CWE-297"],
  standards: { owaspIot: ["I7"], iec62443: ["CR 1.8", "CR 1.2", "CR 3.1"], fda: ["Authentication", "Integrity", "Confidentiality"] },
  languages: ["c", "cpp", "kconfig", "json", "yaml", "toml", "ini", "keyvalue"],
  // Every branch needs one of these words: verify/verification constants and keys, `insecure`
  // switches, `skip_…` fields, `authmode` with a literal 0, `ignore_…`/`…invalid…` config keys.
  triggers: ["verif", "validat", "insecure", "invalid", "ignore", "skip", "authmode"],
  fixable: "unsafe",
  docs,
  check(ctx) {
    if (ctx.file.language === "c" || ctx.file.language === "cpp") {
      if (ctx.root) checkC(ctx, ctx.root);
    } else {
      checkConfig(ctx);
    }
  },
});
