// Every regular expression in shipped code is checked for super-linear (ReDoS) behaviour with
// recheck: files are hostile input, and one catastrophic pattern would hang CI on one line.
// Regex literals are found with tree-sitter's TypeScript grammar, not by a regex over source.

import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { Language, Parser } from "web-tree-sitter";
import { checkSync } from "recheck";
import { descendants, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import { RUNTIME_WASM } from "../../server/src/engine/parser.ts";
import { wasmPath } from "../support/engine.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

const require = createRequire(import.meta.url);
const SHIPPED = ["server/src", "rules", "grammars", "client/src"];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "fixtures" && name !== "node_modules") out.push(...sourceFiles(full));
    } else if (/\.(?:ts|mts|cts)$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

interface FoundRegex {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

async function findRegexes(): Promise<{ literals: FoundRegex[]; dynamic: string[] }> {
  await Parser.init({ wasmBinary: readFileSync(wasmPath(RUNTIME_WASM)), locateFile: (f: string) => f } as Parameters<typeof Parser.init>[0]);
  const language = await Language.load(readFileSync(require.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm")));
  const parser = new Parser();
  parser.setLanguage(language);
  const literals: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of SHIPPED.flatMap((d) => sourceFiles(join(REPO_ROOT, d)))) {
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
