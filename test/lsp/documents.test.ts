// Open documents under incremental edits: whatever ranges a client sends, the incrementally
// reparsed analysis equals a fresh analysis of the same text.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OpenDocument } from "../../server/src/lsp/documents.ts";
import { testEngine } from "../support/engine.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

const WIFI = readFileSync(join(REPO_ROOT, "test/fixtures/lsp/ward-monitor/src/wifi.c"), "utf8");
const POLICY = { severities: new Map(), grade: "keep" as const };
const FILE = { path: "src/wifi.c", language: "c" as const };

function summary(document: OpenDocument, analysis: ReturnType<OpenDocument["analyze"]>): string[] {
  expect(analysis?.version).toBe(document.version);
  return (analysis?.findings ?? []).map((f) => `${f.ruleId}@${f.range.start}-${f.range.end}`);
}

describe("open documents", () => {
  it("take a reversed range as its mirror image, in the text and in the syntax tree alike", async () => {
    const engine = await testEngine();
    const document = new OpenDocument("file:///w/src/wifi.c", "c", 1, WIFI);
    document.analyze(engine, FILE, POLICY, 5_000);
    // Astral characters first (two code units each), then a replacement whose range ends before it
    // starts: from inside line 2 back to the top (the sequence the LSP property test found).
    const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    document.applyChanges(engine, [{ range: at0, text: "    " }, { range: at0, text: "𐀀𐀀" }], 2);
    document.analyze(engine, FILE, POLICY, 5_000);
    document.applyChanges(engine, [{ range: at0, text: "񫴶󥵦􅰨򮈌𙢁" }], 3);
    document.analyze(engine, FILE, POLICY, 5_000);
    const into2 = document.textDocument.positionAt(document.text.indexOf("#include <string.h>") + 1);
    document.applyChanges(engine, [{ range: { start: into2, end: { line: 0, character: 0 } }, text: "\n" }], 4);
    expect(document.text.startsWith("\ninclude <string.h>")).toBe(true);
    const incremental = summary(document, document.analyze(engine, FILE, POLICY, 5_000));

    const fresh = new OpenDocument("file:///w/src/fresh.c", "c", 4, document.text);
    expect(incremental).toEqual(summary(fresh, fresh.analyze(engine, FILE, POLICY, 5_000)));
    expect(incremental.map((s) => s.split("@")[0]).sort()).toEqual(["cleartext-url", "hardcoded-credential"]);
  });
});
