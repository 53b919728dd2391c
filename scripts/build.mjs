// Bundles the CLI (and, where present, the language server and the VS Code client) into dist/ as
// CommonJS, the browser build of the client and server into dist/web/, and copies the
// web-tree-sitter runtime and grammar `.wasm` files beside them.

import { build } from "esbuild";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const dist = join(root, "dist");

/** `import docs from "./README.md?raw"`: the file's text, as Vite (vitest) does it. */
const rawText = {
  name: "raw-text",
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, "")), namespace: "raw-text" }));
    b.onLoad({ filter: /.*/, namespace: "raw-text" }, async (args) => ({ contents: await readFile(args.path, "utf8"), loader: "text" }));
  },
};

/** Node bundles take web-tree-sitter's CommonJS build: its ESM build needs `import.meta.url`. */
const webTreeSitterCjs = {
  name: "web-tree-sitter-cjs",
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: join(root, "node_modules", "web-tree-sitter", "web-tree-sitter.cjs") }));
  },
};

const common = {
  bundle: true,
  format: "cjs",
  target: "node20",
  platform: "node",
  sourcemap: true,
  logLevel: "warning",
  plugins: [rawText, webTreeSitterCjs],
  define: { STERILE_VERSION: JSON.stringify(pkg.version) },
  // web-tree-sitter's ESM build reads import.meta.url only as a fallback; we always pass the bytes.
  logOverride: { "empty-import-meta": "silent" },
};

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, "grammars"), { recursive: true });

const entries = [
  { in: "server/src/cli/bin.ts", out: "cli.js" },
  { in: "server/src/lsp/node-main.ts", out: "server.js" },
  { in: "client/src/extension.ts", out: "client.js", external: ["vscode"] },
];
for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) continue;
  await build({
    ...common,
    entryPoints: [join(root, entry.in)],
    outfile: join(dist, entry.out),
    external: ["tree-sitter", ...(entry.external ?? [])],
  });
}

// The browser build (`browser` in package.json): the client runs in VS Code's web extension host
// (CommonJS, `vscode` external); the server in a Web Worker it starts, which the host's Worker shim
// loads with `importScripts` — so a classic script (iife) with no `import.meta` (web-tree-sitter
// reads it only as a fallback: the client hands over the `.wasm` bytes). `process` is not
// polyfilled: web-tree-sitter decides it is in Node from `process.versions.node`.
const web = {
  bundle: true,
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
  plugins: [rawText],
  define: { STERILE_VERSION: JSON.stringify(pkg.version) },
  logOverride: { "empty-import-meta": "silent" },
};
const webEntries = [
  { in: "client/src/browser.ts", out: "web/client.js", options: { format: "cjs", external: ["vscode"] } },
  { in: "server/src/lsp/browser-main.ts", out: "web/server.js", options: { format: "iife", supported: { "import-meta": false } } },
];
for (const entry of webEntries) {
  if (!existsSync(join(root, entry.in))) continue;
  await build({ ...web, ...entry.options, entryPoints: [join(root, entry.in)], outfile: join(dist, entry.out) });
}

/** Loads a TypeScript module of ours through esbuild (Node 20 cannot import .ts itself). */
export async function importTs(file) {
  const result = await build({ entryPoints: [join(root, file)], bundle: true, write: false, format: "esm", platform: "node", plugins: [rawText], logLevel: "silent" });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString("base64")}`);
}

const { LANGUAGES } = await importTs("grammars/registry.ts");
const wasmFiles = new Map([["web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm"]]);
for (const info of Object.values(LANGUAGES)) if (info.grammar) wasmFiles.set(info.grammar.wasm, info.grammar.wasmFrom);
for (const [name, from] of wasmFiles) await copyFile(require.resolve(from), join(dist, "grammars", name));

// Rule docs pages, shipped with the extension and linked from diagnostics (`codeDescription.href`):
// dist/docs/<rule-id>.md plus an index for the "Show Rule Documentation" picker.
const { allRules } = await importTs("rules/index.ts");
await mkdir(join(dist, "docs"), { recursive: true });
for (const rule of allRules) await writeFile(join(dist, "docs", `${rule.id}.md`), rule.docs);
await writeFile(
  join(dist, "docs", "index.json"),
  `${JSON.stringify(allRules.map((r) => ({ id: r.id, title: r.title, family: r.family, severity: r.severity })), null, 2)}\n`,
);
const built = [...entries, ...webEntries].filter((e) => existsSync(join(root, e.in))).map((e) => e.out);
console.log(`built dist/ (${built.join(", ")}; ${wasmFiles.size} wasm files; ${allRules.length} rule docs)`);
