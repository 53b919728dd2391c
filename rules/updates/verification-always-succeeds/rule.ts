import { defineRule } from "../../../server/src/engine/rule.ts";
import { namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { calleeName, functionNameNode, unwrapExpression } from "../../common/c-calls.ts";
import { declaratorName, lvalueName } from "../../common/c-syntax.ts";
import { nameWords } from "../../common/names.ts";
import docs from "./README.md?raw";

const VERIFY_VERBS = new Set(["verify", "verification", "validate", "validation", "authenticate", "authentication"]);
const CHECK_VERBS = new Set(["check", "checks"]);
/** What a check must be about for `check` to count as verification (`check_update` asks whether there is one). */
const CHECK_OBJECTS = new Set(["signature", "signatures", "sig", "sigs", "hash", "digest", "cert", "certificate", "mac", "hmac"]);
/** Integrity words that need an image-like object too: `check_fw_crc` yes, `heap_caps_check_integrity` no. */
const CHECK_INTEGRITY = new Set(["integrity", "crc", "checksum"]);
const OBJECTS = new Set([
  "signature", "signatures", "sig", "sigs", "image", "images", "img", "firmware", "fw", "update", "ota", "fota", "hash", "digest", "cert",
  "certificate", "signed", "payload", "package", "pkg", "boot", "slot", "mac", "hmac", "manifest",
]);
/** Test doubles are meant to succeed. */
const TEST_DOUBLE_WORDS = new Set(["mock", "fake", "stub", "dummy", "wrap", "test", "tests"]);
/** Steps around a verification that carry no verdict: `psa_verify_hash_abort`, `ota_verify_init`, `register_verify_cb`. */
const HOUSEKEEPING_WORDS = new Set([
  "abort", "init", "deinit", "setup", "free", "cleanup", "destroy", "cancel", "release", "reset", "start", "begin", "register",
  "unregister", "enable", "disable", "set", "get", "print", "log", "dump", "alloc", "create", "cb", "callback", "handler",
]);

/** Calls that end the program, reset the device or hang when a check fails: a failure path without a return. */
const FAILING_CALLS = new Set([
  "abort", "assert", "panic", "k_panic", "k_oops", "k_fatal_halt", "esp_system_abort", "exit", "_exit", "quick_exit", "longjmp",
  "siglongjmp", "__ASSERT", "__ASSERT_NO_MSG", "configASSERT", "ESP_ERROR_CHECK", "NVIC_SystemReset", "esp_restart", "sys_reboot",
  "fih_panic_loop", "FIH_PANIC", "terminate", "Error_Handler", "HAL_NVIC_SystemReset",
]);
/** Upper-case macros that return or jump on error (`ESP_RETURN_ON_ERROR`, `CHECK_OR_GOTO`). */
const FAILING_MACRO = /^[A-Z_][A-Z0-9_]*$/;
const FAILING_MACRO_WORDS = new Set(["return", "goto", "assert", "panic", "abort", "fail", "bail", "require"]);

export function namesVerification(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => TEST_DOUBLE_WORDS.has(w) || HOUSEKEEPING_WORDS.has(w))) return false;
  if (words.some((w) => VERIFY_VERBS.has(w))) return words.some((w) => OBJECTS.has(w));
  if (words.some((w) => CHECK_VERBS.has(w))) {
    return words.some((w) => CHECK_OBJECTS.has(w)) || (words.some((w) => CHECK_INTEGRITY.has(w)) && words.some((w) => OBJECTS.has(w)));
  }
  return false;
}

type ReturnKind = "bool" | "status";

