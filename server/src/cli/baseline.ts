// Baselines: the findings a team has accepted for now, by fingerprint (rule + path + hash of the
// finding's own masked line; no line numbers, no secret). One entry per line, sorted, so the file
// diffs and merges cleanly in review.

import type { ReportedFinding } from "../report/model.ts";

export const DEFAULT_BASELINE = ".sterile-baseline.json";

export interface BaselineEntry {
  readonly rule: string;
  readonly path: string;
  readonly fingerprint: string;
}

export class BaselineError extends Error {}

function key(entry: BaselineEntry): string {
  return `${entry.rule}\u0000${entry.path}\u0000${entry.fingerprint}`;
}

export function entryOf(finding: ReportedFinding): BaselineEntry {
  return { rule: finding.ruleId, path: finding.path, fingerprint: finding.fingerprint };
}

function compare(a: BaselineEntry, b: BaselineEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

export function serializeBaseline(entries: readonly BaselineEntry[], version: string): string {
  const unique = new Map(entries.map((e) => [key(e), e]));
  const sorted = [...unique.values()].sort(compare);
  const lines = sorted.map((e, i) => `    ${JSON.stringify({ rule: e.rule, path: e.path, fingerprint: e.fingerprint })}${i < sorted.length - 1 ? "," : ""}`);
  return `{\n  "version": 1,\n  "tool": "sterile ${version}",\n  "entries": [\n${lines.join("\n")}${lines.length > 0 ? "\n" : ""}  ]\n}\n`;
}

export function parseBaseline(text: string, file: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not a baseline (invalid JSON: ${(error as Error).message})`);
  }
  const entries = (data as { version?: unknown; entries?: unknown }).entries;
  if ((data as { version?: unknown }).version !== 1 || !Array.isArray(entries)) throw new BaselineError(`${file}: not a Sterile baseline (version 1 with "entries" expected)`);
  return entries.map((e, i) => {
    const entry = e as Partial<BaselineEntry>;
    if (typeof entry.rule !== "string" || typeof entry.path !== "string" || typeof entry.fingerprint !== "string") {
      throw new BaselineError(`${file}: entry ${i + 1} needs string "rule", "path" and "fingerprint"`);
    }
    return { rule: entry.rule, path: entry.path, fingerprint: entry.fingerprint };
  });
}

export class Baseline {
  private readonly keys: Set<string>;
  constructor(readonly file: string, readonly entries: readonly BaselineEntry[]) {
    this.keys = new Set(entries.map(key));
  }
  has(finding: ReportedFinding): boolean {
    return this.keys.has(key(entryOf(finding)));
  }
}
