// Keeps package.json's `activationEvents` equal to what the grammar registry implies (see
// client/src/selectors.ts). `node scripts/sync-manifest.mjs` rewrites them; `--check` only
// compares (a test runs the same comparison).

import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundled = await build({ entryPoints: [join(root, "client/src/selectors.ts")], bundle: true, write: false, format: "esm", platform: "node", logLevel: "silent" });
const { activationEvents } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString("base64")}`);

const file = join(root, "package.json");
const text = await readFile(file, "utf8");
const pkg = JSON.parse(text);
const expected = activationEvents();
const same = JSON.stringify(pkg.activationEvents) === JSON.stringify(expected);
if (process.argv.includes("--check")) {
  if (!same) {
    console.error("package.json activationEvents differ from the grammar registry; run: node scripts/sync-manifest.mjs");
    process.exitCode = 1;
  }
} else if (!same) {
  pkg.activationEvents = expected;
  await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
  console.log(`package.json: ${expected.length} activation events written`);
}
