// Parser backends. The wasm backend (web-tree-sitter) is the default everywhere: it runs in the
// editor, the browser and the CLI. Hosts hand it the `.wasm` bytes, so the engine never touches
// a file system. The native backend (CLI only) lives in the CLI host.

import { Language, Parser, Query, type Tree } from "web-tree-sitter";
import { LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";
import type { SyntaxNode } from "./syntax.ts";
import type { QueryMatch } from "./types.ts";

export interface ParsedTree {
  readonly root: SyntaxNode;
  /** Frees the tree now rather than whenever a garbage collector gets to it. */
  release(): void;
}

export interface TreeEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: { row: number; column: number };
  readonly oldEndPosition: { row: number; column: number };
  readonly newEndPosition: { row: number; column: number };
}

export interface CompiledQuery {
  matches(node: SyntaxNode): QueryMatch[];
}

export interface ParseOptions {
  /** A previous tree of the same document, already edited with `editTree`, for incremental reparsing. */
  readonly oldTree?: ParsedTree;
  /** Called during parsing; returning true abandons the parse (time budgets, cancellation). */
  readonly shouldStop?: () => boolean;
}

export interface ParserBackend {
  readonly kind: "wasm" | "native";
  /** Loads the grammars of the given languages; idempotent. */
  load(languages: readonly LanguageId[]): Promise<void>;
  supports(language: LanguageId): boolean;
  /** `undefined` when the parse was stopped by `shouldStop`. */
  parse(language: LanguageId, text: string, options?: ParseOptions): ParsedTree | undefined;
  editTree(tree: ParsedTree, edit: TreeEdit): void;
  compileQuery(language: LanguageId, source: string): CompiledQuery;
}

/** Reads a `.wasm` file shipped beside the bundles: `web-tree-sitter.wasm` or a grammar's file name. */
export type WasmReader = (fileName: string) => Promise<Uint8Array>;

export const RUNTIME_WASM = "web-tree-sitter.wasm";

let runtimeReady: Promise<void> | undefined;

function initRuntime(readWasm: WasmReader): Promise<void> {
  runtimeReady ??= readWasm(RUNTIME_WASM).then((wasmBinary) =>
    // `locateFile` is still consulted by the Emscripten loader even when the bytes are given.
    Parser.init({ wasmBinary, locateFile: (file: string) => file } as Parameters<typeof Parser.init>[0]),
  );
  return runtimeReady;
}

class WasmTree implements ParsedTree {
  constructor(readonly tree: Tree) {}
  get root(): SyntaxNode {
    return this.tree.rootNode as unknown as SyntaxNode;
  }
  release(): void {
    this.tree.delete();
  }
}

export class WasmBackend implements ParserBackend {
  readonly kind = "wasm" as const;
  private readonly languages = new Map<LanguageId, Language>();
  private readonly parsers = new Map<LanguageId, Parser>();
  private readonly queries = new Map<string, Query>();

  constructor(private readonly readWasm: WasmReader) {}

  async load(languages: readonly LanguageId[]): Promise<void> {
    await initRuntime(this.readWasm);
    const byFile = new Map<string, Promise<Language>>();
    await Promise.all(
      languages.map(async (id) => {
        const grammar = LANGUAGES[id].grammar;
        if (!grammar || this.languages.has(id)) return;
        let pending = byFile.get(grammar.wasm);
        if (!pending) {
          pending = this.readWasm(grammar.wasm).then((bytes) => Language.load(bytes));
          byFile.set(grammar.wasm, pending);
        }
        const language = await pending;
        const parser = new Parser();
        parser.setLanguage(language);
        this.languages.set(id, language);
        this.parsers.set(id, parser);
      }),
    );
  }

  supports(language: LanguageId): boolean {
    return this.parsers.has(language);
  }

  parse(language: LanguageId, text: string, options: ParseOptions = {}): ParsedTree | undefined {
    const parser = this.parsers.get(language);
    if (!parser) throw new Error(`no grammar loaded for ${language}`);
    const old = options.oldTree instanceof WasmTree ? options.oldTree.tree : null;
    const stop = options.shouldStop;
    let tree: Tree | null;
    try {
      tree = parser.parse(text, old, stop ? { progressCallback: () => stop() } : undefined);
    } catch (error) {
      // A trap inside a grammar's scanner leaves that parser unusable: start a fresh one.
      const fresh = new Parser();
      fresh.setLanguage(this.languages.get(language)!);
      this.parsers.set(language, fresh);
      throw error;
    }
    // A stopped parse leaves the parser mid-document; reset so the next parse starts clean.
    if (!tree) {
      parser.reset();
      return undefined;
    }
    return new WasmTree(tree);
  }

  editTree(tree: ParsedTree, edit: TreeEdit): void {
    if (tree instanceof WasmTree) tree.tree.edit(edit as unknown as Parameters<Tree["edit"]>[0]);
  }

  compileQuery(language: LanguageId, source: string): CompiledQuery {
    const key = `${language}\u0000${source}`;
    let query = this.queries.get(key);
    if (!query) {
      const lang = this.languages.get(language);
      if (!lang) throw new Error(`no grammar loaded for ${language}`);
      query = new Query(lang, source);
      this.queries.set(key, query);
    }
    const compiled = query;
    return {
      matches: (node) =>
        compiled.matches(node as never).map((m) => ({
          pattern: m.patternIndex,
          captures: m.captures.map((c) => ({ name: c.name, node: c.node as unknown as SyntaxNode })),
        })),
    };
  }
}
