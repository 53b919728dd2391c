// C/C++ facts about calls and struct fields that transport rules (and any rule keyed on an SDK
// API or a config struct field) share: who is called with what, which field a value is written
// to, and the names around it (`mqtt_cfg`, `esp_mqtt_client_config_t`, `.broker.address`) that say
// what the struct is for. Written against node types common to tree-sitter-c and tree-sitter-cpp.

import { isRuleContext, nodesOfTypes, oncePerFile, type NodeSource } from "./node-source.ts";
import { ancestor, namedChildrenOf, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import { declaratorName } from "./c-syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";

/** Strips parentheses and casts: `((long)0)` → `0`. */
export function unwrapExpression(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let depth = 0; depth < 16; depth++) {
    if (current.type === "parenthesized_expression") {
      const inner = namedChildrenOf(current).find((c) => c.type !== "comment");
      if (!inner) return current;
      current = inner;
    } else if (current.type === "cast_expression") {
      const value = current.childForFieldName("value");
      if (!value) return current;
      current = value;
    } else {
      return current;
    }
  }
  return current;
}

/** The called name: `f(…)` → `f`, `client.setServer(…)` → `setServer`, `ns::f(…)` → `f`. */
export function calleeName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName("function");
  if (!fn) return undefined;
  if (fn.type === "identifier") return fn.text;
  if (fn.type === "field_expression") return fn.childForFieldName("field")?.text;
  if (fn.type === "qualified_identifier") return fn.childForFieldName("name")?.text;
  return undefined;
}

export interface NamedCall {
  readonly call: SyntaxNode;
  readonly name: string | undefined;
}

/**
 * Every call of the file with its callee's name, worked out once per file: most rules look calls
 * up by name, and each name costs several calls into the parser.
 */
export function namedCalls(ctx: RuleContext): readonly NamedCall[] {
  return ctx.memo("namedCalls", () => ctx.nodes(["call_expression"]).map((call) => ({ call, name: calleeName(call) })));
}

/** The arguments of a call expression, comments left out. */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName("arguments");
  return list ? namedChildrenOf(list).filter((c) => c.type !== "comment") : [];
}

/** The call a value is an argument of, and its index. */
export function enclosingCall(node: SyntaxNode): { call: SyntaxNode; name: string | undefined; index: number } | undefined {
  let expression = node;
  // Each `.parent` re-descends from the root: read it once per step.
  let list = expression.parent;
  while (list && (list.type === "parenthesized_expression" || list.type === "cast_expression")) {
    expression = list;
    list = expression.parent;
  }
  const call = list?.type === "argument_list" ? list.parent : undefined;
  if (!call || call.type !== "call_expression") return undefined;
  const index = callArguments(call).findIndex((a) => a.startIndex === expression.startIndex);
  return { call, name: calleeName(call), index };
}

/** The names along an lvalue: `ctx->cfg.broker.port` → [ctx, cfg, broker, port]. */
export function memberPath(node: SyntaxNode): string[] {
  const out: string[] = [];
  let current: SyntaxNode | null = node;
  for (let depth = 0; current && depth < 32; depth++) {
    switch (current.type) {
      case "field_expression": {
        const field = current.childForFieldName("field");
        if (field) out.unshift(field.text);
        current = current.childForFieldName("argument");
        break;
      }
      case "subscript_expression":
        current = current.childForFieldName("argument");
        break;
      case "pointer_expression":
      case "parenthesized_expression":
        current = current.childForFieldName("argument") ?? namedChildrenOf(current)[0] ?? null;
        break;
      case "identifier":
      case "field_identifier":
        out.unshift(current.text);
        return out;
      case "qualified_identifier":
        current = current.childForFieldName("name");
        break;
      default:
        return out;
    }
  }
  return out;
}

/** A value written to a named struct field, by designated initialiser or by assignment. */
export interface FieldWrite {
  /** The field written: the last designator or member name. */
  readonly field: string;
  readonly fieldNode: SyntaxNode;
  readonly value: SyntaxNode;
  /**
   * Names that say what the struct is for, outermost first: the declared variable and its type,
   * enclosing designators, the lvalue's members (`mqtt_cfg`, `esp_mqtt_client_config_t`, `broker`, `address`).
   */
  readonly context: readonly string[];
  /** `cfg.x = v` rather than `{ .x = v }` or a constructor's `x(v)`. */
  readonly assignment: boolean;
}

function designators(pair: SyntaxNode): SyntaxNode[] {
  return namedChildrenOf(pair)
    .filter((c) => c.type === "field_designator")
    .map((d) => namedChildrenOf(d).find((c) => c.type === "field_identifier"))
    .filter((n): n is SyntaxNode => n !== undefined);
}

const DECLARATION_TYPES = new Set(["declaration", "field_declaration", "parameter_declaration"]);

/** Names around an initializer list: enclosing designators, the declared variable, its type. */
function initializerContext(list: SyntaxNode): string[] {
  const out: string[] = [];
  let current: SyntaxNode | null = list;
  for (let depth = 0; current && depth < 32; depth++) {
    const parent: SyntaxNode | null = current.parent;
    if (!parent) break;
    if (parent.type === "initializer_pair") {
      out.unshift(...designators(parent).map((d) => d.text));
    } else if (parent.type === "field_initializer") {
      const name = namedChildrenOf(parent).find((c) => c.type === "field_identifier");
      if (name) out.unshift(name.text);
    } else if (parent.type === "init_declarator") {
      const name = declaratorName(parent.childForFieldName("declarator"));
      if (name) out.unshift(name.text);
      const declaration = ancestor(parent, DECLARATION_TYPES, 2);
      const type = declaration?.childForFieldName("type");
      if (type) out.unshift(type.text);
      break;
    } else if (parent.type === "compound_literal_expression") {
      const type = parent.childForFieldName("type");
      if (type) out.unshift(type.text);
      break;
    } else if (parent.type !== "initializer_list" && parent.type !== "initializer_pair") {
      break;
    }
    current = parent;
  }
  return out;
}

