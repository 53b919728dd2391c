// The certificate verification level C/C++ code asks a TLS stack for: mbedTLS
// `mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_OPTIONAL)`, wolfSSL
// `wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, cb)` and Zephyr
// `setsockopt(fd, SOL_TLS, TLS_PEER_VERIFY, &level, …)`. A level passed through a variable is
// followed to the value last written to it. Transport rules use this to stay out of each other's
// way: "verification off" is one rule's finding, "optional and never checked" another's, and a
// missing host name check only matters while verification is on.

import { descendants, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";
import { namedCalls, callArguments, unwrapExpression } from "./c-calls.ts";
import { latestWrite } from "./c-locals.ts";
import { cIntegerValue } from "./c-settings.ts";
import { lookupTable } from "./lookup-table.ts";

export type VerifyLevel = "none" | "optional" | "required";
export type TlsStack = "mbedtls" | "wolfssl" | "zephyr";

export interface VerifyLevelSetting {
  readonly stack: TlsStack;
  /** The call that sets the level. */
  readonly call: SyntaxNode;
  /** The option name as written, for Zephyr (`TLS_PEER_VERIFY` or `ZSOCK_TLS_PEER_VERIFY`). */
  readonly option?: string;
  /** Undefined when the value cannot be read (a parameter, a function result). */
  readonly level: VerifyLevel | undefined;
  /** The constant or literal that decides the level: where a fix would edit. */
  readonly value: SyntaxNode | undefined;
  /** When the level reaches the call through a variable: the variable and the value written to it. */
  readonly variable?: { readonly name: string; readonly write: SyntaxNode };
}

/** include/mbedtls/ssl.h: NONE 0, OPTIONAL 1, REQUIRED 2. */
const MBEDTLS_LEVELS: Readonly<Record<string, VerifyLevel>> = lookupTable({
  MBEDTLS_SSL_VERIFY_NONE: "none",
  MBEDTLS_SSL_VERIFY_OPTIONAL: "optional",
  MBEDTLS_SSL_VERIFY_REQUIRED: "required",
});
/** include/zephyr/net/socket.h: TLS_PEER_VERIFY_NONE 0, _OPTIONAL 1, _REQUIRED 2 (and the ZSOCK_ spellings). */
const ZEPHYR_LEVELS: Readonly<Record<string, VerifyLevel>> = lookupTable({
  TLS_PEER_VERIFY_NONE: "none",
  TLS_PEER_VERIFY_OPTIONAL: "optional",
  TLS_PEER_VERIFY_REQUIRED: "required",
  ZSOCK_TLS_PEER_VERIFY_NONE: "none",
  ZSOCK_TLS_PEER_VERIFY_OPTIONAL: "optional",
  ZSOCK_TLS_PEER_VERIFY_REQUIRED: "required",
});
const NUMERIC_LEVELS: readonly VerifyLevel[] = ["none", "optional", "required"];
/** wolfssl/ssl.h: anything but NONE (0) verifies the peer. */
const WOLFSSL_NONE = new Set(["WOLFSSL_VERIFY_NONE", "SSL_VERIFY_NONE"]);

const MBEDTLS_CALLS = new Set(["mbedtls_ssl_conf_authmode"]);
const WOLFSSL_CALLS = new Set(["wolfSSL_CTX_set_verify", "wolfSSL_set_verify"]);
const ZEPHYR_SETSOCKOPT = new Set(["setsockopt", "zsock_setsockopt"]);
const ZEPHYR_SOL_TLS = new Set(["SOL_TLS", "ZSOCK_SOL_TLS"]);
const ZEPHYR_PEER_VERIFY = new Set(["TLS_PEER_VERIFY", "ZSOCK_TLS_PEER_VERIFY"]);

function levelOf(stack: TlsStack, node: SyntaxNode): VerifyLevel | undefined {
  const value = unwrapExpression(node);
  if (value.type === "identifier") {
    if (stack === "mbedtls") return MBEDTLS_LEVELS[value.text];
    if (stack === "zephyr") return ZEPHYR_LEVELS[value.text];
    if (WOLFSSL_NONE.has(value.text)) return "none";
    return /^(?:WOLFSSL_|SSL_)VERIFY_/.test(value.text) ? "required" : undefined;
  }
  const number = cIntegerValue(value.text);
  if (number === undefined) return stack === "wolfssl" && value.type === "binary_expression" ? "required" : undefined;
  if (stack === "wolfssl") return number === 0 ? "none" : "required";
  return NUMERIC_LEVELS[number];
}

const STRENGTH: Readonly<Record<VerifyLevel, number>> = { none: 0, optional: 1, required: 2 };

/**
 * The level a value expression selects, and the constant deciding it. For `c ? A : B` the weaker
 * branch counts (the code can run with it), and a fix would edit that branch.
 */
function valueLevel(stack: TlsStack, node: SyntaxNode): { level: VerifyLevel | undefined; value: SyntaxNode } {
  const value = unwrapExpression(node);
  if (value.type === "conditional_expression") {
    const branches = [value.childForFieldName("consequence"), value.childForFieldName("alternative")]
      .filter((b): b is SyntaxNode => b !== null)
      .map((b) => valueLevel(stack, b))
      .filter((b) => b.level !== undefined);
    if (branches.length === 0) return { level: undefined, value };
    return branches.reduce((weakest, b) => (STRENGTH[b.level!] < STRENGTH[weakest.level!] ? b : weakest));
  }
  return { level: levelOf(stack, value), value };
}

/** Reads `value`, following a plain variable once to its last write before `call`. */
function resolve(ctx: RuleContext, stack: TlsStack, call: SyntaxNode, value: SyntaxNode): Pick<VerifyLevelSetting, "level" | "value" | "variable"> {
  const direct = valueLevel(stack, value);
  if (direct.level !== undefined || direct.value.type !== "identifier") return direct;
  const write = latestWrite(ctx, direct.value.text, call);
  if (!write) return { level: undefined, value: undefined };
  return { ...valueLevel(stack, write), variable: { name: direct.value.text, write } };
}

function zephyrSetting(ctx: RuleContext, call: SyntaxNode): VerifyLevelSetting | undefined {
  const [, level, option, optval] = callArguments(call);
  if (!level || !option || !optval || !ZEPHYR_SOL_TLS.has(level.text) || !ZEPHYR_PEER_VERIFY.has(option.text)) return undefined;
  const base = { stack: "zephyr" as const, call, option: option.text };
  // A constant written into the call: `&(int){ TLS_PEER_VERIFY_OPTIONAL }`. The argument is small.
  for (const node of descendants(optval)) {
    if (node.type === "identifier" && ZEPHYR_LEVELS[node.text]) return { ...base, level: ZEPHYR_LEVELS[node.text], value: node };
  }
  const target = unwrapExpression(optval);
  const variable = target.type === "pointer_expression" ? target.childForFieldName("argument") : undefined;
  if (variable?.type !== "identifier") return { ...base, level: undefined, value: undefined };
  const write = latestWrite(ctx, variable.text, call);
  if (!write) return { ...base, level: undefined, value: undefined };
  return { ...base, ...valueLevel("zephyr", write), variable: { name: variable.text, write } };
}

const cache = new WeakMap<object, readonly VerifyLevelSetting[]>();

/** Every verification level set in the file, in document order. */
export function verifyLevelSettings(ctx: RuleContext): readonly VerifyLevelSetting[] {
  const key = ctx.root ?? ctx.file;
  const cached = cache.get(key);
  if (cached) return cached;
  const out: VerifyLevelSetting[] = [];
  const text = ctx.file.text;
  if (ctx.root && (text.includes("mbedtls_ssl_conf_authmode") || text.includes("_set_verify") || text.includes("TLS_PEER_VERIFY"))) {
    for (const { call, name } of namedCalls(ctx)) {
      if (!name) continue;
      if (MBEDTLS_CALLS.has(name) || WOLFSSL_CALLS.has(name)) {
        const stack: TlsStack = MBEDTLS_CALLS.has(name) ? "mbedtls" : "wolfssl";
        const argument = callArguments(call)[1];
        if (argument) out.push({ stack, call, ...resolve(ctx, stack, call, argument) });
      } else if (ZEPHYR_SETSOCKOPT.has(name)) {
        const setting = zephyrSetting(ctx, call);
        if (setting) out.push(setting);
      }
    }
  }
  cache.set(key, out);
  return out;
}

/** Whether the file sets `level` for `stack` anywhere. */
export function setsVerifyLevel(ctx: RuleContext, stack: TlsStack, level: VerifyLevel): boolean {
  return verifyLevelSettings(ctx).some((s) => s.stack === stack && s.level === level);
}
