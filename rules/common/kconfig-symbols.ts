// Kconfig symbols however a config spells them: `CONFIG_X` (application), `SB_CONFIG_X` (Zephyr
// sysbuild), `mcuboot_CONFIG_X` (a sysbuild image's CMake cache variable), in Kconfig value files,
// CMake presets (JSON), twister YAML, or as `NAME=value` assignments inside a string value
// (`extra_args: SB_CONFIG_X="…"`, `-DCONFIG_X=y` build flags).

import type { ConfigEntry } from "../../server/src/engine/config-entries.ts";
import type { Span } from "../../server/src/engine/types.ts";

export type KconfigNamespace = "app" | "sysbuild";

export interface KconfigRef {
  /** The symbol without its prefix, as Kconfig definition files name it: `BOOT_SIGNATURE_KEY_FILE`. */
  readonly symbol: string;
  readonly namespace: KconfigNamespace;
  /** The sysbuild image a `<image>_CONFIG_X` cache variable targets, e.g. `mcuboot`. */
  readonly image?: string;
}

const KEY = /^(?:([A-Za-z][A-Za-z0-9]*)_)?CONFIG_([A-Za-z0-9_]+)$/;

/** `CONFIG_X` → X (app); `SB_CONFIG_X` → X (sysbuild); `mcuboot_CONFIG_X` → X (app, image mcuboot). */
export function kconfigSymbolOf(key: string): KconfigRef | undefined {
  const match = KEY.exec(key.trim());
  if (!match) return undefined;
  const prefix = match[1];
  const symbol = match[2]!;
  if (prefix === undefined) return { symbol, namespace: "app" };
  if (prefix === "SB") return { symbol, namespace: "sysbuild" };
  return { symbol, namespace: "app", image: prefix };
}

export interface KconfigAssignment {
  readonly key: string;
  readonly ref: KconfigRef;
  /** The value without surrounding quotes (and without `\"` escapes of an enclosing string). */
  readonly value: string;
  /** Offsets of `value` in the file. */
  readonly valueSpan: Span;
  /** From the key to the end of the value token. */
  readonly span: Span;
}

// Starts only at a word boundary (so each character is scanned by one attempt); `-D` may precede.
const ASSIGNMENT = /(?<![A-Za-z0-9_])(?:-D)?((?:[A-Za-z][A-Za-z0-9]*_)?CONFIG_[A-Za-z0-9_]+)=([^\s;]*)/g;
const isQuoteChar = (ch: string | undefined) => ch === "\\" || ch === '"' || ch === "'";

/** Offsets of a token without the quotes and backslashes around it (`\"a.pem\"` → `a.pem`). */
function unquotedRange(token: string): { start: number; end: number } {
  let start = 0;
  let end = token.length;
  while (start < end && isQuoteChar(token[start])) start++;
  while (end > start && isQuoteChar(token[end - 1])) end--;
  return { start, end };
}

/** `NAME=value` assignments of Kconfig symbols inside a piece of text starting at `offset`. */
export function kconfigAssignmentsIn(text: string, offset: number): KconfigAssignment[] {
  const out: KconfigAssignment[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const key = match[1]!;
    const ref = kconfigSymbolOf(key);
    if (!ref) continue;
    const token = match[2]!;
    const { start: lead, end } = unquotedRange(token);
    const value = token.slice(lead, end);
    const keyStart = offset + match.index! + match[0].length - token.length - 1 - key.length;
    const valueStart = offset + match.index! + match[0].length - token.length + lead;
    out.push({ key, ref, value, valueSpan: { start: valueStart, end: valueStart + value.length }, span: { start: keyStart, end: offset + match.index! + match[0].length } });
  }
  return out;
}

/** Whether an entry sets the given symbol, in the given namespaces (default: both). */
export function setsSymbol(entry: ConfigEntry, symbol: string, namespaces: readonly KconfigNamespace[] = ["app", "sysbuild"]): boolean {
  const ref = kconfigSymbolOf(entry.key);
  return ref !== undefined && ref.symbol === symbol && namespaces.includes(ref.namespace);
}
