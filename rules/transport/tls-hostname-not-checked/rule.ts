import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext, Span } from "../../../server/src/engine/types.ts";
import { namedCalls, callArguments, unwrapExpression } from "../../common/c-calls.ts";
import { mentions, mentionsAny } from "../../common/c-identifiers.ts";
import { lvalueName, declaratorName } from "../../common/c-syntax.ts";
import { tlsRoles } from "../../common/tls-roles.ts";
import { setsVerifyLevel } from "../../common/tls-verify-levels.ts";
import docs from "./README.md?raw";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });
const CONSEQUENCE = "any certificate from a trusted CA is accepted for any server name, so whoever holds one can impersonate the server";

/** Calls of the file by name, in document order. */
function callsByName(ctx: RuleContext): Map<string, SyntaxNode[]> {
  const out = new Map<string, SyntaxNode[]>();
  for (const { call, name } of namedCalls(ctx)) {
    if (!name) continue;
    const list = out.get(name);
    if (list) list.push(call);
    else out.set(name, [call]);
  }
  return out;
}

function first(calls: Map<string, SyntaxNode[]>, names: readonly string[]): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  for (const name of names) {
    const call = calls.get(name)?.[0];
    if (call && (!found || call.startIndex < found.startIndex)) found = call;
  }
  return found;
}

// ---- mbedTLS (include/mbedtls/ssl.h) ----------------------------------------------------------

/** Pre-shared-key set-up; with no certificate loaded there is no server name to check. */
const MBEDTLS_PSK = ["mbedtls_ssl_conf_psk", "mbedtls_ssl_conf_psk_opaque", "mbedtls_ssl_set_hs_psk", "mbedtls_ssl_set_hs_psk_opaque"];
const MBEDTLS_CERTIFICATES = ["mbedtls_ssl_conf_ca_chain", "mbedtls_ssl_conf_ca_cb", "mbedtls_x509_crt_parse", "mbedtls_x509_crt_parse_der", "mbedtls_x509_crt_parse_file"];
const MBEDTLS_RESULT_CHECKS = ["mbedtls_ssl_get_verify_result", "mbedtls_ssl_conf_verify", "mbedtls_ssl_set_verify"];

function checkMbedtls(ctx: RuleContext, calls: Map<string, SyntaxNode[]>): void {
  const handshake = calls.get("mbedtls_ssl_handshake")?.[0];
  if (!handshake || !calls.has("mbedtls_ssl_setup") || mentions(ctx, "mbedtls_ssl_set_hostname")) return;
  // Verification off, or optional and never checked, is another rule's finding; a name check is moot then.
  if (setsVerifyLevel(ctx, "mbedtls", "none")) return;
  if (setsVerifyLevel(ctx, "mbedtls", "optional") && !mentionsAny(ctx, MBEDTLS_RESULT_CHECKS)) return;
  if (mentionsAny(ctx, MBEDTLS_PSK) && !mentionsAny(ctx, MBEDTLS_CERTIFICATES)) return;
  if (tlsRoles(ctx).isServerSide(handshake)) return;
  ctx.report({
    span: span(handshake),
    message: `mbedtls_ssl_handshake() on a client that never calls mbedtls_ssl_set_hostname(): ${CONSEQUENCE}`,
  });
}

// ---- wolfSSL (wolfssl/ssl.h) -----------------------------------------------------------------

/** What makes wolfSSL compare the server name with the certificate; `wolfSSL_UseSNI` only sends it. */
const WOLFSSL_NAME_CHECKS = ["wolfSSL_check_domain_name", "wolfSSL_set1_host", "wolfSSL_X509_VERIFY_PARAM_set1_host"];
const WOLFSSL_PSK = ["wolfSSL_CTX_set_psk_client_callback", "wolfSSL_set_psk_client_callback", "wolfSSL_CTX_set_psk_client_tls13_callback", "wolfSSL_set_psk_client_tls13_callback"];
const WOLFSSL_CERTIFICATES = ["wolfSSL_CTX_load_verify_buffer", "wolfSSL_CTX_load_verify_locations", "wolfSSL_CTX_load_verify_buffer_ex", "wolfSSL_CTX_load_system_CA_certs"];

function checkWolfssl(ctx: RuleContext, calls: Map<string, SyntaxNode[]>): void {
  const connect = calls.get("wolfSSL_connect")?.[0];
  if (!connect || mentionsAny(ctx, WOLFSSL_NAME_CHECKS)) return;
  if (setsVerifyLevel(ctx, "wolfssl", "none")) return;
  if (mentionsAny(ctx, WOLFSSL_PSK) && !mentionsAny(ctx, WOLFSSL_CERTIFICATES)) return;
  const sni = mentions(ctx, "wolfSSL_UseSNI") || mentions(ctx, "wolfSSL_CTX_UseSNI");
  ctx.report({
    span: span(connect),
    message: `wolfSSL_connect() without wolfSSL_check_domain_name()${sni ? " (wolfSSL_UseSNI only sends the name)" : ""}: ${CONSEQUENCE}`,
  });
}