/** Every field write in the file (pass the rule context) or below a node: `.a.b = v` in initialisers, `{ .a = { .b = v } }`, `x.a.b = v;`, `p->b = v;`. */
const FIELD_WRITE_TYPES = new Set(["initializer_pair", "field_initializer", "assignment_expression"]);

export function fieldWrites(source: NodeSource): FieldWrite[] {
  return isRuleContext(source) ? oncePerFile(source, "fieldWrites", () => computeFieldWrites(source)) : computeFieldWrites(source);
}

function computeFieldWrites(source: NodeSource): FieldWrite[] {
  const out: FieldWrite[] = [];
  // Every field of one initializer list shares its context: work it out once per list.
  const contexts = new Map<number, string[]>();
  const contextOf = (list: SyntaxNode | null): string[] => {
    if (!list) return [];
    let context = contexts.get(list.startIndex);
    if (!context) {
      context = initializerContext(list);
      contexts.set(list.startIndex, context);
    }
    return context;
  };
  for (const node of nodesOfTypes(source, FIELD_WRITE_TYPES)) {
    if (node.type === "initializer_pair") {
      const names = designators(node);
      const last = names[names.length - 1];
      const value = node.childForFieldName("value") ?? namedChildrenOf(node).at(-1);
      if (!last || !value || value.type === "field_designator") continue;
      out.push({ field: last.text, fieldNode: last, value, context: [...contextOf(node.parent), ...names.slice(0, -1).map((n) => n.text)], assignment: false });
    } else if (node.type === "field_initializer") {
      const name = namedChildrenOf(node).find((c) => c.type === "field_identifier");
      const value = namedChildrenOf(node).at(-1);
      if (!name || !value || value.startIndex === name.startIndex) continue;
      out.push({ field: name.text, fieldNode: name, value, context: [...contextOf(node.parent)], assignment: false });
    } else if (node.type === "assignment_expression") {
      if (node.childForFieldName("operator")?.text !== "=" && node.child(1)?.text !== "=") continue;
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (!left || !right || left.type !== "field_expression") continue;
      const fieldNode = left.childForFieldName("field");
      if (!fieldNode) continue;
      const path = memberPath(left);
      out.push({ field: fieldNode.text, fieldNode, value: right, context: path.slice(0, -1), assignment: true });
    }
  }
  return out;
}

const FUNCTION_DEFINITION: ReadonlySet<string> = new Set(["function_definition"]);

/**
 * Spans of nodes listed in document order (outer first, as `ctx.nodes` gives them), answering
 * "which of them holds this range" by binary search instead of walking up the tree: each
 * `.parent` re-descends from the root.
 */
class SpanIndex {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Index of the nearest listed node holding each one, or -1. */
  private readonly outer: Int32Array;

  constructor(nodes: readonly SyntaxNode[]) {
    this.starts = Int32Array.from(nodes, (n) => n.startIndex);
    this.ends = Int32Array.from(nodes, (n) => n.endIndex);
    this.outer = new Int32Array(nodes.length).fill(-1);
    const open: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      while (open.length > 0 && this.ends[open[open.length - 1]!]! < this.ends[i]!) open.pop();
      if (open.length > 0) this.outer[i] = open[open.length - 1]!;
      open.push(i);
    }
  }

  /** The innermost listed node strictly holding [start, end): one with exactly that span is the node itself or an ancestor. */
  innermost(start: number, end: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.starts[middle]! <= start) low = middle + 1;
      else high = middle;
    }
    let i = low - 1;
    if (i >= 0 && this.starts[i] === start && this.ends[i] === end) i = this.outer[i]!;
    while (i >= 0 && this.ends[i]! < end) i = this.outer[i]!;
    return i;
  }
}

/**
 * The function definition around a node, if the parse got that far: found by position among the
 * file's functions rather than by walking up.
 */
export function enclosingFunction(ctx: RuleContext, node: SyntaxNode): SyntaxNode | undefined {
  const start = node.startIndex;
  const end = node.endIndex;
  // A zero-width node (a MISSING token) at a function's last byte may be its missing `}` or the
  // next statement's missing token: only the tree knows. They are rare, so walk up for them.
  if (start === end) return ancestor(node, FUNCTION_DEFINITION);
  const functions = ctx.nodes(["function_definition"]);
  const i = ctx.memo("functionSpans", () => new SpanIndex(functions)).innermost(start, end);
  return i >= 0 ? functions[i] : undefined;
}

/**
 * The name node a function definition declares (`verify_image` of `static int *verify_image(…)`),
 * worked out once per file whichever rules ask: it takes a walk down the declarator into the parser.
 */
export function functionNameNode(ctx: RuleContext, fn: SyntaxNode): SyntaxNode | undefined {
  const names = ctx.memo("functionNames", () => new Map<number, SyntaxNode | undefined>());
  if (!names.has(fn.startIndex)) names.set(fn.startIndex, declaratorName(fn.childForFieldName("declarator")));
  return names.get(fn.startIndex);
}

/**
 * The innermost call whose span holds a node (not necessarily its parent: the node may sit deeper
 * in an argument), by position; a cheap test before asking the tree which call a value is passed to.
 */
export function innermostCall(ctx: RuleContext, node: SyntaxNode): NamedCall | undefined {
  const calls = namedCalls(ctx);
  const i = ctx.memo("callSpans", () => new SpanIndex(calls.map((c) => c.call))).innermost(node.startIndex, node.endIndex);
  return i >= 0 ? calls[i] : undefined;
}
