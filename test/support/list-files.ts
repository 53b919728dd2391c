// Files of a fixture or corpus folder, recursively and sorted, without the `.expect.yaml` sidecars
// and Markdown notes. No `import.meta` here: the eval harness bundles this into CommonJS.

import { readdirSync } from "node:fs";
import { join } from "node:path";

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile() && !entry.name.endsWith(".expect.yaml") && !entry.name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}
