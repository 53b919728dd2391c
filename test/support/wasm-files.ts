// Where a `.wasm` file the engine asks for lives in node_modules (the files the build copies into
// dist/). No `import.meta` here: the eval harness bundles this into CommonJS and passes its own require.

import { LANGUAGES } from "../../grammars/registry.ts";
import { RUNTIME_WASM } from "../../server/src/engine/parser.ts";

export function wasmResolver(require: NodeJS.Require): (fileName: string) => string {
  return (fileName) => {
    if (fileName === RUNTIME_WASM) return require.resolve("web-tree-sitter/web-tree-sitter.wasm");
    const source = Object.values(LANGUAGES).find((l) => l.grammar?.wasm === fileName)?.grammar?.wasmFrom;
    if (!source) throw new Error(`unknown wasm file ${fileName}`);
    return require.resolve(source);
  };
}
