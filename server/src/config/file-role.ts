// What part a file plays in the product, read from its path: product source, test code, an
// example, host tooling, or a debug/CI build variant. Rules' findings are graded by it (see context policy).

import { baseName } from "../../../grammars/registry.ts";

export type FileRole = "product" | "test" | "example" | "tooling" | "debug-variant";
export type ContextPolicy = "keep" | "lower" | "skip";

const TEST_DIRS = new Set(["test", "tests", "testing", "unittest", "unit_test", "unit-test", "unittests", "unit_tests", "__tests__", "ztest", "test_apps"]);
const EXAMPLE_DIRS = new Set(["example", "examples", "sample", "samples", "demo", "demos"]);
/** Top-level folders of host tools, build scripts and CI data: not part of the device image. */
const TOOLING_DIRS = new Set(["tools", "scripts", ".github", ".gitlab", ".circleci", "ci"]);
const TEST_FILE = /^(?:test_.+|.+_tests?|.+\.test|.+_unittest)\.(?:c|h|cc|cpp|cxx|hpp|ino)$/i;
const DEBUG_WORDS = new Set(["debug", "dev", "devel", "ci", "test"]);

/** `sdkconfig.ci.debug`, `prj_dev.conf`, `overlay-debug.conf`, `board_debug_defconfig`: named for a non-product build. */
function isDebugVariant(name: string): boolean {
  const lower = name.toLowerCase();
  const words = lower.split(/[._-]/);
  if (lower.startsWith("sdkconfig.")) return DEBUG_WORDS.has(words[1] ?? "");
  if (lower.endsWith(".conf") || lower.endsWith("_defconfig")) return words.slice(0, -1).some((w) => DEBUG_WORDS.has(w) && w !== "test");
  return false;
}

export function fileRole(path: string): FileRole {
  const segments = path.split("/");
  const name = baseName(path);
  if (isDebugVariant(name)) return "debug-variant";
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  if (dirs.some((d) => TEST_DIRS.has(d)) || TEST_FILE.test(name)) return "test";
  if (dirs.length > 0 && TOOLING_DIRS.has(dirs[0]!)) return "tooling";
  if (dirs.some((d) => EXAMPLE_DIRS.has(d))) return "example";
  return "product";
}

/**
 * The default grading: product and example code keep the rule's severity (SDK examples are what
 * product code is copied from); test code, host tooling (top-level `tools/`, `scripts/`, `ci/`,
 * `.github/`) and debug/CI build variants are lowered one step — still visible, rarely blocking.
 */
export const DEFAULT_CONTEXT_POLICY: Readonly<Record<FileRole, ContextPolicy>> = {
  product: "keep",
  example: "keep",
  test: "lower",
  tooling: "lower",
  "debug-variant": "lower",
};
