// Builds engines for tests from the wasm files in node_modules (the same files the build copies
// into dist/), so tests run from source without a build.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { LanguageId } from "../../grammars/registry.ts";
import { Engine } from "../../server/src/engine/engine.ts";
import { WasmBackend, type ParserBackend } from "../../server/src/engine/parser.ts";
import { allRules } from "../../rules/index.ts";
import type { Rule } from "../../server/src/engine/types.ts";
import { wasmResolver } from "./wasm-files.ts";

export const wasmPath = wasmResolver(createRequire(import.meta.url));

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
