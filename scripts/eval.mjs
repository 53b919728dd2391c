// `npm run eval`: scores the rules on the annotated corpus (eval/corpus/) against the naive
// line-regex baseline, prints the table and writes eval/results.json (git-ignored).
// Node 20 cannot import TypeScript, so the harness is bundled with esbuild on the fly (rule docs
// through the same `?raw` loader as scripts/build.mjs; packages stay external and resolve from
// node_modules, so web-tree-sitter loads as itself).
//
// Usage: node scripts/eval.mjs [--details] [--check] [--raise-floors]
//   --details       per-rule figures and every false positive / false negative
//   --check         exit 1 when a figure is below its floor in eval/thresholds.json
//   --raise-floors  raise the floors in eval/thresholds.json to the current figures (never lowers one)

import { build } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));

/** `import docs from "./README.md?raw"`: the file's text, as Vite (vitest) does it. */
const rawText = {
  name: "raw-text",
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, "")), namespace: "raw-text" }));
    b.onLoad({ filter: /.*/, namespace: "raw-text" }, async (args) => ({ contents: await readFile(args.path, "utf8"), loader: "text" }));
  },
};

const outDir = join(root, "node_modules", ".cache", "sterile-eval");
await mkdir(outDir, { recursive: true });
const outfile = join(outDir, "harness.mjs");
await build({
  entryPoints: [join(root, "eval", "harness.ts")],
  outfile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  plugins: [rawText],
  logLevel: "warning",
});
const harness = await import(pathToFileURL(outfile).href);

const result = await harness.runEval({ root });
console.log(harness.formatTable(result));
if (args.has("--details")) console.log(`\n${harness.formatDetails(result)}`);
await writeFile(join(root, "eval", "results.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log("\nwrote eval/results.json");

const thresholdsPath = join(root, "eval", "thresholds.json");
let thresholds = JSON.parse(await readFile(thresholdsPath, "utf8").catch(() => "null"));
if (thresholds && args.has("--raise-floors")) {
  thresholds = harness.raisedFloors(result, thresholds);
  await writeFile(thresholdsPath, `${JSON.stringify(thresholds, null, 2)}\n`);
  console.log("raised the floors in eval/thresholds.json where the figures improved");
}
if (thresholds) {
  const violations = harness.thresholdViolations(result, thresholds);
  if (violations.length > 0) {
    console.log(`\nBelow the floors in eval/thresholds.json:\n${violations.map((v) => `  ${v}`).join("\n")}`);
    if (args.has("--check")) process.exitCode = 1;
  } else {
    console.log("All figures at or above the floors in eval/thresholds.json.");
  }
}
if (result.failures.length > 0) {
  console.error(`\n${result.failures.length} rule failure(s):\n${result.failures.join("\n")}`);
  process.exitCode = 1;
}
