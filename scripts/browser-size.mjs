// The browser build's size: what vscode.dev or github.dev downloads to run Sterile — the web client,
// the server worker bundle and every `.wasm` file it is handed — raw and gzip-compressed (as a CDN
// serves it). Printed by `npm run package` and the browser worker test; the README quotes it.
// Usable as a module and as a script (`node scripts/browser-size.mjs`).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** `{ parts: { name, bytes, gzip }[], bytes, gzip }` for dist/web/{client,server}.js and dist/grammars/*.wasm. */
export function browserBundleSize(root = defaultRoot) {
  const dist = join(root, "dist");
  const grammars = join(dist, "grammars");
  const files = [join("web", "client.js"), join("web", "server.js"), ...readdirSync(grammars).filter((f) => f.endsWith(".wasm")).sort().map((f) => join("grammars", f))];
  const parts = files.map((name) => {
    const path = join(dist, name);
    if (!existsSync(path)) throw new Error(`dist/${name} is missing: run npm run build`);
    const data = readFileSync(path);
    return { name, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  return { parts, bytes: parts.reduce((n, p) => n + p.bytes, 0), gzip: parts.reduce((n, p) => n + p.gzip, 0) };
}

const kib = (n) => `${Math.round(n / 1024).toLocaleString("en")} KiB`;

export function formatBundleSize(size) {
  const part = (name) => size.parts.find((p) => p.name === name);
  const wasm = size.parts.filter((p) => p.name.endsWith(".wasm"));
  const sum = (list, key) => list.reduce((n, p) => n + p[key], 0);
  const client = part(join("web", "client.js"));
  const server = part(join("web", "server.js"));
  return (
    `browser bundle: ${kib(size.bytes)} (${kib(size.gzip)} gzip) = client ${kib(client.bytes)} (${kib(client.gzip)}) + server worker ${kib(server.bytes)} (${kib(server.gzip)})` +
    ` + ${wasm.length} wasm files ${kib(sum(wasm, "bytes"))} (${kib(sum(wasm, "gzip"))})`
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = browserBundleSize();
  console.log(formatBundleSize(size));
  if (process.argv.includes("--verbose")) for (const p of size.parts) console.log(`  ${p.name}: ${kib(p.bytes)} (${kib(p.gzip)} gzip)`);
}
