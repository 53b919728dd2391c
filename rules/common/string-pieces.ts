// Every string value of a file as a run of pieces with source offsets, whatever the language: C/C++
// literals (concatenations like `"http://" HOST "/x"` included), `#define` bodies, and config values.
// Rules that scan inside values (URLs, host:port pairs) search the flattened text and map matches
// back to the source, so a fix edits exactly the characters it should. Pieces hold the source text
// as written (escapes not decoded) so that offsets map one to one.

import { namedChildrenOf, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";
import type { ConfigEntry } from "../../server/src/engine/config-entries.ts";
import { macroBodyTokens, readLiteralToken, STRING_TYPES } from "./c-syntax.ts";

/** A literal piece (`start` is its source offset) or, with `start` undefined, a macro between literals. */
export interface TextPiece {
  readonly text: string;
  readonly start: number | undefined;
}

/** Marks a macro piece in flattened text. */
export const MACRO_MARK = "\u0000";

export class FlatText {
  readonly text: string;
  private readonly flatStarts: number[] = [];

  constructor(readonly pieces: readonly TextPiece[]) {
    let text = "";
    for (const piece of pieces) {
      this.flatStarts.push(text.length);
      text += piece.start === undefined ? MACRO_MARK : piece.text;
    }
    this.text = text;
  }

  private pieceAt(index: number): number {
    let found = -1;
    for (let i = 0; i < this.flatStarts.length && this.flatStarts[i]! <= index; i++) found = i;
    return found;
  }

  /** Source offset of a flat index, or undefined inside a macro piece. */
  sourceOffset(index: number): number | undefined {
    const i = this.pieceAt(index);
    const piece = this.pieces[i];
    if (!piece || piece.start === undefined) return undefined;
    return piece.start + (index - this.flatStarts[i]!);
  }

  /** Flat index where the piece holding `index` ends. */
  pieceEnd(index: number): number {
    const i = this.pieceAt(index);
    return i + 1 < this.flatStarts.length ? this.flatStarts[i + 1]! : this.text.length;
  }
}

/** Pieces of a C string expression (`string_literal`, `concatenated_string`, `raw_string_literal`). */
export function cStringPieces(node: SyntaxNode): TextPiece[] | undefined {
  const literal = (n: SyntaxNode): TextPiece | undefined => {
    const token = readLiteralToken(n.text, n.startIndex);
    if (!token) return undefined;
    const { start, end } = token.part.content;
    return { text: n.text.slice(start - n.startIndex, end - n.startIndex), start };
  };
  if (node.type === "string_literal" || node.type === "raw_string_literal") {
    const piece = literal(node);
    return piece ? [piece] : undefined;
  }
  if (node.type !== "concatenated_string") return undefined;
  const out: TextPiece[] = [];
  for (const child of namedChildrenOf(node)) {
    if (child.type === "comment") continue;
    if (child.type === "string_literal" || child.type === "raw_string_literal") {
      const piece = literal(child);
      if (!piece) return undefined;
      out.push(piece);
    } else {
      out.push({ text: child.text, start: undefined });
    }
  }
  return out;
}

/** Pieces of a macro body (`#define URL "http://" HOST "/x"`), or undefined when it holds no literal. */
export function macroBodyPieces(body: SyntaxNode): TextPiece[] | undefined {
  const text = body.text;
  const tokens = macroBodyTokens(text, body.startIndex);
  if (!tokens.some((t) => t.kind === "literal")) return undefined;
  return tokens.map((t) =>
    t.kind === "literal"
      ? { text: text.slice(t.part.content.start - body.startIndex, t.part.content.end - body.startIndex), start: t.part.content.start }
      : { text: t.text, start: undefined },
  );
}

/** Where a string value came from. */
export type StringSource =
  | { readonly kind: "c-string"; readonly node: SyntaxNode; readonly flat: FlatText }
  | { readonly kind: "c-macro"; readonly node: SyntaxNode; readonly flat: FlatText }
  | { readonly kind: "config"; readonly entry: ConfigEntry; readonly flat: FlatText };

const MACRO_DEFINITIONS = new Set(["preproc_def", "preproc_function_def"]);
/** Nodes whose string literals are not values of their own: pieces of a concatenation, `#include` paths. */
const LITERAL_HOLDERS = new Set(["concatenated_string", "preproc_include"]);

/**
 * Every string value of the file: C/C++ literals and macro bodies, or config values (not keys, not
 * comments). Computed once per file: several rules read them.
 */
export function stringSources(ctx: RuleContext): readonly StringSource[] {
  return ctx.memo("stringSources", () => collectStringSources(ctx));
}

function collectStringSources(ctx: RuleContext): StringSource[] {
  const out: StringSource[] = [];
  const language = ctx.file.language;
  if (language === "c" || language === "cpp") {
    if (!ctx.root) return out;
    // Nodes come in document order, holders before what they hold, so a literal starting before the
    // last holder's end is inside it: no `.parent` call per literal (each one re-descends from the root).
    let holderEnd = -1;
    for (const node of ctx.nodes([...STRING_TYPES, ...MACRO_DEFINITIONS, ...LITERAL_HOLDERS])) {
      const type = node.type;
      if (LITERAL_HOLDERS.has(type)) holderEnd = Math.max(holderEnd, node.endIndex);
      if (STRING_TYPES.has(type)) {
        if (type !== "concatenated_string" && node.startIndex < holderEnd) continue;
        const pieces = cStringPieces(node);
        if (pieces) out.push({ kind: "c-string", node, flat: new FlatText(pieces) });
      } else if (MACRO_DEFINITIONS.has(type)) {
        const body = node.childForFieldName("value");
        const pieces = body ? macroBodyPieces(body) : undefined;
        if (pieces) out.push({ kind: "c-macro", node, flat: new FlatText(pieces) });
      }
    }
    return out;
  }
  for (const entry of ctx.entries()) {
    if (entry.kind === "unset" || entry.kind === "null") continue;
    const { start, end } = entry.contentSpan;
    // Valueless devicetree properties point their value at the name.
    if (start === entry.keySpan.start && end === entry.keySpan.end) continue;
    out.push({ kind: "config", entry, flat: new FlatText([{ text: ctx.file.text.slice(start, end), start }]) });
  }
  return out;
}
