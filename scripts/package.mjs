// `npm run package`: builds the .vsix offline with @vscode/vsce (no dependency detection — every
// dependency is bundled by esbuild), non-interactively (stdin closed), into out/sterile-<version>.vsix.
// `npm run package:only` skips the build (npm test has just built). Prints the .vsix size and the
// browser build's download size (scripts/browser-size.mjs).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { browserBundleSize, formatBundleSize } from "./browser-size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
export const VSIX = join(root, "out", `${pkg.name}-${pkg.version}.vsix`);

for (const needed of ["dist/client.js", "dist/server.js", "dist/web/client.js", "dist/web/server.js", "LICENSE"]) {
  if (!existsSync(join(root, needed))) {
    console.error(`package: ${needed} is missing (run npm run build first)`);
    process.exit(1);
  }
}
mkdirSync(dirname(VSIX), { recursive: true });
const vsce = join(dirname(createRequire(import.meta.url).resolve("@vscode/vsce/package.json")), "vsce");
const result = spawnSync(
  process.execPath,
  [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "--out", VSIX],
  { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
);
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  console.error(`package: vsce failed (exit ${result.status ?? result.signal})`);
  process.exit(1);
}
console.log(`packaged ${relative(root, VSIX)} (${Math.round(statSync(VSIX).size / 1024)} KiB); ${formatBundleSize(browserBundleSize(root))}`);
