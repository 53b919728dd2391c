// Every rule fixture under both parser backends: identical findings. The native binding is an
// optional CLI backend; where it does not load, the test says why and compares nothing.

import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { NativeBackend, loadNativeModule } from "../../server/src/cli/native-parser.ts";
import { WasmBackend } from "../../server/src/engine/parser.ts";
import { Engine } from "../../server/src/engine/engine.ts";
import { allRules } from "../../rules/index.ts";
import { nodeModulesWasmReader, testEngine } from "../support/engine.ts";
import { listFiles, loadFixture, ruleFixtureDirs } from "../support/fixtures.ts";

const require = createRequire(import.meta.url);

describe("wasm and native backends", () => {
  it("produce identical findings on every rule fixture", async () => {
    let native: Engine;
    try {
      native = await Engine.create(new NativeBackend(loadNativeModule(require), require, new WasmBackend(nodeModulesWasmReader)), allRules);
    } catch (error) {
      console.log(`native backend unavailable, parity not checked: ${(error as Error).message}`);
      return;
    }
    const wasm = await testEngine();
    const files = ruleFixtureDirs().flatMap(listFiles);
    expect(files.length).toBeGreaterThan(0);
    for (const absolute of files) {
      const file = loadFixture(absolute);
      if (!file) continue;
      const source = { path: file.path, language: file.language, text: file.text };
      expect(native.analyze(source).findings, file.path).toEqual(wasm.analyze(source).findings);
    }
  });
});
