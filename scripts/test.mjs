// `npm test`: builds what the suites need, runs every runner (vitest; Node's test runner for the
// real-editor suites), and ends with one line summing them all for CI:
// `N passed, N failed, N skipped`.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const results = join(root, "test-results");
mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...options.env } });
  return result.status ?? 1;
}

// 1. Build: the CLI, server and client bundles and the packaged extension are under test.
for (const script of ["build", ...(existsSync(join(root, "scripts", "package.mjs")) ? ["package:only"] : [])]) {
  if (run("npm", ["run", "--silent", script]) !== 0) {
    console.error(`npm test: "npm run ${script}" failed`);
    broken = true;
  }
}

// 1b. The type check: esbuild strips types without checking them, so strict mode holds only if
// `tsc` runs here. It counts as one test, so a type error fails the run.
if (!broken) {
  if (run("npm", ["run", "--silent", "typecheck"]) === 0) totals.passed += 1;
  else {
    console.error('npm test: "npm run typecheck" failed');
    totals.failed += 1;
  }
}

// 2. vitest: unit, rule, CLI and protocol-level suites.
if (!broken) {
  const vitestReport = join(results, "vitest.json");
  const status = run(process.execPath, [join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], {
    env: { STERILE_BUILT: "1" },
  });
  if (existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, "utf8"));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (status !== 0 && (report.numFailedTests ?? 0) === 0) {
      console.error("npm test: vitest exited non-zero without a failing test (a suite failed to load)");
      totals.failed += 1;
    }
  } else {
    console.error("npm test: vitest wrote no report");
    totals.failed += 1;
  }
}

// 3. Node's test runner: suites that drive real editors (test/e2e/*.test.mjs), each skipping with a
//    printed reason when a system package it needs is absent.
const e2eDir = join(root, "test", "e2e");
const e2eFiles = existsSync(e2eDir) ? readdirSync(e2eDir).filter((f) => f.endsWith(".test.mjs")).map((f) => join(e2eDir, f)) : [];
if (!broken && e2eFiles.length > 0) {
  const out = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${join(results, "e2e.tap")}`, ...e2eFiles], {
    cwd: root,
    stdio: "inherit",
  });
  const tap = existsSync(join(results, "e2e.tap")) ? readFileSync(join(results, "e2e.tap"), "utf8") : "";
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);
  totals.passed += count("pass");
  totals.failed += count("fail");
  totals.skipped += count("skipped") + count("todo");
  if ((out.status ?? 1) !== 0 && count("fail") === 0) totals.failed += 1;
}

if (broken) totals.failed += 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
