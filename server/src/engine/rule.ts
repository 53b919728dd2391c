// `defineRule` checks a rule's metadata once, when the catalog is built, so a malformed rule fails
// the build and the tests rather than a user's scan.

import { LANGUAGES } from "../../../grammars/registry.ts";
import type { Rule } from "./types.ts";

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const CWE_ID = /^CWE-\d+$/;

export function defineRule(rule: Rule): Rule {
  const problems: string[] = [];
  if (!RULE_ID.test(rule.id)) problems.push("id must be kebab-case");
  if (rule.cwe.length === 0 || !rule.cwe.every((c) => CWE_ID.test(c))) problems.push("cwe must list ids like CWE-798");
  if (rule.languages.length === 0 || !rule.languages.every((l) => l in LANGUAGES)) problems.push("languages must name registry languages");
  if (!rule.message || rule.message.includes("\n")) problems.push("message must be one line");
  if (!rule.docs.trim()) problems.push("docs page is empty");
  if (problems.length > 0) throw new Error(`rule ${rule.id}: ${problems.join("; ")}`);
  return Object.freeze(rule);
}
