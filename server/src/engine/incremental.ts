// Incremental reparsing for hosts that hold a document open (the language server): turns a text
// change into the `TreeEdit` tree-sitter needs, so a host can call `backend.editTree` and then
// `engine.parse(file, { oldTree })` without knowing how tree-sitter counts rows and columns.
//
// Tree-sitter rows end at `\n` only (a lone `\r` does not start a row, unlike LSP lines), and both
// backends report columns and indices in UTF-16 code units for JavaScript strings.

import type { ParsedTree, ParserBackend, TreeEdit } from "./parser.ts";

/** A replacement of `[start, end)` of the old text by `newText`; offsets in UTF-16 code units. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface TreePoint {
  readonly row: number;
  readonly column: number;
}

/** Tree-sitter's point for an offset: rows split at `\n`, columns in code units. */
export function pointAt(text: string, offset: number): TreePoint {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached by writing `inserted` starting at `from`. */
function advance(from: TreePoint, inserted: string): TreePoint {
  const lastBreak = inserted.lastIndexOf("\n");
  if (lastBreak < 0) return { row: from.row, column: from.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf("\n"); i >= 0; i = inserted.indexOf("\n", i + 1)) rows++;
  return { row: from.row + rows, column: inserted.length - lastBreak - 1 };
}

/** The tree edit describing `change` applied to `oldText`. */
export function treeEditFor(oldText: string, change: TextChange): TreeEdit {
  const startPosition = pointAt(oldText, change.start);
  const oldEndPosition = advance(startPosition, oldText.slice(change.start, change.end));
  const newEndPosition = advance(startPosition, change.newText);
  return {
    startIndex: change.start,
    oldEndIndex: change.end,
    newEndIndex: change.start + change.newText.length,
    startPosition,
    oldEndPosition,
    newEndPosition,
  };
}

/** Applies one change to a text. */
export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.newText + text.slice(change.end);
}

/**
 * Records `change` on `tree` (which must describe `oldText`) and returns the new text; the tree
 * then serves as `oldTree` for the next `engine.parse`.
 */
export function editTreeAndText(backend: ParserBackend, tree: ParsedTree, oldText: string, change: TextChange): string {
  backend.editTree(tree, treeEditFor(oldText, change));
  return applyChange(oldText, change);
}
