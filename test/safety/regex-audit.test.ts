// Every regular expression in shipped code is checked for super-linear (ReDoS) behaviour with
// recheck: files are hostile input, and one catastrophic pattern would hang CI on one line.
// Regex literals are found with tree-sitter's TypeScript grammar, not by a regex over source.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { checkSync } from "recheck";
import { descendants, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import { shippedSourceFiles, typescriptParser } from "../support/shipped-source.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

interface FoundRegex {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

async function findRegexes(): Promise<{ literals: FoundRegex[]; dynamic: string[] }> {
  const parser = await typescriptParser();
  const literals: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of shippedSourceFiles()) {
    const text = readFileSync(file, "utf8");
    const tree = parser.parse(text)!;
    const rel = relative(REPO_ROOT, file);
    for (const node of descendants(tree.rootNode as unknown as SyntaxNode)) {
      const line = (n: SyntaxNode) => text.slice(0, n.startIndex).split("\n").length;
      if (node.type === "regex") {
        const pattern = node.childForFieldName("pattern")?.text ?? "";
        const flags = node.childForFieldName("flags")?.text ?? "";
        literals.push({ where: `${rel}:${line(node)}`, source: pattern, flags });
      } else if (node.type === "new_expression" && node.childForFieldName("constructor")?.text === "RegExp") {
        const first = node.childForFieldName("arguments")?.namedChild(0);
        if (first && first.type === "string") literals.push({ where: `${rel}:${line(node)}`, source: JSON.parse(first.text.replace(/^'|'$/g, '"')) as string, flags: "" });
        else dynamic.push(`${rel}:${line(node)}`);
      }
    }
    tree.delete();
  }
  return { literals, dynamic };
}

describe("regular expressions in shipped code", () => {
  it("are all linear-time (recheck finds no ReDoS), and none is built from data at run time", async () => {
    const { literals, dynamic } = await findRegexes();
    expect(literals.length).toBeGreaterThan(20);
    const unsafe: string[] = [];
    for (const regex of literals) {
      const result = checkSync(regex.source, regex.flags.replace(/[^gimsuy]/g, ""), { timeout: 10_000 });
      if (result.status === "vulnerable") unsafe.push(`${regex.where} /${regex.source}/${regex.flags}: ${result.complexity?.type ?? ""} (${result.attack?.pattern ?? ""})`);
      else if (result.status === "unknown") unsafe.push(`${regex.where} /${regex.source}/${regex.flags}: recheck could not decide (${result.error?.kind ?? ""})`);
    }
    expect(unsafe).toEqual([]);
    expect(dynamic, "RegExp built from a non-literal: make it a literal so it can be checked").toEqual([]);
  });
});
