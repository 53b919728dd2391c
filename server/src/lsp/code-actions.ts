// Code actions over one document's current findings: a quick fix per fix a finding offers (safe
// ones preferred, unsafe ones labelled), "Suppress with justification" in the file's own comment
// syntax, and `source.fixAll.sterile` applying every safe fix (what `editor.codeActionsOnSave`
// runs).

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Command,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LanguageId } from "../../../grammars/registry.ts";
import { applyEdits } from "../engine/apply-fix.ts";
import { LineIndex } from "../engine/line-index.ts";
import { inlineSuppressionUnavailable, suppressionLine } from "../engine/suppression-comment.ts";
import type { Finding, Fix, TextEdit } from "../engine/types.ts";
import { SOURCE, toLspRange } from "./diagnostics.ts";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const SELECT_JUSTIFICATION_COMMAND = "sterile.server.selectJustification";
export const UNSAFE_SUFFIX = " (may change behaviour)";

export interface CodeActionOptions {
  readonly uri: string;
  readonly document: TextDocument;
  readonly language: LanguageId;
  readonly findings: readonly Finding[];
  readonly range: Range;
  readonly context: CodeActionContext;
  /** The client applies versioned `documentChanges` (else plain `changes`). */
  readonly documentChanges: boolean;
  /** The client shows disabled actions with their reason. */
  readonly disabledSupport: boolean;
  /** Re-runs the rules on a candidate text, for fix-all's follow-up passes. */
  readonly reanalyze: (text: string) => readonly Finding[];
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix || kind === FIX_ALL_KIND;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function workspaceEdit(options: CodeActionOptions, edits: LspTextEdit[]): WorkspaceEdit {
  if (options.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: options.uri, version: options.document.version }, edits }] };
  }
  return { changes: { [options.uri]: edits } };
}

function lspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
}

function diagnosticFor(context: CodeActionContext, finding: Finding) {
  const range = toLspRange(finding.range);
  // Some clients echo back only parts of a diagnostic (Neovim 0.7 drops `range`): match what is there.
  return context.diagnostics.filter(
    (d) =>
      d.range &&
      d.source === SOURCE &&
      d.code === finding.ruleId &&
      d.range.start.line === range.start.line &&
      d.range.start.character === range.start.character &&
      d.range.end.line === range.end.line &&
      d.range.end.character === range.end.character,
  );
}

export function fixTitle(fix: Fix): string {
  return fix.safety === "unsafe" ? `${fix.title}${UNSAFE_SUFFIX}` : fix.title;
}

function quickFixes(options: CodeActionOptions, finding: Finding): CodeAction[] {
  // Safe fixes first: editors list actions in the order given.
  const fixes = [...finding.fixes].sort((a, b) => (a.safety === b.safety ? 0 : a.safety === "safe" ? -1 : 1));
  return fixes.map((fix, i) => ({
    title: fixTitle(fix),
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnosticFor(options.context, finding),
    isPreferred: fix.safety === "safe" && i === 0,
    edit: workspaceEdit(options, lspEdits(options.document, fix.edits)),
  }));
}

function suppressAction(options: CodeActionOptions, finding: Finding): CodeAction | undefined {
  const title = `Suppress ${finding.ruleId} with justification`;
  const unavailable = inlineSuppressionUnavailable(options.language);
  if (unavailable) {
    return options.disabledSupport ? { title, kind: CodeActionKind.QuickFix, disabled: { reason: unavailable } } : undefined;
  }
  const text = options.document.getText();
  const lines = new LineIndex(text);
  const line = finding.range.startPosition.line;
  const lineText = lines.lineText(line);
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? "";
  const lineBreak = /\r\n|\r|\n/.exec(text)?.[0] ?? "\n";
  const suppression = suppressionLine(options.language, finding.ruleId, indent, lineBreak);
  if (!suppression) return undefined;
  const at = { line, character: 0 };
  const selection: Range = { start: { line, character: suppression.placeholder.start }, end: { line, character: suppression.placeholder.end } };
  const command: Command = { title: "Select the justification", command: SELECT_JUSTIFICATION_COMMAND, arguments: [options.uri, selection] };
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnosticFor(options.context, finding),
    edit: workspaceEdit(options, [{ range: { start: at, end: at }, newText: suppression.text }]),
    command,
  };
}

/** Picks non-overlapping safe fixes, first come first served in document order. */
function safeEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safety === "safe");
    if (!fix) continue;
    const clashes = fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end) || chosen.some((c) => c.start === e.start && c.end === e.end));
    if (!clashes) chosen.push(...fix.edits);
  }
  return chosen;
}

