// Finds annotated fixture files: every rule's `fixtures/` folder, `examples/`, and the eval corpus.

import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { detectLanguage } from "../../grammars/registry.ts";
import { readAnnotations } from "./annotations.ts";
import { readFileSync } from "node:fs";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

export { listFiles } from "./list-files.ts";

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

/** How many findings the files expect (of one rule, when given) and how many `ok:` lines they hold. */
export function countAnnotations(files: readonly string[], ruleId?: string): { expects: number; oks: number } {
  let expects = 0;
  let oks = 0;
  for (const absolute of files) {
    const file = loadFixture(absolute);
    if (!file) continue;
    const annotations = readAnnotations(absolute, file.text, file.language);
    expects += annotations.expected.filter((e) => ruleId === undefined || e.ruleId === ruleId).length;
    oks += annotations.ok.length;
  }
  return { expects, oks };
}
