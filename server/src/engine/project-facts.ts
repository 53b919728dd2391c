// Facts that cross files: string macros (`#define BROKER_PW "…"` in a header, used as
// `.password = BROKER_PW` elsewhere). Collected by a linear line scan, without parsing, so a whole
// project's headers cost about as much as reading them — the prefilter still skips their parse.

import { LineIndex } from "./line-index.ts";
import type { Span, TextRange } from "./types.ts";

export interface MacroFact {
  readonly name: string;
  readonly path: string;
  /** Decoded value of the literal(s) making up the macro body. */
  readonly value: string;
  /** From the first quote to the last. */
  readonly literal: TextRange;
  /** Inside the quotes (the secret, when it is one). */
  readonly content: Span;
}

export class ProjectFacts {
  private readonly macros = new Map<string, MacroFact[]>();

  add(facts: readonly MacroFact[]): void {
    for (const fact of facts) {
      const list = this.macros.get(fact.name) ?? [];
      list.push(fact);
      this.macros.set(fact.name, list);
    }
  }

  /** Every definition of a string macro across the scanned set (several under `#if` branches). */
  stringMacro(name: string): readonly MacroFact[] {
    return this.macros.get(name) ?? [];
  }

  get size(): number {
    return this.macros.size;
  }
}

export const NO_FACTS = new ProjectFacts();

function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "0": "\0", '"': '"', "\\": "\\", "'": "'" };

/**
 * `#define NAME "literal" ["literal"…]` with line continuations; bodies mixing in anything but
 * literals are skipped (they are not plain string constants).
 */
export function scanStringMacros(path: string, text: string): MacroFact[] {
  const out: MacroFact[] = [];
  let lines: LineIndex | undefined;
  let index = text.indexOf("#");
  while (index >= 0) {
    let i = index + 1;
    while (text[i] === " " || text[i] === "\t") i++;
    if (text.startsWith("define", i) && (text[i + 6] === " " || text[i + 6] === "\t")) {
      i += 7;
      while (text[i] === " " || text[i] === "\t") i++;
      const nameStart = i;
      while (i < text.length && isIdentifierChar(text.charCodeAt(i))) i++;
      const name = text.slice(nameStart, i);
      if (name && text[i] !== "(") {
        const fact = readLiteralBody(text, i);
        if (fact) {
          lines ??= new LineIndex(text);
          out.push({ name, path, value: fact.value, literal: lines.range({ start: fact.start, end: fact.end }), content: { start: fact.contentStart, end: fact.contentEnd } });
        }
      }
    }
    index = text.indexOf("#", index + 1);
  }
  return out;
}

function readLiteralBody(text: string, from: number): { value: string; start: number; end: number; contentStart: number; contentEnd: number } | undefined {
  let i = from;
  let value = "";
  let start = -1;
  let end = -1;
  let contentStart = -1;
  let contentEnd = -1;
  for (;;) {
    while (text[i] === " " || text[i] === "\t" || (text[i] === "\\" && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n")))) {
      i += text[i] === "\\" ? (text[i + 1] === "\r" ? 3 : 2) : 1;
    }
    if (text[i] !== '"') break;
    if (start < 0) start = i;
    contentStart = contentStart < 0 ? i + 1 : contentStart;
    i++;
    while (i < text.length && text[i] !== '"' && text[i] !== "\n") {
      if (text[i] === "\\" && i + 1 < text.length) {
        value += ESCAPES[text[i + 1]!] ?? text[i + 1];
        i += 2;
      } else {
        value += text[i];
        i++;
      }
    }
    if (text[i] !== '"') return undefined;
    contentEnd = i;
    i++;
    end = i;
  }
  if (start < 0) return undefined;
  // Only a comment or the end of the line may follow: anything else makes it an expression.
  const rest = text.slice(i, text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i)).trim();
  if (rest && !rest.startsWith("//") && !rest.startsWith("/*")) return undefined;
  return { value, start, end, contentStart, contentEnd };
}