// ---- Zephyr sockets (include/zephyr/net/socket.h, net_ip.h) ----------------------------------

const SOCKET_CALLS = ["socket", "zsock_socket"];
const CONNECT_CALLS = ["connect", "zsock_connect"];
/** The TLS protocols of `socket(family, SOCK_STREAM, proto)`; `NET_` spellings since Zephyr 4.4. */
const TLS_PROTOCOLS = new Set([
  "IPPROTO_TLS_1_0", "IPPROTO_TLS_1_1", "IPPROTO_TLS_1_2", "IPPROTO_TLS_1_3",
  "NET_IPPROTO_TLS_1_0", "NET_IPPROTO_TLS_1_1", "NET_IPPROTO_TLS_1_2", "NET_IPPROTO_TLS_1_3",
]);
const HOSTNAME_OPTIONS = ["TLS_HOSTNAME", "ZSOCK_TLS_HOSTNAME"];

/** The variable a `socket()` result is stored in: `fd = socket(…)`, `int fd = socket(…)`, `ctx->sock = …`. */
function socketVariable(call: SyntaxNode): string | undefined {
  let expression = call;
  while (expression.parent?.type === "parenthesized_expression" || expression.parent?.type === "cast_expression") expression = expression.parent;
  const parent = expression.parent;
  if (parent?.type === "assignment_expression") return parent.childForFieldName("left")?.text;
  if (parent?.type === "init_declarator") return declaratorName(parent.childForFieldName("declarator"))?.text;
  return undefined;
}

function checkZephyr(ctx: RuleContext, calls: Map<string, SyntaxNode[]>): void {
  const tlsSockets = SOCKET_CALLS.flatMap((name) => calls.get(name) ?? []).filter((call) => {
    const protocol = callArguments(call)[2];
    return protocol !== undefined && TLS_PROTOCOLS.has(unwrapExpression(protocol).text);
  });
  if (tlsSockets.length === 0 || mentionsAny(ctx, HOSTNAME_OPTIONS)) return;
  const connects = CONNECT_CALLS.flatMap((name) => calls.get(name) ?? []).sort((a, b) => a.startIndex - b.startIndex);
  if (connects.length === 0) return;
  if (setsVerifyLevel(ctx, "zephyr", "none") || setsVerifyLevel(ctx, "zephyr", "optional")) return;
  const names = new Set(tlsSockets.map(socketVariable).filter((n): n is string => n !== undefined));
  const connect = connects.find((call) => {
    const fd = callArguments(call)[0];
    return fd !== undefined && names.has(fd.text);
  }) ?? connects[0]!;
  if (tlsRoles(ctx).isServerSide(connect)) return;
  const socketCall = tlsSockets[0]!;
  const fdName = lvalueName(callArguments(connect)[0] ?? null)?.text;
  ctx.report({
    span: span(connect),
    message: `TLS socket${fdName ? ` ${fdName}` : ""} connects without setting TLS_HOSTNAME: the TLS stack has no server name to check the certificate against, so a certificate for any host may pass (offloaded TLS) or every handshake fails (Zephyr's own TLS)`,
    related: [{ span: span(socketCall), message: "TLS socket created here" }],
  });
}

export default defineRule({
  id: "tls-hostname-not-checked",
  family: "transport",
  severity: "error",
  title: "TLS client never checks the server's host name",
  message: "TLS client never sets the expected server name; any certificate from a trusted CA is accepted for any server",
  cwe: ["CWE-297"],
  standards: { owaspIot: ["I7"], iec62443: ["CR 1.8", "CR 3.1"], fda: ["Authentication", "Integrity"] },
  languages: ["c", "cpp"],
  triggers: ["mbedtls_ssl_handshake", "wolfSSL_connect", "IPPROTO_TLS_1_"],
  docs,
  check(ctx) {
    // The engine skips files without a trigger only when every rule declares triggers; do it here too.
    const text = ctx.file.text;
    if (!ctx.root || !(text.includes("mbedtls_ssl_handshake") || text.includes("wolfSSL_connect") || text.includes("IPPROTO_TLS_1_"))) return;
    const calls = callsByName(ctx);
    checkMbedtls(ctx, calls);
    checkWolfssl(ctx, calls);
    checkZephyr(ctx, calls);
  },
});
