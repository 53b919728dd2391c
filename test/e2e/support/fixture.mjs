// Copies the language-server fixture project (test/fixtures/lsp/ward-monitor) for a test to edit.
// Its `build/` folder is ignored by the fixture's own .gitignore — and so by this repository's git
// too — so the ignored file the tests expect to stay unlinted is written here, not committed.

import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const WARD_MONITOR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "lsp", "ward-monitor");

export function copyWardMonitor(dest) {
  cpSync(WARD_MONITOR, dest, { recursive: true });
  mkdirSync(join(dest, "build"), { recursive: true });
  writeFileSync(join(dest, "build", "generated.c"), '/* Build output: ignored by .gitignore, never scanned. */\n#define BUILD_WIFI_PASSWORD "generated-Secret-991"\n');
  return dest;
}
