// Reads fixture annotations: `expect: <rule-id>[, <rule-id>…]` and `ok: <reason>` in the file's own
// comments — on the annotated line where the format allows trailing comments, else on a comment
// line directly above (applying to the next data line) — or, for formats without comments, a
// sidecar `<file>.expect.yaml` mapping one-based line numbers to rule ids.

import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { LANGUAGES, type LanguageId } from "../../grammars/registry.ts";

export interface Expectation {
  /** Zero-based line. */
  readonly line: number;
  readonly ruleId: string;
}

export interface Annotations {
  readonly expected: Expectation[];
  /** Zero-based lines marked `ok:`. */
  readonly ok: number[];
}

const ANNOTATION = /\b(expect|ok):\s*(.*)$/;
const NOT_SET = /^\s*#\s*CONFIG_[A-Za-z0-9_]+\s+is not set\s*$/;

function commentStart(line: string, language: LanguageId): number {
  const syntax = LANGUAGES[language].comments;
  const openers = [...syntax.line, ...(syntax.block ? [syntax.block[0]] : [])];
  let best = -1;
  for (const opener of openers) {
    const index = line.indexOf(opener);
    if (index >= 0 && (best < 0 || index < best)) best = index;
  }
  return best;
}

function isCommentOnly(line: string, language: LanguageId): boolean {
  if (language === "kconfig" && NOT_SET.test(line)) return false;
  const start = commentStart(line, language);
  return start >= 0 && line.slice(0, start).trim() === "";
}

function ruleIds(text: string): string[] {
  const ids: string[] = [];
  for (const token of text.replace(/\*\/.*$/, "").split(/[,\s]+/)) {
    if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(token)) ids.push(token);
    else break;
  }
  return ids;
}

export function readAnnotations(filePath: string, text: string, language: LanguageId): Annotations {
  const sidecar = `${filePath}.expect.yaml`;
  if (existsSync(sidecar)) {
    const data = (parseYaml(readFileSync(sidecar, "utf8")) ?? {}) as Record<string, string | string[]>;
    const expected: Expectation[] = [];
    for (const [line, ids] of Object.entries(data)) {
      for (const ruleId of Array.isArray(ids) ? ids : [ids]) expected.push({ line: Number(line) - 1, ruleId });
    }
    return { expected, ok: [] };
  }
  const lines = text.split(/\r\n|\r|\n/);
  const expected: Expectation[] = [];
  const ok: number[] = [];
  const trailing = LANGUAGES[language].comments.trailing;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = commentStart(line, language);
    if (start < 0) continue;
    const match = ANNOTATION.exec(line.slice(start));
    if (!match) continue;
    let target = i;
    if (isCommentOnly(line, language) || !trailing) {
      target = i + 1;
      while (target < lines.length && (lines[target]!.trim() === "" || isCommentOnly(lines[target]!, language))) target++;
    }
    if (match[1] === "ok") ok.push(target);
    else for (const ruleId of ruleIds(match[2] ?? "")) expected.push({ line: target, ruleId });
  }
  return { expected, ok };
}