function returnKind(fn: SyntaxNode): ReturnKind | undefined {
  const type = fn.childForFieldName("type")?.text;
  const declarator = fn.childForFieldName("declarator");
  if (!type || declarator?.type !== "function_declarator") return undefined; // pointer and reference returns
  if (type === "bool" || type === "_Bool" || type === "BOOL" || type === "boolean") return "bool";
  if (type === "void") return undefined;
  return "status";
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SUCCESS_SUFFIX = /(?:^|_)(?:OK|SUCCESS|Success)$/;

/** `OtaPalSuccess` (AWS IoT OTA `OtaPalMainStatus_t`): a PascalCase status ending in the word Success. */
function isPascalSuccess(text: string): boolean {
  const words = nameWords(text);
  return /^[A-Z]/.test(text) && words.at(-1) === "success" && !words.some((w) => w === "no" || w === "not" || w === "non" || w === "un");
}

/**
 * AWS IoT OTA's `OTA_PAL_COMBINE_ERR(main, sub)` is `main << 24 | sub` (ota-for-aws-iot-embedded-sdk
 * `ota_platform_interface.h`); the agent reads the main code, so `OTA_PAL_COMBINE_ERR(OtaPalSuccess, 0)`
 * is a constant success.
 */
function isCombinedSuccess(node: SyntaxNode): boolean {
  if (node.type !== "call_expression" || calleeName(node) !== "OTA_PAL_COMBINE_ERR") return false;
  const args = namedChildrenOf(node.childForFieldName("arguments") ?? node).filter((c) => c.type !== "comment");
  if (args.length !== 2) return false;
  const main = unwrapExpression(args[0]!);
  const sub = unwrapExpression(args[1]!);
  return main.type === "identifier" && isConstantSuccess(main, "status") && sub.type === "number_literal";
}

/** Whether a returned expression is a constant that reports success for this kind of function. */
function isConstantSuccess(expression: SyntaxNode, kind: ReturnKind): boolean {
  const node = unwrapExpression(expression);
  const text = node.text.trim();
  if (kind === "bool") return node.type === "true" || text === "TRUE" || text === "true" || /^1[uU]?$/.test(text);
  if (node.type === "number_literal") return /^0[uUlL]*$/.test(text);
  if (node.type === "identifier") return (IDENTIFIER.test(text) && (SUCCESS_SUFFIX.test(text) || isPascalSuccess(text))) || text === "pdPASS";
  return isCombinedSuccess(node);
}

function isFailingCall(name: string): boolean {
  if (FAILING_CALLS.has(name)) return true;
  if (FAILING_MACRO.test(name) && nameWords(name).some((w) => FAILING_MACRO_WORDS.has(w))) return true;
  const words = nameWords(name);
  return words.includes("reset") || words.includes("reboot") || words.includes("restart");
}

function isInfiniteLoop(node: SyntaxNode): boolean {
  if (node.type === "while_statement" || node.type === "do_statement") {
    const condition = node.childForFieldName("condition");
    const text = condition?.text.replace(/[()\s]/g, "");
    return text === "1" || text === "true";
  }
  if (node.type === "for_statement") {
    return !node.childForFieldName("condition") && /^for\s*\(\s*;\s*;/.test(node.text);
  }
  return false;
}

/** Pointer (or reference) parameter names: a verifier may report its verdict through them. */
function outParameters(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const params = fn.childForFieldName("declarator")?.childForFieldName("parameters");
  if (!params) return out;
  for (const param of namedChildrenOf(params)) {
    const declarator = param.childForFieldName("declarator");
    if (!declarator || (declarator.type !== "pointer_declarator" && declarator.type !== "reference_declarator")) continue;
    if (param.text.startsWith("const ") && !/\*\s*const\b/.test(param.text) && param.text.split("*").length === 2) continue; // `const T *in`
    const name = declaratorName(declarator);
    if (name) out.add(name.text);
  }
  return out;
}

/** Parameters the verdict may be handed to: function pointers and callback-typed parameters (`verify_cb_t done`). */
function callbackParameters(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const params = fn.childForFieldName("declarator")?.childForFieldName("parameters");
  if (!params) return out;
  for (const param of namedChildrenOf(params)) {
    const declarator = param.childForFieldName("declarator");
    if (!declarator) continue;
    const type = param.childForFieldName("type")?.text ?? "";
    const functionPointer = declarator.type === "function_declarator" || /\(\s*\*/.test(declarator.text);
    if (!functionPointer && !/callback|handler|(?:^|_)(?:cb|fn)(?:_t)?$/i.test(type)) continue;
    const name = declaratorName(declarator);
    if (name) out.add(name.text);
  }
  return out;
}

interface BodyFacts {
  /** Returned expressions, `FIH_RET(x)` included. */
  readonly returns: SyntaxNode[];
  /** A `return;` without a value. */
  readonly bareReturn: boolean;
  /** First arguments of calls to callback parameters (undefined for a call without arguments). */
  readonly callbackVerdicts: (SyntaxNode | undefined)[];
  readonly canFail: boolean;
}

function inspectBody(body: SyntaxNode, outParams: ReadonlySet<string>, callbacks: ReadonlySet<string>): BodyFacts | undefined {
  const returns: SyntaxNode[] = [];
  const callbackVerdicts: (SyntaxNode | undefined)[] = [];
  let bareReturn = false;
  let canFail = false;
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case "lambda_expression":
      case "function_definition":
        if (node.startIndex !== body.startIndex) continue;
        break;
      case "ERROR":
        // A return hidden in an unparsed macro could be the real verdict.
        if (/\breturn\b|RET\s*\(/.test(node.text)) return undefined;
        break;
      case "return_statement": {
        const value = namedChildrenOf(node).find((c) => c.type !== "comment");
        if (value) returns.push(value);
        else bareReturn = true;
        break;
      }
      case "throw_statement":
        canFail = true;
        break;
      case "call_expression": {
        const name = calleeName(node);
        const callee = node.childForFieldName("function");
        if (name === "FIH_RET") {
          const value = node.childForFieldName("arguments")?.namedChild(0);
          if (!value) return undefined;
          returns.push(value);
        } else if (callee?.type === "identifier" && callbacks.has(callee.text)) {
          callbackVerdicts.push(namedChildrenOf(node.childForFieldName("arguments") ?? node).find((c) => c.type !== "comment"));
        } else if (name && isFailingCall(name)) canFail = true;
        break;
      }
      case "assignment_expression": {
        const left = node.childForFieldName("left");
        if (left && left.type !== "identifier") {
          const target = lvalueName(left);
          if (target && outParams.has(target.text)) canFail = true;
          // `*out = …` / `out->ok = …` / `out[0] = …`: the verdict may travel through the parameter.
          let root: SyntaxNode | null = left;
          for (let i = 0; root && i < 8 && root.type !== "identifier"; i++) {
            root = root.childForFieldName("argument") ?? root.childForFieldName("value") ?? namedChildrenOf(root)[0] ?? null;
          }
          if (root && outParams.has(root.text)) canFail = true;
        }
        break;
      }
      default:
        if (isInfiniteLoop(node)) canFail = true;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
  return { returns, bareReturn, callbackVerdicts, canFail };
}

/** `true` or a success status handed to a callback; bare numbers are too ambiguous here. */
function isSuccessVerdict(node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  const inner = unwrapExpression(node);
  if (inner.type === "true" || inner.text === "TRUE") return true;
  return inner.type === "identifier" && isConstantSuccess(inner, "status");
}

function check(ctx: RuleContext): void {
  for (const fn of ctx.nodes(["function_definition"])) {
    const nameNode = functionNameNode(ctx, fn);
    if (!nameNode || !namesVerification(nameNode.text)) continue;
    const body = fn.childForFieldName("body");
    if (!body) continue;
    const kind = returnKind(fn);
    const facts = inspectBody(body, outParameters(fn), callbackParameters(fn));
    if (!facts || facts.canFail) continue;
    const span = { start: nameNode.startIndex, end: nameNode.endIndex };
    if (facts.callbackVerdicts.length > 0) {
      // The verdict goes to a callback: every call must hand it a constant success, and any return must too.
      if (!facts.callbackVerdicts.every(isSuccessVerdict)) continue;
      if (facts.returns.length > 0 && !(kind && facts.returns.every((r) => isConstantSuccess(r, kind)))) continue;
      ctx.report({
        span,
        message: `${nameNode.text}() hands its callback a success verdict on every path; whatever it is meant to verify is never rejected`,
        related: facts.callbackVerdicts.slice(0, 3).map((v) => ({ span: { start: v!.startIndex, end: v!.endIndex }, message: `always reports ${unwrapExpression(v!).text} here` })),
      });
      continue;
    }
    if (!kind || facts.bareReturn || facts.returns.length === 0) continue;
    if (!facts.returns.every((r) => isConstantSuccess(r, kind))) continue;
    ctx.report({
      span,
      message: `${nameNode.text}() reports success on every path; whatever it is meant to verify is never rejected`,
      related: facts.returns.map((r) => ({ span: { start: r.startIndex, end: r.endIndex }, message: `always returns ${unwrapExpression(r).text} here` })).slice(0, 3),
    });
  }
}

export default defineRule({
  id: "verification-always-succeeds",
  family: "updates",
  severity: "error",
  title: "Verification function always succeeds",
  message: "A function named as a signature, image or certificate check returns success on every path",
  cwe: ["CWE-347"],
  standards: { owaspIot: ["I4"], iec62443: ["CR 3.4", "EDR 3.14"], fda: ["Integrity", "Updates"] },
  languages: ["c", "cpp"],
  triggers: ["verif", "validat", "authentic", "check"],
  docs,
  check(ctx) {
    check(ctx);
  },
});
