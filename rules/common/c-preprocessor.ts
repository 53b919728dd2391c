// Which `#if` / `#ifdef` / `#elif` / `#else` branches of a C file are certainly compiled out.
// Without the build's `-D` flags and headers a branch is usually undecidable, so the evaluation is
// three-valued and says "off" only when it is sure: a literal condition (`#if 0`, the `#else` of
// `#if 1`), a macro the file itself defines or undefines before the directive (outside any other
// conditional but an include guard), or a switch that by convention is unset: a negated check
// switch such as `SKIP_SIGNATURE_CHECK` or `DISABLE_IMAGE_VERIFY` that nothing in the file defines.
// Kconfig-derived macros (`CONFIG_*`) and anything else unknown stay undecided.

import { nameWords } from "./names.ts";
import { isNegatedName } from "./switch-names.ts";
import { macroBody } from "./c-settings.ts";
import type { SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";

const CONDITIONALS = new Set(["preproc_if", "preproc_ifdef"]);
const BRANCHES = new Set(["preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef", "preproc_else"]);

/** Words that make a negated switch name one about a protection (`SKIP_SIG_CHECK`, not `NO_OS`). */
const CHECK_WORDS = new Set([
  "verify", "verification", "validate", "validation", "check", "checks", "sig", "sigs", "signature", "signatures",
  "auth", "authentication", "authenticate", "secure", "security", "crypto", "hash", "integrity",
]);

type Value = number | undefined;

interface MacroEvent {
  readonly at: number;
  /** `undefined` body value: defined without a plain integer body. */
  readonly defined: boolean;
  readonly value: Value;
  /** Inside a conditional other than an include guard: whether it happens depends on the build. */
  readonly certain: boolean;
}

const INTEGER = /^\(?\s*(0x[0-9a-f]+|\d+)(?:u|l|ul|lu|ll|ull|llu)?\s*\)?$/i;

function integerValue(text: string): Value {
  const match = INTEGER.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

const same = (a: SyntaxNode | null | undefined, b: SyntaxNode): boolean =>
  !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/**
 * `#ifndef X_H` / `#define X_H` (no body) around a whole header: not a build decision. A default
 * value (`#ifndef OTA_RETRIES` / `#define OTA_RETRIES 3`) is one: the build may define it first.
 */
function isIncludeGuard(conditional: SyntaxNode): boolean {
  if (conditional.type !== "preproc_ifdef" || conditional.child(0)?.type !== "#ifndef") return false;
  const name = conditional.childForFieldName("name")?.text;
  const first = conditional.namedChildren.find((c) => c !== null && c.type !== "comment" && c.type !== "identifier");
  if (!name || first?.type !== "preproc_def" || first.childForFieldName("name")?.text !== name) return false;
  const value = first.childForFieldName("value");
  return !value || macroBody(value.text, value.startIndex) === undefined;
}

/** Whether a directive sits in a conditional branch (include guards do not count). */
function isConditional(node: SyntaxNode): boolean {
  for (let current = node.parent, depth = 0; current && depth < 256; current = current.parent, depth++) {
    if (BRANCHES.has(current.type) && !(CONDITIONALS.has(current.type) && isIncludeGuard(current))) return true;
  }
  return false;
}

/** The file's `#define`s and `#undef`s, and the branch evaluation that uses them. */
export class PreprocessorFacts {
  private readonly events = new Map<string, MacroEvent[]>();
  private readonly verdicts = new Map<string, boolean | undefined>();

  constructor(ctx: RuleContext) {
    for (const node of ctx.nodes(["preproc_def", "preproc_function_def", "preproc_call"])) {
      if (node.type === "preproc_call") {
        if (node.childForFieldName("directive")?.text.trim() !== "#undef") continue;
        const arg = node.childForFieldName("argument");
        const name = arg ? macroBody(arg.text, arg.startIndex)?.text : undefined;
        if (name) this.add(name, { at: node.startIndex, defined: false, value: undefined, certain: !isConditional(node) });
        continue;
      }
      const name = node.childForFieldName("name")?.text;
      if (!name) continue;
      const arg = node.type === "preproc_def" ? node.childForFieldName("value") : null;
      const body = arg ? macroBody(arg.text, arg.startIndex) : undefined;
      this.add(name, { at: node.startIndex, defined: true, value: body ? integerValue(body.text) : undefined, certain: !isConditional(node) });
    }
  }

  private add(name: string, event: MacroEvent): void {
    const list = this.events.get(name) ?? [];
    list.push(event);
    this.events.set(name, list);
  }

  /** A macro's state at an offset: defined (and its integer value), undefined, or unknown. */
  macro(name: string, at: number): { defined: boolean | undefined; value: Value } {
    const before = (this.events.get(name) ?? []).filter((e) => e.at < at);
    const last = before[before.length - 1];
    if (last) {
      if (!last.certain) return { defined: undefined, value: undefined };
      return { defined: last.defined, value: last.defined ? last.value : 0 };
    }
    if ((this.events.get(name) ?? []).length > 0 || name.startsWith("CONFIG_")) return { defined: undefined, value: undefined };
    const words = nameWords(name);
    if (isNegatedName(words) && words.some((w) => CHECK_WORDS.has(w))) return { defined: false, value: 0 };
    return { defined: undefined, value: undefined };
  }

  private evaluate(node: SyntaxNode | null, at: number, depth = 0): Value {
    if (!node || depth > 64) return undefined;
    switch (node.type) {
      case "number_literal":
        return integerValue(node.text);
      case "identifier":
        return this.macro(node.text, at).value;
      case "preproc_defined": {
        const name = node.namedChildren.find((c) => c?.type === "identifier");
        const defined = name ? this.macro(name.text, at).defined : undefined;
        return defined === undefined ? undefined : defined ? 1 : 0;
      }
      case "parenthesized_expression":
        return this.evaluate(node.namedChildren.find((c) => c !== null && c.type !== "comment") ?? null, at, depth + 1);
      case "unary_expression": {
        const operator = node.childForFieldName("operator")?.text;
        const value = this.evaluate(node.childForFieldName("argument"), at, depth + 1);
        if (value === undefined) return undefined;
        if (operator === "!") return value ? 0 : 1;
        if (operator === "-") return -value;
        if (operator === "+") return value;
        return undefined;
      }
      case "binary_expression": {
        const operator = node.childForFieldName("operator")?.text;
        const left = this.evaluate(node.childForFieldName("left"), at, depth + 1);
        const right = this.evaluate(node.childForFieldName("right"), at, depth + 1);
        // Kleene logic: a known false conjunct decides `&&`, a known true disjunct decides `||`.
        if (operator === "&&") return left === 0 || right === 0 ? 0 : left !== undefined && right !== undefined ? 1 : undefined;
        if (operator === "||") return (left !== undefined && left !== 0) || (right !== undefined && right !== 0) ? 1 : left === 0 && right === 0 ? 0 : undefined;
        if (left === undefined || right === undefined) return undefined;
        switch (operator) {
          case "==": return left === right ? 1 : 0;
          case "!=": return left !== right ? 1 : 0;
          case "<": return left < right ? 1 : 0;
          case ">": return left > right ? 1 : 0;
          case "<=": return left <= right ? 1 : 0;
          case ">=": return left >= right ? 1 : 0;
          case "+": return left + right;
          case "-": return left - right;
          case "*": return left * right;
          case "&": return left & right;
          case "|": return left | right;
          default: return undefined;
        }
      }
      default:
        // Function-like macros (`IS_ENABLED(CONFIG_X)`), character literals, anything unparsed.
        return undefined;
    }
  }

  /** The truth of a branch's own test, ignoring the branches before it. */
  private ownTest(branch: SyntaxNode): boolean | undefined {
    switch (branch.type) {
      case "preproc_if":
      case "preproc_elif": {
        const value = this.evaluate(branch.childForFieldName("condition"), branch.startIndex);
        return value === undefined ? undefined : value !== 0;
      }
      case "preproc_ifdef":
      case "preproc_elifdef": {
        const directive = branch.child(0)?.type ?? "";
        const name = branch.childForFieldName("name");
        const defined = name ? this.macro(name.text, branch.startIndex).defined : undefined;
        if (defined === undefined) return undefined;
        return directive.endsWith("ndef") ? !defined : defined;
      }
      case "preproc_else":
        return true;
      default:
        return undefined;
    }
  }

  /** Whether a branch is compiled in: its own test true and every earlier branch of its chain false. */
  branchActive(branch: SyntaxNode): boolean | undefined {
    const key = `${branch.type}:${branch.startIndex}`;
    if (this.verdicts.has(key)) return this.verdicts.get(key);
    let verdict = this.ownTest(branch);
    if (branch.type === "preproc_elif" || branch.type === "preproc_elifdef" || branch.type === "preproc_else") {
      let child = branch;
      for (let parent = branch.parent, depth = 0; parent && BRANCHES.has(parent.type) && same(parent.childForFieldName("alternative"), child) && depth < 256; depth++) {
        const earlier = this.ownTest(parent);
        if (earlier === true) {
          verdict = false;
          break;
        }
        if (earlier === undefined && verdict !== false) verdict = undefined;
        if (CONDITIONALS.has(parent.type)) break;
        child = parent;
        parent = parent.parent;
      }
    }
    this.verdicts.set(key, verdict);
    return verdict;
  }

  /**
   * The innermost branch around `node` that is certainly compiled out, if any. Walks only the
   * node's ancestors; a chain's own `#elif`/`#else` links are not branches the node sits in.
   */
  inactiveBranch(node: SyntaxNode): SyntaxNode | undefined {
    let child = node;
    for (let parent = node.parent, depth = 0; parent && depth < 512; parent = parent.parent, depth++) {
      if (BRANCHES.has(parent.type) && !same(parent.childForFieldName("alternative"), child) && this.branchActive(parent) === false) return parent;
      child = parent;
    }
    return undefined;
  }
}

/** The directive line of a branch: `#if 0`, `#ifdef SKIP_SIG_CHECK`, `#else`. */
export function directiveText(branch: SyntaxNode): string {
  const text = branch.text;
  const end = text.indexOf("\n");
  let line = end < 0 ? text : text.slice(0, end);
  for (const opener of ["//", "/*"]) {
    const at = line.indexOf(opener);
    if (at >= 0) line = line.slice(0, at);
  }
  line = line.trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
