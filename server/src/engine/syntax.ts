// The slice of the tree-sitter node API that rules and the engine rely on. Both backends
// (web-tree-sitter and the native binding) satisfy it structurally, so rules never know which
// one parsed the file.

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly parent: SyntaxNode | null;
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly children: readonly (SyntaxNode | null)[];
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly nextSibling: SyntaxNode | null;
  readonly previousSibling: SyntaxNode | null;
  readonly nextNamedSibling: SyntaxNode | null;
  readonly previousNamedSibling: SyntaxNode | null;
  child(index: number): SyntaxNode | null;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(field: string): SyntaxNode | null;
  /**
   * Descendants of the given types in document order (outer nodes first), collected by one walk
   * inside the parser: far cheaper than visiting nodes from JavaScript, and cheaper than a query.
   */
  descendantsOfType(types: string | string[]): (SyntaxNode | null)[];
  /** The smallest node spanning the given offsets (one call into the parser, no walk). */
  descendantForIndex(startIndex: number, endIndex?: number): SyntaxNode | null;
}

/** Named children without the `null` holes the typings allow. */
export function namedChildrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child) out.push(child);
  }
  return out;
}

/** Every node below `root` (itself included) in document order, without recursion (trees nest 10,000 deep). */
export function* descendants(root: SyntaxNode): Generator<SyntaxNode> {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
}

/** Descendants of the given types, in document order. */
export function descendantsOfTypes(root: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const node of descendants(root)) if (types.has(node.type)) out.push(node);
  return out;
}

export function ancestor(node: SyntaxNode, types: ReadonlySet<string>, limit = 64): SyntaxNode | undefined {
  let current = node.parent;
  for (let i = 0; current && i < limit; i++, current = current.parent) {
    if (types.has(current.type)) return current;
  }
  return undefined;
}

/** Counts ERROR and MISSING nodes; used to prove fixes add no syntax errors. */
export function syntaxErrorCount(root: SyntaxNode): number {
  if (!root.hasError) return 0;
  let count = 0;
  for (const node of descendants(root)) if (node.type === "ERROR" || node.isMissing) count++;
  return count;
}
