// `sterile scan --fix`: applies fixes until none is left (idempotent), rewrites each file
// atomically (write a temporary file beside it, then rename), keeps its encoding, BOM and line
// endings, and with `--dry-run` prints a unified diff with secrets masked instead of writing.

import { chmod, open, rename, stat, unlink, writeFile } from "node:fs/promises";
import { applyEdits } from "../engine/apply-fix.ts";
import { decodeBytes, encodeText } from "../engine/decode.ts";
import type { Engine, AnalysisOptions } from "../engine/engine.ts";
import { LineIndex } from "../engine/line-index.ts";
import { maskSpans } from "../engine/redact.ts";
import type { Finding, SourceFile, Span, TextEdit } from "../engine/types.ts";

const MAX_PASSES = 8;

export interface FixOutcome {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** `rule-id: fix title` of each fix applied. */
  readonly applied: string[];
  /** Secrets found in the text before and after, for masking diffs. */
  readonly secretsBefore: Span[];
  readonly secretsAfter: Span[];
}

/** Picks one fix per finding, skipping any that overlaps an edit already chosen. */
function chooseEdits(findings: readonly Finding[], unsafe: boolean): { edits: TextEdit[]; applied: string[] } {
  const edits: TextEdit[] = [];
  const applied: string[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safety === "safe" || unsafe);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => edits.some((o) => e.start < o.end && o.start < e.end || (e.start === o.start && e.end === o.end)));
    if (overlaps) continue;
    edits.push(...fix.edits);
    applied.push(`${finding.ruleId}: ${fix.title}`);
  }
  return { edits, applied };
}

/** Narrows a file's findings to those --fix may act on (e.g. drops suppressed ones). */
export type FindingFilter = (file: SourceFile, findings: readonly Finding[]) => Finding[];

export function fixText(engine: Engine, file: SourceFile, options: AnalysisOptions, unsafe: boolean, filter: FindingFilter = (_, f) => [...f]): FixOutcome {
  let text = file.text;
  const applied: string[] = [];
  // Secrets are masked from every finding, acted on or not (a suppressed secret stays secret).
  const analyze = (source: SourceFile) => {
    const all = engine.analyze(source, options).findings;
    return { all, actionable: filter(source, all) };
  };
  const first = analyze(file);
  const secretsBefore = first.all.flatMap((f) => (f.secret ? [f.secret] : []));
  let current = first;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = chooseEdits(current.actionable, unsafe);
    if (chosen.edits.length === 0) break;
    text = applyEdits(text, chosen.edits);
    applied.push(...chosen.applied);
    current = analyze({ ...file, text });
  }
  const secretsAfter = current.all.flatMap((f) => (f.secret ? [f.secret] : []));
  return { path: file.path, before: file.text, after: text, applied, secretsBefore, secretsAfter };
}

/** Reads, fixes and atomically rewrites one file; returns undefined when nothing changed. */
export async function fixFile(engine: Engine, absolute: string, file: Omit<SourceFile, "text">, options: AnalysisOptions, mode: { unsafe: boolean; dryRun: boolean; filter?: FindingFilter }): Promise<FixOutcome | undefined> {
  const handle = await open(absolute, "r");
  let bytes: Uint8Array;
  try {
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  const decoded = decodeBytes(bytes);
  if (decoded.kind === "binary") return undefined;
  const outcome = fixText(engine, { ...file, text: decoded.text }, options, mode.unsafe, mode.filter);
  if (outcome.after === outcome.before) return undefined;
  if (!mode.dryRun) {
    const info = await stat(absolute);
    const temp = `${absolute}.sterile-${process.pid}.tmp`;
    try {
      await writeFile(temp, encodeText(outcome.after, decoded.encoding), { flag: "wx" });
      await chmod(temp, info.mode & 0o7777);
      await rename(temp, absolute);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
  return outcome;
}

const CONTEXT = 3;

/** A unified diff of one fixed file, secrets masked on both sides. */
export function unifiedDiff(outcome: FixOutcome): string {
  const oldIndex = new LineIndex(outcome.before);
  const newIndex = new LineIndex(outcome.after);
  const oldLines = Array.from({ length: oldIndex.lineCount }, (_, i) => maskSpans(oldIndex.lineText(i), oldIndex.lineStart(i), outcome.secretsBefore));
  const newLines = Array.from({ length: newIndex.lineCount }, (_, i) => maskSpans(newIndex.lineText(i), newIndex.lineStart(i), outcome.secretsAfter));
  // Fixes rewrite a few lines each: walk both sides, resynchronising on the nearest equal line.
  const rawOld = Array.from({ length: oldIndex.lineCount }, (_, k) => oldIndex.lineText(k));
  const rawNew = Array.from({ length: newIndex.lineCount }, (_, k) => newIndex.lineText(k));
  const regions: { i: number; endOld: number; j: number; endNew: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < rawOld.length || j < rawNew.length) {
    if (i < rawOld.length && j < rawNew.length && rawOld[i] === rawNew[j]) {
      i++;
      j++;
      continue;
    }
    let endOld = rawOld.length;
    let endNew = rawNew.length;
    search: for (let span = 1; span <= rawOld.length - i + rawNew.length - j; span++) {
      for (let a = 0; a <= span; a++) {
        const oi = i + a;
        const nj = j + (span - a);
        if (oi < rawOld.length && nj < rawNew.length && rawOld[oi] === rawNew[nj]) {
          endOld = oi;
          endNew = nj;
          break search;
        }
      }
    }
    regions.push({ i, endOld, j, endNew });
    i = endOld;
    j = endNew;
  }
  const hunks: string[] = [];
  for (let r = 0; r < regions.length; ) {
    let last = r;
    while (last + 1 < regions.length && regions[last + 1]!.i - regions[last]!.endOld <= 2 * CONTEXT) last++;
    const first = regions[r]!;
    const end = regions[last]!;
    const startOld = Math.max(0, first.i - CONTEXT);
    const startNew = Math.max(0, first.j - CONTEXT);
    const tailOld = Math.min(rawOld.length, end.endOld + CONTEXT);
    const tailNew = Math.min(rawNew.length, end.endNew + CONTEXT);
    const body: string[] = oldLines.slice(startOld, first.i).map((l) => ` ${l}`);
    for (let k = r; k <= last; k++) {
      const region = regions[k]!;
      body.push(...oldLines.slice(region.i, region.endOld).map((l) => `-${l}`), ...newLines.slice(region.j, region.endNew).map((l) => `+${l}`));
      const next = regions[k + 1];
      const contextEnd = k < last && next ? next.i : tailOld;
      body.push(...oldLines.slice(region.endOld, contextEnd).map((l) => ` ${l}`));
    }
    hunks.push(`@@ -${startOld + 1},${tailOld - startOld} +${startNew + 1},${tailNew - startNew} @@\n${body.join("\n")}`);
    r = last + 1;
  }
  return `--- a/${outcome.path}\n+++ b/${outcome.path}\n${hunks.join("\n")}\n`;
}
