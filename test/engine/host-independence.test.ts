// The engine and the rules run unchanged in a browser Web Worker (the extension's browser build):
// hosts pass text and configuration in, so nothing under server/src/engine, rules/, grammars/ or
// server/src/config may import a Node built-in (fs, path, …) or use a Node global (process,
// Buffer, __dirname, require). Checked by bundling them with esbuild for platform "browser", as
// scripts/build.mjs bundles the worker; the worker's own bundle is checked the same way, with its
// dependencies, and must hold no Node-only module of ours.

import { build, type Plugin } from "esbuild";
import { builtinModules } from "node:module";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/fixtures.ts";

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const NODE_GLOBALS = ["process", "Buffer", "__dirname", "__filename", "require", "global", "setImmediate"];
const MARKER = "__STERILE_NODE_GLOBAL__";

/** The host-independent folders: every TypeScript module in them is an entry. */
const PORTABLE = ["server/src/engine", "rules", "grammars", "server/src/config"];

function modulesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(REPO_ROOT, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...modulesUnder(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Records every Node built-in imported by one of our files (dependencies resolve on their own). */
function nodeImports(found: string[]): Plugin {
  return {
    name: "node-builtins",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const ours = args.importer !== "" && !args.importer.includes("node_modules") && !args.importer.startsWith("<stdin>");
        if (ours && NODE_BUILTINS.has(args.path)) {
          found.push(`${relative(REPO_ROOT, args.importer)} imports "${args.path}"`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

/** `import "./x.md?raw"`: text, as Vite and scripts/build.mjs load it. */
const rawText: Plugin = {
  name: "raw-text",
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, "")), namespace: "raw-text" }));
    b.onLoad({ filter: /.*/, namespace: "raw-text" }, () => ({ contents: "", loader: "text" }));
  },
};

async function bundleForBrowser(entries: string[], options: { packages?: "external" } = {}) {
  const found: string[] = [];
  const result = await build({
    stdin: { contents: entries.map((e) => `import ${JSON.stringify(`./${e}`)};`).join("\n"), resolveDir: REPO_ROOT, loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    metafile: true,
    logLevel: "silent",
    supported: { "import-meta": false },
    define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, `${MARKER}${name}`])),
    plugins: [rawText, nodeImports(found)],
    ...options,
  });
  const text = result.outputFiles[0]!.text;
  const globals = [...new Set(text.match(new RegExp(`${MARKER}\\w+`, "g")) ?? [])].map((m) => m.slice(MARKER.length));
  const inputs = Object.keys(result.metafile.inputs);
  return { imports: found, globals, inputs };
}

describe("host independence (the browser build)", () => {
  it("engine, rules, grammars and config import no Node built-in and use no Node global", async () => {
    const entries = PORTABLE.flatMap(modulesUnder);
    expect(entries.length).toBeGreaterThan(20);
    const { imports, globals } = await bundleForBrowser(entries, { packages: "external" });
    expect(imports).toEqual([]);
    expect(globals).toEqual([]);
  });

  it("the server worker bundles for the browser with its dependencies, without Node-only modules of ours", async () => {
    const { imports, inputs } = await bundleForBrowser(["server/src/lsp/browser-main.ts"]);
    expect(imports).toEqual([]);
    const ours = inputs.filter((i) => !i.includes("node_modules") && !i.startsWith("<stdin>"));
    expect(ours.some((i) => i.startsWith("server/src/engine/"))).toBe(true);
    expect(ours.some((i) => i.startsWith("rules/"))).toBe(true);
    expect(ours.filter((i) => i.startsWith("server/src/cli/") || /^server\/src\/lsp\/node-[\w-]+\.ts$/.test(i))).toEqual([]);
  });

  it("would catch a Node built-in or global (the check checks)", async () => {
    const { imports, globals } = await bundleForBrowser(["test/engine/fixtures/node-leak.ts"], { packages: "external" });
    expect(imports).toEqual(['test/engine/fixtures/node-leak.ts imports "node:path"']);
    expect(globals.sort()).toEqual(["Buffer", "process"]);
  });
});
