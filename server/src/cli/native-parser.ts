// The optional native backend (`--parser native|auto`): the `tree-sitter` Node binding and the
// grammar packages' native builds. Languages without a native grammar (INI) use the wasm backend.
// Native trees are freed by the garbage collector only once the event loop turns; the scan loop
// yields between files (see ScanOptions.yieldBetweenFiles) so memory stays bounded.

import { LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";
import type { CompiledQuery, ParsedTree, ParseOptions, ParserBackend, TreeEdit, WasmBackend } from "../engine/parser.ts";
import type { SyntaxNode } from "../engine/syntax.ts";

type Require = (id: string) => unknown;

interface NativeTree {
  readonly rootNode: SyntaxNode;
  edit(edit: TreeEdit): void;
}

interface NativeParser {
  setLanguage(language: unknown): void;
  parse(input: string | ((index: number) => string | null), oldTree?: NativeTree | null): NativeTree;
}

interface NativeQuery {
  matches(node: SyntaxNode): { pattern: number; captures: { name: string; node: SyntaxNode }[] }[];
}

interface NativeModule {
  new (): NativeParser;
  Query: new (language: unknown, source: string) => NativeQuery;
}

class NativeParsedTree implements ParsedTree {
  constructor(readonly tree: NativeTree) {}
  get root(): SyntaxNode {
    return this.tree.rootNode;
  }
  release(): void {
    // Nothing to free eagerly: the binding frees trees on garbage collection.
  }
}

/** Throws a one-line reason when the binding cannot load here. */
export function loadNativeModule(requireFn: Require): NativeModule {
  try {
    return requireFn("tree-sitter") as NativeModule;
  } catch (error) {
    throw new Error(`the native tree-sitter binding did not load (${(error as Error).message.split("\n")[0]})`);
  }
}

const CHUNK = 16 * 1024;

export class NativeBackend implements ParserBackend {
  readonly kind = "native" as const;
  private readonly parsers = new Map<LanguageId, NativeParser>();
  private readonly grammars = new Map<LanguageId, unknown>();
  private readonly queries = new Map<string, NativeQuery>();

  constructor(
    private readonly binding: NativeModule,
    private readonly requireFn: Require,
    private readonly fallback: WasmBackend,
  ) {}

  async load(languages: readonly LanguageId[]): Promise<void> {
    const wasmOnly: LanguageId[] = [];
    for (const id of languages) {
      const module = LANGUAGES[id].grammar?.nativeModule;
      if (!module) {
        wasmOnly.push(id);
        continue;
      }
      if (this.parsers.has(id)) continue;
      const grammar = this.requireFn(module);
      const parser = new this.binding();
      parser.setLanguage(grammar);
      this.parsers.set(id, parser);
      this.grammars.set(id, grammar);
    }
    if (wasmOnly.length > 0) await this.fallback.load(wasmOnly);
  }

  supports(language: LanguageId): boolean {
    return this.parsers.has(language) || this.fallback.supports(language);
  }

  parse(language: LanguageId, text: string, options: ParseOptions = {}): ParsedTree | undefined {
    const parser = this.parsers.get(language);
    if (!parser) return this.fallback.parse(language, text, options);
    const old = options.oldTree instanceof NativeParsedTree ? options.oldTree.tree : null;
    // The binding's string input is limited in size; a chunked callback reads any length.
    const input = text.length < CHUNK ? text : (index: number) => (index < text.length ? text.slice(index, index + CHUNK) : null);
    return new NativeParsedTree(parser.parse(input, old));
  }

  editTree(tree: ParsedTree, edit: TreeEdit): void {
    if (tree instanceof NativeParsedTree) tree.tree.edit(edit);
    else this.fallback.editTree(tree, edit);
  }

  compileQuery(language: LanguageId, source: string): CompiledQuery {
    const grammar = this.grammars.get(language);
    if (!grammar) return this.fallback.compileQuery(language, source);
    const key = `${language}\u0000${source}`;
    let query = this.queries.get(key);
    if (!query) {
      query = new this.binding.Query(grammar, source);
      this.queries.set(key, query);
    }
    const compiled = query;
    return { matches: (node) => compiled.matches(node).map((m) => ({ pattern: m.pattern, captures: m.captures })) };
  }
}
