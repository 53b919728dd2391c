// The TypeScript that ships (bundled into the extension, server and CLI), and a tree-sitter
// TypeScript parser to read it with: safety tests inspect it as syntax, not with regexes.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Language, Parser } from "web-tree-sitter";
import { RUNTIME_WASM } from "../../server/src/engine/parser.ts";
import { REPO_ROOT } from "./fixtures.ts";
import { wasmPath } from "./engine.ts";

const require = createRequire(import.meta.url);
const SHIPPED = ["server/src", "rules", "grammars", "client/src"];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "fixtures" && name !== "node_modules") out.push(...sourceFiles(full));
    } else if (/\.(?:ts|mts|cts)$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Absolute paths of every shipped TypeScript source file (rule fixtures left out). */
export function shippedSourceFiles(): string[] {
  return SHIPPED.flatMap((d) => sourceFiles(join(REPO_ROOT, d)));
}

/** A parser for TypeScript, from the grammar @vscode/tree-sitter-wasm ships. */
export async function typescriptParser(): Promise<Parser> {
  await Parser.init({ wasmBinary: readFileSync(wasmPath(RUNTIME_WASM)), locateFile: (f: string) => f } as Parameters<typeof Parser.init>[0]);
  const language = await Language.load(readFileSync(require.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm")));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
