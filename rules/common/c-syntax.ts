// C/C++ facts the rules share: string literal values, what name a literal is bound to, and
// string macros. Written against node types common to tree-sitter-c and tree-sitter-cpp, and
// tolerant of the ERROR nodes that macros and `#if` leave in real firmware.

import { descendants, namedChildrenOf, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { Span } from "../../server/src/engine/types.ts";

export const STRING_TYPES = new Set(["string_literal", "concatenated_string", "raw_string_literal"]);

export interface StringPart {
  /** Decoded text of this literal piece. */
  readonly value: string;
  /** Offsets of the piece's content, inside its quotes. */
  readonly content: Span;
}

export interface CStringValue {
  /** All literal pieces joined; macro pieces (`"http://" HOST`) appear as `\u0000`. */
  readonly value: string;
  readonly parts: readonly StringPart[];
  /** Whether a non-literal piece (a macro) takes part. */
  readonly hasMacro: boolean;
  /** From the first quote to the last. */
  readonly span: Span;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v" };

/** Decodes the body of a C string literal (between the quotes). */
export function decodeCEscapes(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i]!;
    if (next === "x") {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1))?.[0] ?? "";
      out += String.fromCharCode(parseInt(hex || "0", 16));
      i += hex.length;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next;
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}

/** Reads one literal token such as `u8"abc"` or `R"x(abc)x"` from the start of `text`. */
export function readLiteralToken(text: string, offset: number): { part: StringPart; length: number } | undefined {
  const prefix = /^(?:u8|u|U|L)?(R?)"/.exec(text);
  if (!prefix) return undefined;
  const open = prefix[0].length;
  if (prefix[1] === "R") {
    const delimiter = /^([^()\\\s"]{0,16})\(/.exec(text.slice(open));
    if (!delimiter) return undefined;
    const closer = `)${delimiter[1]}"`;
    const bodyStart = open + delimiter[0].length;
    const close = text.indexOf(closer, bodyStart);
    if (close < 0) return undefined;
    return { part: { value: text.slice(bodyStart, close), content: { start: offset + bodyStart, end: offset + close } }, length: close + closer.length };
  }
  let i = open;
  while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
  if (text[i] !== '"') return undefined;
  return { part: { value: decodeCEscapes(text.slice(open, i)), content: { start: offset + open, end: offset + i } }, length: i + 1 };
}

/** The value of a string expression node (`string_literal`, `concatenated_string`, `raw_string_literal`). */
export function stringValue(node: SyntaxNode): CStringValue | undefined {
  if (node.type === "string_literal" || node.type === "raw_string_literal") {
    const token = readLiteralToken(node.text, node.startIndex);
    if (!token) return undefined;
    return { value: token.part.value, parts: [token.part], hasMacro: false, span: { start: node.startIndex, end: node.endIndex } };
  }
  if (node.type === "concatenated_string") {
    const parts: StringPart[] = [];
    let value = "";
    let hasMacro = false;
    for (const child of namedChildrenOf(node)) {
      if (child.type === "string_literal" || child.type === "raw_string_literal") {
        const token = readLiteralToken(child.text, child.startIndex);
        if (!token) return undefined;
        parts.push(token.part);
        value += token.part.value;
      } else {
        hasMacro = true;
        value += "\u0000";
      }
    }
    return { value, parts, hasMacro, span: { start: node.startIndex, end: node.endIndex } };
  }
  return undefined;
}

/** Strips parentheses and casts around an expression: `(const char *)"x"` → `"x"`. */
/** The expression with the parentheses and casts around it, and what holds that. */
function outerExpression(node: SyntaxNode): { expression: SyntaxNode; parent: SyntaxNode | null } {
  let expression = node;
  // Each `.parent` re-descends from the root: read it once per step.
  let parent = expression.parent;
  while (parent && (parent.type === "parenthesized_expression" || parent.type === "cast_expression")) {
    expression = parent;
    parent = expression.parent;
  }
  return { expression, parent };
}

/** The identifier a declarator declares: `*name`, `name[16]`, `&name`, `ns::name`. */
export function declaratorName(node: SyntaxNode | null): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  for (let depth = 0; current && depth < 16; depth++) {
    switch (current.type) {
      case "identifier":
      case "field_identifier":
        return current;
      case "qualified_identifier":
        current = current.childForFieldName("name");
        break;
      case "pointer_declarator":
      case "array_declarator":
      case "reference_declarator":
      case "init_declarator":
      case "function_declarator":
      case "parenthesized_declarator":
        current = current.childForFieldName("declarator") ?? namedChildrenOf(current)[0] ?? null;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The name an lvalue names: `cfg.sta.password` → `password`, `buf[0]` → `buf`, `*p` → `p`. */
export function lvalueName(node: SyntaxNode | null): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  for (let depth = 0; current && depth < 16; depth++) {
    switch (current.type) {
      case "identifier":
      case "field_identifier":
        return current;
      case "field_expression":
        current = current.childForFieldName("field");
        break;
      case "subscript_expression":
        current = current.childForFieldName("argument");
        break;
      case "pointer_expression":
      case "parenthesized_expression":
      case "cast_expression":
        current = current.childForFieldName("argument") ?? current.childForFieldName("value") ?? namedChildrenOf(current).at(-1) ?? null;
        break;
      case "qualified_identifier":
        current = current.childForFieldName("name");
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

export type BindingKind = "variable" | "field" | "assignment" | "copy" | "argument";

export interface Binding {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly kind: BindingKind;
}

/** Functions that copy their second argument into their first. */
const COPY_FUNCTIONS = new Set(["strcpy", "strncpy", "strlcpy", "strcpy_s", "strncpy_s", "memcpy", "memmove", "strcat", "strncat", "strlcat"]);

/** The last field of a designated initializer: `.broker.address.uri = …` → `uri`. */
function designatorName(pair: SyntaxNode): SyntaxNode | undefined {
  const designators = namedChildrenOf(pair).filter((c) => c.type === "field_designator");
  const last = designators[designators.length - 1];
  return last ? namedChildrenOf(last).find((c) => c.type === "field_identifier") : undefined;
}

/** Attribute macros written between a declarator and its `=`: `PROGMEM`, `DRAM_ATTR`, `ICACHE_RODATA_ATTR`. */
const ATTRIBUTE_MACRO = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Attribute macros split a declaration for the grammar: `const char KEY[] PROGMEM = "…"` parses as
 * a declaration of `KEY` whose `;` is missing, followed by the assignment `PROGMEM = "…"`. The
 * value belongs to the name declared just before.
 */
function attributeSplitDeclaration(assignment: SyntaxNode): SyntaxNode | undefined {
  const left = assignment.childForFieldName("left");
  if (left?.type !== "identifier" || !ATTRIBUTE_MACRO.test(left.text)) return undefined;
  const statement = assignment.parent;
  if (statement?.type !== "expression_statement") return undefined;
  const previous = statement.previousNamedSibling;
  if (previous?.type !== "declaration" || !previous.child(previous.childCount - 1)?.isMissing) return undefined;
  return declaratorName(previous.childForFieldName("declarator"));
}

/**
 * `const char *const pass PROGMEM = "…"` parses with the attribute macro as the declared name: C
 * puts `pass` in an ERROR node just before it, C++ reads `pass PROGMEM` as a qualified name
 * without its `::`. The real name is `pass`.
 */
function attributeFreeName(name: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!name || !ATTRIBUTE_MACRO.test(name.text)) return name;
  const qualified = name.parent;
  if (qualified?.type === "qualified_identifier" && !qualified.text.includes("::")) {
    const scope = qualified.childForFieldName("scope");
    return scope?.type === "namespace_identifier" ? scope : name;
  }
  const previous = name.previousNamedSibling;
  if (previous?.type !== "ERROR") return name;
  const inner = namedChildrenOf(previous);
  return inner.length === 1 && inner[0]!.type === "identifier" ? inner[0] : name;
}

/** What a value expression is bound to: a declared variable, a struct field, an assignment target or a copy destination. */
export function bindingOf(valueNode: SyntaxNode): Binding | undefined {
  const { expression, parent } = outerExpression(valueNode);
  if (!parent) return undefined;
  const make = (nameNode: SyntaxNode | undefined, kind: BindingKind): Binding | undefined =>
    nameNode ? { name: nameNode.text, nameNode, kind } : undefined;
  switch (parent.type) {
    case "init_declarator":
      if (parent.childForFieldName("value")?.startIndex === expression.startIndex) return make(attributeFreeName(declaratorName(parent.childForFieldName("declarator"))), "variable");
      return undefined;
    case "initializer_pair":
      return make(designatorName(parent), "field");
    case "field_initializer":
      return make(namedChildrenOf(parent).find((c) => c.type === "field_identifier"), "field");
    case "assignment_expression": {
      if (parent.childForFieldName("right")?.startIndex !== expression.startIndex) return undefined;
      const declared = attributeSplitDeclaration(parent);
      return declared ? make(declared, "variable") : make(lvalueName(parent.childForFieldName("left")), "assignment");
    }
    case "argument_list": {
      const call = parent.parent;
      const fn = call?.type === "call_expression" ? call.childForFieldName("function")?.text : undefined;
      const args = namedChildrenOf(parent);
      if (fn && COPY_FUNCTIONS.has(fn) && args[1]?.startIndex === expression.startIndex) {
        return make(lvalueName(args[0] ?? null), "copy");
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export interface StringMacro {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly define: SyntaxNode;
  /** Literal pieces of the macro body; `hasMacro` when the body mixes in other tokens. */
  readonly value: CStringValue;
}

/**
 * `#define NAME "value"` (possibly split over several literals or lines). Bodies that are not
 * made only of literals (`#define URL "http://" HOST`) report `hasMacro`. Pass
 * `ctx.nodes(["preproc_def"])` rather than a root: walking the tree from JavaScript is slow.
 */
export function stringMacros(source: SyntaxNode | readonly SyntaxNode[]): StringMacro[] {
  const out: StringMacro[] = [];
  const defines = "type" in source ? descendants(source as SyntaxNode) : (source as readonly SyntaxNode[]);
  for (const node of defines) {
    if (node.type !== "preproc_def") continue;
    const nameNode = node.childForFieldName("name");
    const body = node.childForFieldName("value");
    if (!nameNode || !body) continue;
    const value = literalsInMacroBody(body.text, body.startIndex);
    if (value) out.push({ name: nameNode.text, nameNode, define: node, value });
  }
  return out;
}

export type MacroBodyToken =
  | { readonly kind: "literal"; readonly part: StringPart; readonly start: number; readonly end: number }
  | { readonly kind: "other"; readonly text: string; readonly start: number };

/**
 * The tokens of a macro body that matter to string checks: literals (with their decoded value and
 * content offsets) and the other words between them (macro names). Whitespace, line continuations,
 * comments and parentheses (`#define PASS ("x")`) are dropped. Offsets are absolute (`offset` is
 * where `text` starts); one pass, literals read within their own line.
 */
export function macroBodyTokens(text: string, offset: number): MacroBodyToken[] {
  const tokens: MacroBodyToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === "(" || ch === ")" || (ch === "\\" && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n")))) {
      i++;
      continue;
    }
    if (text.startsWith("//", i)) break;
    if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    // Ordinary literals end on their line; only raw strings may run on, so only they see the rest.
    const lineEnd = text.indexOf("\n", i);
    const raw = /^(?:u8|u|U|L)?R"/.test(text.slice(i, i + 4));
    const token = readLiteralToken(raw || lineEnd < 0 ? text.slice(i) : text.slice(i, lineEnd), offset + i);
    if (token) {
      tokens.push({ kind: "literal", part: token.part, start: offset + i, end: offset + i + token.length });
      i += token.length;
      continue;
    }
    // Always advance: an unterminated `"` must not stall the lexer.
    const from = i;
    i++;
    while (i < text.length && !/[\s"()]/.test(text[i]!)) i++;
    tokens.push({ kind: "other", text: text.slice(from, i), start: offset + from });
  }
  return tokens;
}

/** The string value of a macro body; `undefined` when it holds no literal. */
export function literalsInMacroBody(text: string, offset: number): CStringValue | undefined {
  const tokens = macroBodyTokens(text, offset);
  const literals = tokens.filter((t): t is Extract<MacroBodyToken, { kind: "literal" }> => t.kind === "literal");
  if (literals.length === 0) return undefined;
  return {
    value: tokens.map((t) => (t.kind === "literal" ? t.part.value : "\u0000")).join(""),
    parts: literals.map((t) => t.part),
    hasMacro: literals.length < tokens.length,
    span: { start: literals[0]!.start, end: literals[literals.length - 1]!.end },
  };
}
