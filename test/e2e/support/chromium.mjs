// Debian's Chromium driven by playwright-core, as every browser-based suite launches it: no
// browser download (playwright's own builds cannot be fetched here), a fresh profile per run, and
// the flags that keep it from reaching the network on its own.

import { existsSync } from "node:fs";

export const CHROMIUM = process.env.STERILE_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Why a Chromium suite cannot run here, or `undefined`. */
export function chromiumMissing() {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (Debian package: chromium; or set STERILE_CHROMIUM)`;
}

/** A headless persistent context on a fresh profile folder (`--user-data-dir` in `args` is refused). */
export async function launchChromium(profileDir, options = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: CHROMIUM_ARGS,
    ...options,
  });
}
