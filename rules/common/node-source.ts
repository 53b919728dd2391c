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

const perFileCache = new WeakMap<object, Map<string, unknown>>();

/**
 * Computes a whole-file fact once per analysis and shares it between rules (several rules ask for
 * the same C settings or field writes). Keyed by the file object, which lives for one analysis.
 */
export function oncePerFile<T>(ctx: RuleContext, key: string, compute: () => T): T {
  let cache = perFileCache.get(ctx.file);
  if (!cache) {
    cache = new Map();
    perFileCache.set(ctx.file, cache);
  }
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

export function isRuleContext(source: NodeSource): source is RuleContext {
  return typeof (source as RuleContext).nodes === "function";
}
