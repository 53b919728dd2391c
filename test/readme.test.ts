// The README's rule table is generated from the catalog; this keeps it current.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./support/fixtures.ts";
import { runCli } from "./support/cli.ts";
// @ts-expect-error: a plain .mjs script without type declarations
import { rulesTable, withTable } from "../scripts/readme-rules.mjs";

describe("README", () => {
  it("lists every rule of the catalog (regenerate with `npm run docs:rules`)", () => {
    const rules = JSON.parse(runCli(["rules", "--format", "json"]).stdout) as unknown[];
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    expect(readme).toBe((withTable as (r: string, t: string) => string)(readme, (rulesTable as (r: unknown[]) => string)(rules)));
  });
});
