import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { baseName } from "../../../grammars/registry.ts";
import { callArguments, calleeName, enclosingFunction, functionNameNode, namedCalls, unwrapExpression, type NamedCall } from "../../common/c-calls.ts";
import { PreprocessorFacts } from "../../common/c-preprocessor.ts";
import { declaratorName } from "../../common/c-syntax.ts";
import { IMAGE_WORDS, isCrcCall, isSdkValidatedUpdateCall, namesCryptography, SIGNATURE_VERIFY_CALLS, UPDATE_CONTEXT_WORDS } from "../../common/image-checks.ts";
import { nameWords } from "../../common/names.ts";
import { namesVerification } from "../verification-always-succeeds/rule.ts";
import docs from "./README.md?raw";

/** Test doubles and test code compute CRCs for their own reasons. */
const TEST_WORDS = new Set(["mock", "fake", "stub", "test", "tests", "ztest", "unity"]);

function functionName(ctx: RuleContext, fn: SyntaxNode | undefined): string | undefined {
  return fn ? functionNameNode(ctx, fn)?.text : undefined;
}

/**
 * Whether the file shows a stronger check than a CRC, compiled in: a signature verification, a
 * cryptographic hash or MAC, an SDK update API that validates the image itself, or a call to a
 * verification function defined elsewhere (one defined here is judged by its own body).
 */
function hasStrongerCheck(ctx: RuleContext, calls: readonly NamedCall[], facts: PreprocessorFacts): boolean {
  const definedHere = new Set<string>();
  for (const fn of ctx.nodes(["function_definition"])) {
    const name = functionName(ctx, fn);
    if (name) definedHere.add(name);
  }
  for (const { call, name } of calls) {
    if (!name) continue;
    const strong =
      SIGNATURE_VERIFY_CALLS.has(name) || isSdkValidatedUpdateCall(name) || namesCryptography(name) ||
      (namesVerification(name) && !isCrcCall(name) && !definedHere.has(name));
    if (strong && !facts.inactiveBranch(call)) return true;
  }
  return false;
}

const COMPARISONS = new Set(["==", "!="]);
const WRAPPERS = new Set(["parenthesized_expression", "cast_expression"]);

/** The name a value is stored under: `crc` in `uint32_t crc = …`, `crc` in `ctx->crc = …`. */
function storedName(target: SyntaxNode | null): string | undefined {
  if (!target) return undefined;
  if (target.type === "identifier") return target.text;
  if (target.type === "field_expression") return target.childForFieldName("field")?.text;
  return declaratorName(target)?.text;
}

/**
 * Whether a CRC result is used as a check: compared (`crc32(…) != hdr->crc`), returned to a caller,
 * or stored in a variable or field that the file compares somewhere (a running CRC checked at the
 * end of the transfer). A CRC that is only logged or sent on checks nothing.
 */
function usedAsCheck(ctx: RuleContext, call: SyntaxNode): boolean {
  let node = call;
  while (node.parent && WRAPPERS.has(node.parent.type)) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === "return_statement") return true;
  if (parent.type === "binary_expression") return COMPARISONS.has(parent.childForFieldName("operator")?.text ?? "");
  let name: string | undefined;
  if (parent.type === "init_declarator") name = storedName(parent.childForFieldName("declarator"));
  else if (parent.type === "assignment_expression") name = storedName(parent.childForFieldName("left"));
  if (!name) return false;
  for (const comparison of ctx.nodes(["binary_expression"])) {
    if (!COMPARISONS.has(comparison.childForFieldName("operator")?.text ?? "")) continue;
    for (const side of [comparison.childForFieldName("left"), comparison.childForFieldName("right")]) {
      const operand = side ? unwrapExpression(side) : undefined;
      if (operand && (operand.type === "identifier" || operand.type === "field_expression") && storedName(operand) === name) return true;
    }
  }
  return false;
}

/** Words of small metadata records guarded by their own CRC: OTA-data sequence entries, NVS items, retained RAM, DFU metadata. */
const METADATA_WORDS = new Set(["seq", "sequence", "select", "nvs", "meta", "metadata", "retain", "retained"]);

/**
 * A CRC of a metadata record, not of the image: the enclosing function, the CRC routine or the
 * CRC'd arguments name a metadata record (`ota_select_crc(&s->ota_seq)`, `dfu_metadata_checksum()`,
 * an NVS item in an NVS reader) and the routine and arguments never name the image.
 */
function aboutMetadata(call: SyntaxNode, fnWords: readonly string[]): boolean {
  const own = [...nameWords(calleeName(call) ?? ""), ...callArguments(call).flatMap((arg) => nameWords(arg.text))];
  if (own.some((w) => IMAGE_WORDS.has(w) || w === "fw" || w === "firmware")) return false;
  return [...fnWords, ...own].some((w) => METADATA_WORDS.has(w));
}

function check(ctx: RuleContext): void {
  const calls = namedCalls(ctx);
  const crcCalls = calls.filter(({ name }) => name !== undefined && isCrcCall(name)).map(({ call }) => call);
  if (crcCalls.length === 0) return;
  const fileWords = nameWords(baseName(ctx.file.path).replace(/\.[^.]*$/, ""));
  const fileIsUpdate = fileWords.some((w) => UPDATE_CONTEXT_WORDS.has(w));
  const facts = new PreprocessorFacts(ctx);
  let candidate: { call: SyntaxNode; fn: string } | undefined;
  for (const call of crcCalls) {
    const fnName = functionName(ctx, enclosingFunction(ctx, call));
    if (!fnName) continue;
    const words = nameWords(fnName);
    if (words.some((w) => TEST_WORDS.has(w))) continue;
    const aboutImage = words.some((w) => UPDATE_CONTEXT_WORDS.has(w) || IMAGE_WORDS.has(w));
    // A CRC routine itself (`crc32_calc`) is not the check; its caller is.
    if (isCrcCall(fnName) && !aboutImage) continue;
    if (aboutMetadata(call, words)) continue;
    if (!words.some((w) => UPDATE_CONTEXT_WORDS.has(w)) && !fileIsUpdate) continue;
    if (facts.inactiveBranch(call) || !usedAsCheck(ctx, call)) continue;
    candidate = { call, fn: fnName };
    break;
  }
  if (!candidate || hasStrongerCheck(ctx, calls, facts)) return;
  const callee = candidate.call.childForFieldName("function") ?? candidate.call;
  ctx.report({
    span: { start: callee.startIndex, end: candidate.call.endIndex },
    message: `${calleeName(candidate.call)}() in ${candidate.fn}() is the only integrity check of the firmware image in this file; a CRC catches transfer errors, not a forged or modified image`,
  });
}

export default defineRule({
  id: "crc-only-image-check",
  family: "updates",
  severity: "warning",
  title: "CRC as the only check of a firmware image",
  message: "A firmware image is checked only with a CRC or checksum, which anyone can recompute",
  cwe: ["CWE-345", "CWE-494"],
  standards: { owaspIot: ["I4"], iec62443: ["CR 3.4", "EDR 3.10"], fda: ["Integrity", "Updates"] },
  languages: ["c", "cpp"],
  triggers: ["crc", "checksum", "cksum"],
  docs,
  check,
});
