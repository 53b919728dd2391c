// Regenerates the README's rule table from the catalog (`sterile rules --format json`), so the
// README never lists a rule that does not exist or misses one that does. A test checks it is current.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const START = "<!-- rules-table:start -->";
const END = "<!-- rules-table:end -->";

export function rulesTable(rules) {
  const rows = rules.map((r) => `| [\`${r.id}\`](rules/${r.family}/${r.id}/README.md) | ${r.family} | ${r.severity} | ${r.cwe.join(", ")} | ${r.fixable || "—"} |`);
  return ["| Rule | Family | Severity | CWE | Fix |", "|---|---|---|---|---|", ...rows].join("\n");
}

export function withTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error("README has no rules-table markers");
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rules = JSON.parse(execFileSync(process.execPath, [join(root, "dist", "cli.js"), "rules", "--format", "json"], { encoding: "utf8" }));
  const path = join(root, "README.md");
  writeFileSync(path, withTable(readFileSync(path, "utf8"), rulesTable(rules)));
  console.log(`README rule table: ${rules.length} rules`);
}
