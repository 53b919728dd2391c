// Named settings in C/C++ source: `#define NAME value` plus the field writes of `c-calls.ts`
// (designated initialisers `.name = value`, field assignments `cfg.name = value` / `cfg->name = value`).
// Rules that look for a switch turned off (`.verify_signature = false`, `#define AUTO_UPDATE 0`)
// read this one list instead of each walking the tree for the three shapes.

import { isRuleContext, nodesOfTypes, oncePerFile, type NodeSource } from "./node-source.ts";
import { descendants, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { Span } from "../../server/src/engine/types.ts";
import { fieldWrites } from "./c-calls.ts";

export type CSettingKind = "define" | "field" | "assignment";

export interface CSetting {
  readonly name: string;
  readonly kind: CSettingKind;
  readonly nameSpan: Span;
  /** The value as written, comments removed; undefined for a body-less `#define NAME`. */
  readonly valueText: string | undefined;
  readonly valueSpan: Span | undefined;
  /** From the name to the end of the value. */
  readonly span: Span;
  /** For struct fields: names that say what the struct is (variable, type, enclosing members); see `FieldWrite`. */
  readonly context: readonly string[];
  /**
   * For `#define`s: another branch of the same `#if`/`#ifdef` defines the name too, so the value
   * follows the build configuration (`#ifdef CONFIG_SECURE_SIGNED_ON_UPDATE … 1 #else … 0`).
   */
  readonly configDerived: boolean;
}

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });

const CONDITIONALS = new Set(["preproc_if", "preproc_ifdef"]);
const BRANCHES = new Set(["preproc_else", "preproc_elif", "preproc_elifdef"]);

/** The innermost `#if`/`#ifdef` a node sits in (through its `#else`/`#elif` branches), if any. */
function enclosingConditional(node: SyntaxNode): SyntaxNode | undefined {
  let current = node.parent;
  while (current && BRANCHES.has(current.type)) current = current.parent;
  return current && CONDITIONALS.has(current.type) ? current : undefined;
}

/** The body of a `#define` without comments, with its offset; undefined when nothing but comments remains. */
export function macroBody(text: string, offset: number): { text: string; span: Span } | undefined {
  let cut = text.length;
  const line = text.indexOf("//");
  if (line >= 0) cut = line;
  const block = text.indexOf("/*");
  if (block >= 0 && block < cut) cut = block;
  const head = text.slice(0, cut);
  const trimmed = head.trim();
  if (!trimmed) return undefined;
  const start = offset + head.indexOf(trimmed);
  return { text: trimmed, span: { start, end: start + trimmed.length } };
}

/** Every `#define`, designated initialiser and field assignment in the tree, in document order. */
const PREPROC_DEFINES = new Set(["preproc_def"]);

/** Pass the rule context (the engine's node index) rather than a root: walking whole files from JavaScript is slow. */
export function cSettings(source: NodeSource): CSetting[] {
  return isRuleContext(source) ? oncePerFile(source, "cSettings", () => computeCSettings(source)) : computeCSettings(source);
}

function computeCSettings(source: NodeSource): CSetting[] {
  const out: CSetting[] = [];
  // How often each name is defined inside each conditional, so `configDerived` costs one pass.
  const definesIn = new Map<number, Map<string, number>>();
  const pending: { setting: Omit<CSetting, "configDerived">; conditional: number | undefined }[] = [];
  for (const node of nodesOfTypes(source, PREPROC_DEFINES)) {
    const nameNode = node.childForFieldName("name");
    if (!nameNode) continue;
    const arg = node.childForFieldName("value");
    const body = arg ? macroBody(arg.text, arg.startIndex) : undefined;
    const conditional = enclosingConditional(node);
    if (conditional) {
      const names = definesIn.get(conditional.startIndex) ?? new Map<string, number>();
      names.set(nameNode.text, (names.get(nameNode.text) ?? 0) + 1);
      definesIn.set(conditional.startIndex, names);
    }
    pending.push({
      conditional: conditional?.startIndex,
      setting: {
        name: nameNode.text,
        kind: "define",
        nameSpan: span(nameNode),
        valueText: body?.text,
        valueSpan: body?.span,
        span: { start: nameNode.startIndex, end: body?.span.end ?? nameNode.endIndex },
        context: [],
      },
    });
  }
  for (const { setting, conditional } of pending) {
    const count = conditional === undefined ? 0 : (definesIn.get(conditional)?.get(setting.name) ?? 0);
    out.push({ ...setting, configDerived: count > 1 });
  }
  for (const write of fieldWrites(source)) {
    out.push({
      name: write.field,
      kind: write.assignment ? "assignment" : "field",
      nameSpan: span(write.fieldNode),
      valueText: write.value.text,
      valueSpan: span(write.value),
      span: { start: write.fieldNode.startIndex, end: write.value.endIndex },
      context: write.context,
      configDerived: false,
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

const C_TRUE = new Set(["1", "true", "TRUE", "True", "pdTRUE"]);
const C_FALSE = new Set(["0", "false", "FALSE", "False", "pdFALSE"]);

/** `true`/`false` for C switch values (`0`, `1U`, `false`, `(TRUE)`, `(bool)0`), else undefined. */
export function cSwitchValue(text: string): boolean | undefined {
  let value = text.trim();
  for (let i = 0; i < 4 && value.startsWith("(") && value.endsWith(")"); i++) value = value.slice(1, -1).trim();
  value = value.replace(/^\((?:bool|_Bool|int|uint8_t|unsigned)\)\s*/, "").replace(/^([01])(?:[uU][lL]{0,2}|[lL]{1,2}[uU]?)$/, "$1");
  if (C_TRUE.has(value)) return true;
  if (C_FALSE.has(value)) return false;
  return undefined;
}

/** The value of a plain C integer literal (`0`, `0U`, `0x0`, `(0)`), else undefined. */
export function cIntegerValue(text: string): number | undefined {
  let value = text.trim();
  for (let i = 0; i < 4 && value.startsWith("(") && value.endsWith(")"); i++) value = value.slice(1, -1).trim();
  const match = /^(0x[0-9a-f]+|\d+)(?:u|l|ul|lu|ll|ull|llu)?$/i.exec(value);
  return match ? Number(match[1]) : undefined;
}
