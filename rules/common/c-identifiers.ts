// Which names a C/C++ file mentions in code (not in comments or strings): identifiers, plus the
// bodies of `#define`s, which tree-sitter keeps as raw text. Built once per tree from the engine's
// node index (no tree walk from JavaScript) and only when the name occurs in the text at all, so a
// rule asking "does this unit ever call mbedtls_ssl_get_verify_result?" costs a string search in
// the common case.

import type { SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";

const EMPTY: readonly SyntaxNode[] = [];
const macroBodies = new WeakMap<object, readonly string[]>();

/** Offsets where `name` occurs in the text as a whole word. */
function wordOffsets(text: string, name: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) out.push(at);
  }
  return out;
}

/**
 * Identifier nodes spelled `name`, in document order. Found from the text (a word search) and then
 * asked of the tree at each occurrence, so files never pay for indexing every identifier.
 */
export function identifiersNamed(ctx: RuleContext, name: string): readonly SyntaxNode[] {
  const root = ctx.root;
  if (!root || !ctx.file.text.includes(name)) return EMPTY;
  return ctx.memo(`identifiersNamed\u0000${name}`, () => {
    const found: SyntaxNode[] = [];
    for (const at of wordOffsets(ctx.file.text, name)) {
      const node = root.descendantForIndex(at, at + name.length);
      if (node && node.type === "identifier" && node.startIndex === at && node.endIndex === at + name.length) found.push(node);
    }
    return found;
  });
}

/** Distinct identifier spellings ending in `suffix` (`wolfTLSv1_2_server_method`), found from the text. */
export function identifierNamesEndingWith(ctx: RuleContext, suffix: string): string[] {
  const text = ctx.file.text;
  const names = new Set<string>();
  for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + 1)) {
    const end = at + suffix.length;
    if (end < text.length && WORD_CHAR.test(text[end]!)) continue;
    let start = at;
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
    const name = text.slice(start, end);
    if (/^[A-Za-z_]/.test(name) && identifiersNamed(ctx, name).length > 0) names.add(name);
  }
  return [...names];
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
