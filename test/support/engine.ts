// Builds engines for tests from the wasm files in node_modules (the same files the build copies
// into dist/), so tests run from source without a build.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { LANGUAGES, type LanguageId } from "../../grammars/registry.ts";
import { Engine } from "../../server/src/engine/engine.ts";
import { RUNTIME_WASM, WasmBackend, type ParserBackend } from "../../server/src/engine/parser.ts";
import { allRules } from "../../rules/index.ts";
import type { Rule } from "../../server/src/engine/types.ts";

const require = createRequire(import.meta.url);

export function wasmPath(fileName: string): string {
  if (fileName === RUNTIME_WASM) return require.resolve("web-tree-sitter/web-tree-sitter.wasm");
  const source = Object.values(LANGUAGES).find((l) => l.grammar?.wasm === fileName)?.grammar?.wasmFrom;
  if (!source) throw new Error(`unknown wasm file ${fileName}`);
  return require.resolve(source);
}

export function nodeModulesWasmReader(fileName: string): Promise<Uint8Array> {
  return readFile(wasmPath(fileName));
}

const engines = new Map<string, Promise<Engine>>();

export function testEngine(rules: readonly Rule[] = allRules, backend: ParserBackend = new WasmBackend(nodeModulesWasmReader)): Promise<Engine> {
  const key = `${backend.kind}:${rules.map((r) => r.id).join(",")}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = Engine.create(backend, rules);
    engines.set(key, engine);
  }
  return engine;
}

export type { LanguageId };
