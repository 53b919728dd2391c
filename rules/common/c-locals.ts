// What a C variable holds where it is used: the last initialiser or plain assignment before the
// use, in the same function, or failing that at file scope (`static const int verify = 0;`).
// Rules follow `&verify` in `setsockopt(fd, SOL_TLS, TLS_PEER_VERIFY, &verify, …)` and
// `mbedtls_ssl_conf_authmode(&conf, mode)` with it. Reads the engine's node index; no tree walk.

import type { SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";
import { enclosingFunction } from "./c-calls.ts";
import { declaratorName } from "./c-syntax.ts";

/** The value a write gives `name`, if `node` is `name = value` or a declarator `name = value`. */
function writtenValue(node: SyntaxNode, name: string): SyntaxNode | undefined {
  if (node.type === "init_declarator") {
    if (declaratorName(node.childForFieldName("declarator"))?.text !== name) return undefined;
    return node.childForFieldName("value") ?? undefined;
  }
  if (node.type === "assignment_expression" && node.childForFieldName("operator")?.text === "=") {
    const left = node.childForFieldName("left");
    if (left?.type !== "identifier" || left.text !== name) return undefined;
    return node.childForFieldName("right") ?? undefined;
  }
  return undefined;
}

/** The value last written to variable `name` before `use`: in `use`'s function first, else at file scope. */
export function latestWrite(ctx: RuleContext, name: string, use: SyntaxNode): SyntaxNode | undefined {
  const writes = ctx.nodes(["init_declarator", "assignment_expression"]);
  const fn = enclosingFunction(ctx, use);
  let inFunction: SyntaxNode | undefined;
  let atFileScope: SyntaxNode | undefined;
  for (const node of writes) {
    if (node.startIndex >= use.startIndex) break;
    const value = writtenValue(node, name);
    if (!value) continue;
    if (fn && node.startIndex >= fn.startIndex && node.endIndex <= fn.endIndex) inFunction = value;
    else if (!enclosingFunction(ctx, node)) atFileScope = value;
  }
  return inFunction ?? atFileScope;
}
