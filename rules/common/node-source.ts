// Where a rule helper gets its candidate nodes: from the engine's per-file type index (a query run
// inside the parser, shared by all rules) when given the rule context, or by walking a subtree
// when given a node (a function body, an initialiser): walking whole files from JavaScript is slow.

import { descendants, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";

export type NodeSource = RuleContext | SyntaxNode;

function isContext(source: NodeSource): source is RuleContext {
  return typeof (source as RuleContext).nodes === "function";
}

/** Nodes of the given types in document order, from the whole file (context) or a subtree (node). */
export function* nodesOfTypes(source: NodeSource, types: ReadonlySet<string>): Generator<SyntaxNode> {
  if (isContext(source)) {
    yield* source.nodes([...types]);
    return;
  }
  for (const node of descendants(source)) if (types.has(node.type)) yield node;
}

/** A whole-file fact computed once per analysis and shared by the rules that need it. */
export function oncePerFile<T>(ctx: RuleContext, key: string, compute: () => T): T {
  return ctx.memo(key, compute);
}

export function isRuleContext(source: NodeSource): source is RuleContext {
  return typeof (source as RuleContext).nodes === "function";
}
