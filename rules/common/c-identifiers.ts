// Which names a C/C++ file mentions in code (not in comments or strings): identifiers, plus the
// bodies of `#define`s, which tree-sitter keeps as raw text. Built once per tree from the engine's
// node index (no tree walk from JavaScript) and only when the name occurs in the text at all, so a
// rule asking "does this unit ever call mbedtls_ssl_get_verify_result?" costs a string search in
// the common case.

import type { SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";

const EMPTY: readonly SyntaxNode[] = [];
const indexes = new WeakMap<object, Map<string, SyntaxNode[]>>();
const macroBodies = new WeakMap<object, readonly string[]>();

function identifierIndex(ctx: RuleContext): Map<string, SyntaxNode[]> {
  const key = ctx.root ?? ctx.file;
  let index = indexes.get(key);
  if (!index) {
    index = new Map();
    for (const node of ctx.nodes(["identifier"])) {
      const list = index.get(node.text);
      if (list) list.push(node);
      else index.set(node.text, [node]);
    }
    indexes.set(key, index);
  }
  return index;
}

/** Identifier nodes spelled `name`, in document order. */
export function identifiersNamed(ctx: RuleContext, name: string): readonly SyntaxNode[] {
  if (!ctx.root || !ctx.file.text.includes(name)) return EMPTY;
  return identifierIndex(ctx).get(name) ?? EMPTY;
}

/** Every distinct identifier spelling of the file, for rules that match names by suffix. */
export function identifierNames(ctx: RuleContext): IterableIterator<string> {
  return ctx.root ? identifierIndex(ctx).keys() : new Map<string, never>().keys();
}

const WORD_CHAR = /[A-Za-z0-9_]/;

function containsWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

/** Whether code mentions `name`: as an identifier, or as a word in a `#define` body. */
export function mentions(ctx: RuleContext, name: string): boolean {
  if (!ctx.root || !ctx.file.text.includes(name)) return false;
  if (identifiersNamed(ctx, name).length > 0) return true;
  const key = ctx.root;
  let bodies = macroBodies.get(key);
  if (!bodies) {
    bodies = ctx
      .nodes(["preproc_def", "preproc_function_def"])
      .map((def) => def.childForFieldName("value")?.text ?? "")
      .filter((text) => text !== "");
    macroBodies.set(key, bodies);
  }
  return bodies.some((body) => containsWord(body, name));
}

/** Whether code mentions any of `names`. */
export function mentionsAny(ctx: RuleContext, names: readonly string[]): boolean {
  return names.some((name) => mentions(ctx, name));
}
