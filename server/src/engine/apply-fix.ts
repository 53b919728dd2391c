// Applies text edits. Shared by the CLI's `--fix`, the language server's code actions and the
// fix-safety tests, so every host rewrites text the same way.

import type { TextEdit } from "./types.ts";

/** Applies non-overlapping edits (any order); throws on overlap rather than garbling text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping or out-of-range edit at ${edit.start}`);
    }
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
