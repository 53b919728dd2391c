import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { FixInput, RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { calleeName } from "../../common/c-calls.ts";
import { mentionsAny } from "../../common/c-identifiers.ts";
import { tlsRoles } from "../../common/tls-roles.ts";
import { verifyLevelSettings, type VerifyLevelSetting } from "../../common/tls-verify-levels.ts";
import docs from "./README.md?raw";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });

/**
 * What counts as checking the outcome of an optional verification (include/mbedtls/ssl.h,
 * include/zephyr/net/socket.h): reading the result after the handshake, or a verification
 * callback that sees every certificate and can fail it.
 */
const MBEDTLS_CHECKS = ["mbedtls_ssl_get_verify_result", "mbedtls_ssl_conf_verify", "mbedtls_ssl_set_verify"];
const ZEPHYR_CHECKS = ["TLS_CERT_VERIFY_RESULT", "ZSOCK_TLS_CERT_VERIFY_RESULT", "TLS_CERT_VERIFY_CALLBACK", "ZSOCK_TLS_CERT_VERIFY_CALLBACK"];

const MBEDTLS_HANDSHAKE = new Set(["mbedtls_ssl_handshake"]);
const ZEPHYR_CONNECT = new Set(["connect", "zsock_connect"]);

function firstCall(ctx: RuleContext, names: ReadonlySet<string>): SyntaxNode | undefined {
  return ctx.nodes(["call_expression"]).find((call) => names.has(calleeName(call) ?? ""));
}

/** The constant that makes the level REQUIRED, spelled like the code around it. */
function requiredConstant(setting: VerifyLevelSetting, value: SyntaxNode): string {
  if (value.type === "identifier") return value.text.replace(/OPTIONAL$/, "REQUIRED");
  if (setting.stack === "mbedtls") return "MBEDTLS_SSL_VERIFY_REQUIRED";
  return setting.option?.startsWith("ZSOCK_") ? "ZSOCK_TLS_PEER_VERIFY_REQUIRED" : "TLS_PEER_VERIFY_REQUIRED";
}

function report(ctx: RuleContext, setting: VerifyLevelSetting, message: string, handshake: SyntaxNode | undefined, handshakeMessage: string): void {
  const related: RelatedInput[] = [];
  if (setting.variable) related.push({ span: span(setting.variable.write), message: `${setting.variable.name} is set to ${setting.variable.write.text} here` });
  if (handshake) related.push({ span: span(handshake), message: handshakeMessage });
  const fixes: FixInput[] = [];
  if (setting.value) {
    const newText = requiredConstant(setting, setting.value);
    fixes.push({ title: `Require verification (${newText})`, safety: "unsafe", edits: [{ ...span(setting.value), newText }] });
  }
  ctx.report({ span: span(setting.call), message, related, fixes });
}

function check(ctx: RuleContext): void {
  const optional = verifyLevelSettings(ctx).filter((s) => s.level === "optional" && s.stack !== "wolfssl");
  if (optional.length === 0) return;
  const roles = tlsRoles(ctx);
  const mbedtls = optional.filter((s) => s.stack === "mbedtls");
  if (mbedtls.length > 0 && !mentionsAny(ctx, MBEDTLS_CHECKS)) {
    const handshake = firstCall(ctx, MBEDTLS_HANDSHAKE);
    for (const setting of mbedtls) {
      if (roles.isServerSide(setting.call)) continue;
      report(
        ctx,
        setting,
        "MBEDTLS_SSL_VERIFY_OPTIONAL and mbedtls_ssl_get_verify_result() is never called: the handshake succeeds with any server certificate",
        handshake,
        "the handshake completes here even when the certificate fails verification",
      );
    }
  }
  const zephyr = optional.filter((s) => s.stack === "zephyr");
  if (zephyr.length > 0 && !mentionsAny(ctx, ZEPHYR_CHECKS)) {
    const connect = firstCall(ctx, ZEPHYR_CONNECT);
    for (const setting of zephyr) {
      if (roles.isServerSide(setting.call)) continue;
      report(
        ctx,
        setting,
        `${setting.option ?? "TLS_PEER_VERIFY"} set to OPTIONAL and TLS_CERT_VERIFY_RESULT is never read: the connection succeeds with any server certificate`,
        connect,
        "connect() completes the handshake here even when the certificate fails verification",
      );
    }
  }
}

export default defineRule({
  id: "tls-verify-result-unchecked",
  family: "transport",
  severity: "error",
  title: "Optional TLS verification whose result is never checked",
  message: "TLS verification is optional and its result is never checked; any server certificate is accepted",
  cwe: ["CWE-295"],
  standards: { owaspIot: ["I7"], iec62443: ["CR 1.8", "CR 3.1"], fda: ["Authentication", "Integrity"] },
  languages: ["c", "cpp"],
  fixable: "unsafe",
  triggers: ["mbedtls_ssl_conf_authmode", "tls_peer_verify"],
  docs,
  check(ctx) {
    if (ctx.root) check(ctx);
  },
});
