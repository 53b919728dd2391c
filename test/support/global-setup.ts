// Builds dist/ before the suites that run the bundles, so a developer running vitest directly
// never tests a stale build; `npm test` has just built it and says so with STERILE_BUILT=1.

import { spawnSync } from "node:child_process";
import { join } from "node:path";

export default function setup(): void {
  if (process.env.STERILE_BUILT === "1") return;
  const root = join(import.meta.dirname, "..", "..");
  const result = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("build failed");
}
