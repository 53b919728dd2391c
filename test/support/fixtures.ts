// Finds annotated fixture files: every rule's `fixtures/` folder, `examples/`, and the eval corpus.

import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { detectLanguage } from "../../grammars/registry.ts";
import { readFileSync } from "node:fs";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile() && !entry.name.endsWith(".expect.yaml") && !entry.name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}

export function ruleFixtureDirs(): string[] {
  const rulesDir = join(REPO_ROOT, "rules");
  const dirs: string[] = [];
  for (const family of readdirSync(rulesDir)) {
    const familyDir = join(rulesDir, family);
    if (!statSync(familyDir).isDirectory() || family === "common") continue;
    for (const rule of readdirSync(familyDir)) {
      const fixtures = join(familyDir, rule, "fixtures");
      try {
        if (statSync(fixtures).isDirectory()) dirs.push(fixtures);
      } catch {
        // a rule without fixtures is caught by the catalog test
      }
    }
  }
  return dirs.sort();
}

export interface FixtureFile {
  readonly absolute: string;
  /** Relative to the repository root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  readonly language: NonNullable<ReturnType<typeof detectLanguage>>;
}

export function loadFixture(absolute: string): FixtureFile | undefined {
  const text = readFileSync(absolute, "utf8");
  const language = detectLanguage(absolute, () => text);
  if (!language) return undefined;
  return { absolute, path: relative(REPO_ROOT, absolute).split("\\").join("/"), text, language };
}
