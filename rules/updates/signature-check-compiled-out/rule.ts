import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RelatedInput, RuleContext } from "../../../server/src/engine/types.ts";
import { calleeName, enclosingFunction, namedCalls } from "../../common/c-calls.ts";
import { directiveText, PreprocessorFacts } from "../../common/c-preprocessor.ts";
import { isCrcCall, namesCryptoVerification, SIGNATURE_VERIFY_CALLS } from "../../common/image-checks.ts";
import { namesVerification } from "../verification-always-succeeds/rule.ts";
import docs from "./README.md?raw";

/** A call that verifies a signature or an image: a known library API, or a function named for it (not a CRC). */
function isVerificationCall(name: string): boolean {
  return SIGNATURE_VERIFY_CALLS.has(name) || namesCryptoVerification(name) || (namesVerification(name) && !isCrcCall(name));
}

const within = (outer: SyntaxNode, inner: SyntaxNode): boolean => inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;

function check(ctx: RuleContext): void {
  const calls = namedCalls(ctx)
    .filter(({ name }) => name !== undefined && isVerificationCall(name))
    .map(({ call }) => call);
  if (calls.length === 0) return;
  const facts = new PreprocessorFacts(ctx);
  const inactive = new Map<SyntaxNode, SyntaxNode | undefined>(calls.map((call) => [call, facts.inactiveBranch(call)]));
  const byBranch = new Map<number, { branch: SyntaxNode; calls: SyntaxNode[] }>();
  for (const call of calls) {
    const branch = inactive.get(call);
    if (!branch) continue;
    const fn = enclosingFunction(ctx, call);
    // The check must be switched off inside a live function: a whole function under `#if 0` is dead code, not a bypass.
    if (!fn || !within(fn, branch) || branch.startIndex === fn.startIndex || facts.inactiveBranch(fn)) continue;
    // Another verification in the same function that is compiled in: the check was replaced, not removed.
    if (calls.some((other) => other !== call && within(fn, other) && !inactive.get(other))) continue;
    const group = byBranch.get(branch.startIndex) ?? { branch, calls: [] };
    group.calls.push(call);
    byBranch.set(branch.startIndex, group);
  }
  for (const { branch, calls: offCalls } of byBranch.values()) {
    const lineEnd = branch.text.indexOf("\n");
    const directive = directiveText(branch);
    const names = [...new Set(offCalls.map((c) => `${calleeName(c)}()`))];
    const related: RelatedInput[] = offCalls.slice(0, 3).map((c) => ({
      span: { start: c.startIndex, end: c.childForFieldName("arguments")?.startIndex ?? c.endIndex },
      message: `${calleeName(c)}() is not compiled`,
    }));
    ctx.report({
      span: { start: branch.startIndex, end: lineEnd < 0 ? branch.endIndex : branch.startIndex + lineEnd },
      message: `\`${directive}\` compiles out ${names.join(", ")}; the firmware accepts what this check was meant to reject`,
      related,
    });
  }
}

export default defineRule({
  id: "signature-check-compiled-out",
  family: "updates",
  severity: "error",
  title: "Signature check compiled out",
  message: "A signature or image verification call is compiled out by the preprocessor",
  cwe: ["CWE-347"],
  standards: { owaspIot: ["I4"], iec62443: ["CR 3.4", "EDR 3.14"], fda: ["Integrity", "Updates"] },
  languages: ["c", "cpp"],
  // Every verification name holds one of these (`mbedtls_ecdsa_read_signature` is the one without a verify word).
  triggers: ["verif", "validat", "authentic", "check", "read_signature"],
  docs,
  check,
});