const FIX_ALL_PASSES = 5;

/**
 * Every safe fix applied, re-checking after each pass (a fix may uncover the next), as one edit per
 * changed region of the original text. Never one edit spanning them all: that would send the
 * unchanged lines between two fixes back over the wire — and into any trace log — secrets included.
 */
export function fixAllEdits(text: string, findings: readonly Finding[], reanalyze: (text: string) => readonly Finding[]): TextEdit[] {
  let current = text;
  // For each character of `current`, the offset it had in `text`, or -1 where a fix wrote it.
  let origin: Int32Array | undefined;
  let pending = findings;
  for (let pass = 0; pass < FIX_ALL_PASSES; pass++) {
    // In the order applyEdits takes them (an insertion before a replacement starting there).
    const edits = [...safeEdits(pending)].sort((a, b) => a.start - b.start || a.end - b.end);
    if (edits.length === 0) break;
    if (!origin) {
      origin = new Int32Array(text.length);
      for (let i = 0; i < text.length; i++) origin[i] = i;
    }
    const next = new Int32Array(current.length + edits.reduce((n, e) => n + e.newText.length - (e.end - e.start), 0));
    let from = 0;
    let to = 0;
    for (const edit of edits) {
      next.set(origin.subarray(from, edit.start), to);
      to += edit.start - from;
      next.fill(-1, to, to + edit.newText.length);
      to += edit.newText.length;
      from = edit.end;
    }
    next.set(origin.subarray(from), to);
    origin = next;
    current = applyEdits(current, edits);
    if (pass + 1 < FIX_ALL_PASSES) pending = reanalyze(current);
  }
  if (!origin || current === text) return [];
  // Walk the result: runs of untouched characters are skipped; everything between them is a region.
  const regions: TextEdit[] = [];
  let expected = 0;
  let open: { start: number; from: number } | undefined;
  const close = (end: number, upTo: number) => {
    if (open) regions.push(trimmed(text, { start: open.start, end, newText: current.slice(open.from, upTo) }));
    open = undefined;
  };
  for (let i = 0; i < current.length; i++) {
    const was = origin[i]!;
    if (was === expected && !open) {
      expected++;
      continue;
    }
    if (was === -1) {
      open ??= { start: expected, from: i };
      continue;
    }
    // An original character again: whatever lay between (deleted or rewritten) is one region.
    if (was > expected || open) {
      open ??= { start: expected, from: i };
      close(was, i);
    }
    expected = was + 1;
  }
  if (open || expected < text.length) {
    open ??= { start: expected, from: current.length };
    close(text.length, current.length);
  }
  return regions.filter((r) => r.newText !== text.slice(r.start, r.end));
}

/** The edit without the characters it leaves as they were at either end (a small edit keeps the cursor steady). */
function trimmed(text: string, edit: TextEdit): TextEdit {
  let { start, end } = edit;
  let newStart = 0;
  let newEnd = edit.newText.length;
  while (start < end && newStart < newEnd && text.charCodeAt(start) === edit.newText.charCodeAt(newStart)) {
    start++;
    newStart++;
  }
  while (end > start && newEnd > newStart && text.charCodeAt(end - 1) === edit.newText.charCodeAt(newEnd - 1)) {
    end--;
    newEnd--;
  }
  return { start, end, newText: edit.newText.slice(newStart, newEnd) };
}

export function codeActions(options: CodeActionOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = options.context.only;
  if (wants(only, CodeActionKind.QuickFix)) {
    const here = options.findings.filter((f) => overlaps(toLspRange(f.range), options.range));
    for (const finding of here) actions.push(...quickFixes(options, finding));
    const suppressed = new Set<string>();
    for (const finding of here) {
      // One suppression per rule and line: two findings of one rule on a line share it.
      const key = `${finding.ruleId}:${finding.range.startPosition.line}`;
      if (suppressed.has(key)) continue;
      suppressed.add(key);
      const action = suppressAction(options, finding);
      if (action) actions.push(action);
    }
  }
  if (wants(only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(options.document.getText(), options.findings, options.reanalyze);
    if (edits.length > 0) {
      actions.push({
        title: "Fix all safely fixable Sterile findings",
        kind: FIX_ALL_KIND,
        edit: workspaceEdit(options, lspEdits(options.document, edits)),
      });
    }
  }
  return actions;
}

