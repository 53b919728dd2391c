// Documents the editor holds open: their text and version, and a syntax tree kept up to date by
// incremental reparsing (each change is recorded on the old tree with `editTree`, and the next
// parse reuses it). The last analysis is cached with the version it describes, so code actions
// and hovers answer from the text the editor sees and never from a stale one.

import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";
import type { Analysis, Engine } from "../engine/engine.ts";
import { editTreeAndText } from "../engine/incremental.ts";
import type { ParsedTree } from "../engine/parser.ts";
import type { SeverityOrOff, SourceFile } from "../engine/types.ts";

/** Severities and context grading for one file (settings, project config, the file's role). */
export interface FilePolicy {
  readonly severities: ReadonlyMap<string, SeverityOrOff>;
  readonly grade: "keep" | "lower" | "skip";
}

export interface AnalysisResult extends Analysis {
  readonly version: number;
  readonly text: string;
  readonly language: LanguageId;
  /** Milliseconds spent parsing and checking. */
  readonly millis: number;
}

export class OpenDocument {
  private document: TextDocument;
  private tree: ParsedTree | undefined;
  /** Whether `tree` has been edited since it was parsed (and so needs a reparse). */
  private treeStale = false;
  last: AnalysisResult | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    text: string,
  ) {
    this.document = TextDocument.create(uri, languageId, version, text);
  }

  get version(): number {
    return this.document.version;
  }

  get text(): string {
    return this.document.getText();
  }

  get textDocument(): TextDocument {
    return this.document;
  }

  /** Applies the editor's changes in order, recording each on the syntax tree. */
  applyChanges(engine: Engine, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ("range" in change && change.range) {
        // A reversed range means its mirror image, as `TextDocument.update` reads it; the tree edit
        // must describe the same replacement or the next incremental parse reuses the wrong nodes.
        const from = this.document.offsetAt(change.range.start);
        const to = this.document.offsetAt(change.range.end);
        const start = Math.min(from, to);
        const end = Math.max(from, to);
        if (this.tree) {
          editTreeAndText(engine.backend, this.tree, this.document.getText(), { start, end, newText: change.text });
          this.treeStale = true;
        }
      } else {
        this.dropTree();
      }
      this.document = TextDocument.update(this.document, [change], version);
    }
    // Some clients send a version bump with no content change (e.g. a save with no edits).
    if (changes.length === 0) this.document = TextDocument.update(this.document, [], version);
  }

  /**
   * Parses (incrementally when a tree exists) and runs the rules on the current text.
   * `undefined` when the parse exceeded its time budget.
   */
  analyze(
    engine: Engine,
    file: Omit<SourceFile, "text">,
    policy: FilePolicy,
    budgetMs: number,
  ): AnalysisResult | undefined {
    const started = performance.now();
    const text = this.document.getText();
    const source: SourceFile = { ...file, text };
    const deadline = Date.now() + budgetMs;
    const shouldStop = () => Date.now() > deadline;
    const { severities, grade } = policy;
    if (grade === "skip" || engine.rulesFor(file.language, severities).length === 0) {
      this.dropTree();
      this.last = { findings: [], failures: [], completed: true, version: this.version, text, language: file.language, millis: 0 };
      return this.last;
    }
    if (LANGUAGES[file.language].grammar) {
      if (!this.tree || this.treeStale) {
        const next = engine.parse(source, { ...(this.tree ? { oldTree: this.tree } : {}), shouldStop });
        this.dropTree();
        if (!next) return undefined;
        this.tree = next;
        this.treeStale = false;
      }
    }
    const analysis = engine.analyze(source, { severities, grade, shouldStop, ...(this.tree ? { tree: this.tree } : {}) });
    if (!analysis.completed) return undefined;
    this.last = { ...analysis, version: this.version, text, language: file.language, millis: performance.now() - started };
    return this.last;
  }

  /** Frees the syntax tree (on close, or when the text was replaced wholesale). */
  dropTree(): void {
    this.tree?.release();
    this.tree = undefined;
    this.treeStale = false;
  }
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.documents.get(uri)?.dropTree();
    const document = new OpenDocument(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): OpenDocument | undefined {
    const document = this.documents.get(uri);
    document?.dropTree();
    this.documents.delete(uri);
    return document;
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }
}
