// What a C expression stands for at compile time, as far as one file shows: a number literal, a
// symbol (enum constant, macro defined elsewhere, Kconfig `CONFIG_X`), or something only known at
// run time. Follows local variables (`uint32_t passkey = 123456; … &passkey`) and object-like
// macros of the same file, and refuses a variable whose address is handed to another call or that
// another function writes, since its value may then come from anywhere (`esp_fill_random(&passkey, 4)`).
// Reads the engine's node index; walks only the nodes it is given.

import type { SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";
import { enclosingFunction, unwrapExpression } from "./c-calls.ts";
import { latestWrite } from "./c-locals.ts";
import { macroBody } from "./c-settings.ts";

export type CConstant =
  /** A number literal, where it is written. */
  | { readonly kind: "number"; readonly value: number; readonly text: string; readonly node: SyntaxNode }
  /** An identifier this file does not define: an enum constant or a macro from a header. */
  | { readonly kind: "symbol"; readonly name: string; readonly node: SyntaxNode }
  /** Anything else: a call, a parameter, a field, a variable written at run time. */
  | { readonly kind: "runtime"; readonly node: SyntaxNode };

const INTEGER = /^(0x[0-9a-f]+|0b[01]+|\d+)(?:u|l|ul|lu|ll|ull|llu)?$/i;

function integerValue(text: string): number | undefined {
  const match = INTEGER.exec(text.trim());
  if (!match) return undefined;
  const digits = match[1]!.toLowerCase();
  return digits.startsWith("0b") ? parseInt(digits.slice(2), 2) : Number(digits);
}

/** The body of the same file's object-like `#define name …`, if there is exactly one. */
function macroDefinition(ctx: RuleContext, name: string): { text: string; node: SyntaxNode } | undefined {
  let found: { text: string; node: SyntaxNode } | undefined;
  for (const define of ctx.nodes(["preproc_def"])) {
    if (define.childForFieldName("name")?.text !== name) continue;
    const value = define.childForFieldName("value");
    const body = value ? macroBody(value.text, value.startIndex) : undefined;
    if (!body || !value) return undefined;
    // Two definitions (`#if … #else …`): the value follows the build configuration.
    if (found) return undefined;
    found = { text: body.text, node: value };
  }
  return found;
}

function insideNode(node: SyntaxNode, outer: SyntaxNode): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/**
 * Whether `name` may change where `latestWrite` does not look: its address handed to a call (other
 * than at `use`), an increment or compound assignment — in the use's function for a local, anywhere
 * for a global — or, for a global, a plain assignment in another function.
 */
function changedOutOfSight(ctx: RuleContext, name: string, use: SyntaxNode, local: boolean): boolean {
  const useFunction = enclosingFunction(ctx, use);
  for (const node of ctx.nodes(["pointer_expression", "update_expression", "assignment_expression"])) {
    if (local && useFunction && !insideNode(node, useFunction)) continue;
    if (node.type === "pointer_expression") {
      const argument = node.childForFieldName("argument");
      if (node.child(0)?.type === "&" && argument?.type === "identifier" && argument.text === name && argument.startIndex !== use.startIndex) return true;
    } else if (node.type === "update_expression") {
      if (node.childForFieldName("argument")?.text === name) return true;
    } else {
      const left = node.childForFieldName("left");
      if (left?.type !== "identifier" || left.text !== name) continue;
      if (node.childForFieldName("operator")?.text !== "=") return true;
      if (!local && enclosingFunction(ctx, node) && !(useFunction && insideNode(node, useFunction))) return true;
    }
  }
  return false;
}

/** What `expression` stands for, following up to `depth` variables and macros of this file. */
export function constantValue(ctx: RuleContext, expression: SyntaxNode, depth = 4): CConstant {
  const node = unwrapExpression(expression);
  if (node.type === "number_literal") {
    const value = integerValue(node.text);
    return value === undefined ? { kind: "runtime", node } : { kind: "number", value, text: node.text, node };
  }
  if (node.type === "compound_literal_expression") {
    // `&(uint32_t){ 123456 }`
    const list = node.childForFieldName("value");
    const items = list ? list.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== "comment") : [];
    return items.length === 1 && depth > 0 ? constantValue(ctx, items[0]!, depth - 1) : { kind: "runtime", node };
  }
  if (node.type !== "identifier" || depth <= 0) return { kind: "runtime", node };
  const name = node.text;
  const written = latestWrite(ctx, name, node);
  if (written) {
    const local = enclosingFunction(ctx, written) !== undefined;
    if (changedOutOfSight(ctx, name, node, local)) return { kind: "runtime", node };
    return constantValue(ctx, written, depth - 1);
  }
  const macro = macroDefinition(ctx, name);
  if (macro) {
    const value = integerValue(macro.text.replace(/^\((.*)\)$/, "$1"));
    if (value !== undefined) return { kind: "number", value, text: macro.text, node: macro.node };
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(macro.text)) {
      // `#define PASSKEY DEFAULT_PASSKEY`: follow the chain by name.
      const next = macroDefinition(ctx, macro.text);
      if (!next) return { kind: "symbol", name: macro.text, node: macro.node };
      const nextValue = integerValue(next.text);
      return nextValue !== undefined ? { kind: "number", value: nextValue, text: next.text, node: next.node } : { kind: "runtime", node };
    }
    return { kind: "runtime", node };
  }
  // A variable of this file without a visible value (a parameter, a global set elsewhere) is not a constant.
  if (/^[a-z]/.test(name) || isDeclaredHere(ctx, name)) return { kind: "runtime", node };
  return { kind: "symbol", name, node };
}

/** Whether the file declares `name` as a variable or parameter (so it is not an enum or macro from elsewhere). */
function isDeclaredHere(ctx: RuleContext, name: string): boolean {
  for (const declarator of ctx.nodes(["init_declarator", "parameter_declaration", "declaration"])) {
    const target = declarator.childForFieldName("declarator");
    let current: SyntaxNode | null = target;
    for (let i = 0; current && i < 8; i++) {
      if (current.type === "identifier") {
        if (current.text === name) return true;
        break;
      }
      current = current.childForFieldName("declarator");
    }
  }
  return false;
}

/** The variable `&name` points at, for calls that take a value by address. */
export function addressOf(expression: SyntaxNode): SyntaxNode | undefined {
  const node = unwrapExpression(expression);
  if (node.type === "pointer_expression" && node.child(0)?.type === "&") return node.childForFieldName("argument") ?? undefined;
  if (node.type === "compound_literal_expression") return node;
  return undefined;
}
