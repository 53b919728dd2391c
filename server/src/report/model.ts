// What a scan hands to the report writers: findings already fingerprinted and framed (with
// secrets masked) while the file text was at hand, so writers never see file contents.

import type { RuleFailure } from "../engine/engine.ts";
import type { Finding, Rule } from "../engine/types.ts";
import type { SkippedFile } from "../cli/walk.ts";
import type { LanguageId } from "../../../grammars/registry.ts";

export interface CodeFrame {
  /** Zero-based line of `lines[0]`. */
  readonly firstLine: number;
  /** Source lines around the finding, secrets masked. */
  readonly lines: readonly string[];
}

export interface ReportedFinding extends Finding {
  /** `sterile/v1` fingerprint: rule + path + hash of normalised, secret-masked content; no line numbers. */
  readonly fingerprint: string;
  readonly frame: CodeFrame;
  /** With `--baseline`: `unchanged` when the baseline holds it (not reported, not counted). */
  readonly baselineState?: "new" | "unchanged";
}

export interface ScannedFile {
  readonly path: string;
  readonly language: LanguageId;
}

export interface ScanReport {
  readonly tool: { readonly name: string; readonly version: string };
  /** Absolute project root all paths are relative to. */
  readonly root: string;
  readonly commandLine: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly parser: "wasm" | "native";
  readonly rules: readonly Rule[];
  readonly files: readonly ScannedFile[];
  readonly findings: readonly ReportedFinding[];
  readonly skipped: readonly SkippedFile[];
  readonly failures: readonly RuleFailure[];
  /** The baseline in use, if any, and how many findings it matched. */
  readonly baseline?: { readonly file: string; readonly matched: number };
}

/** Findings a report lists and the exit code counts: not matched by the baseline. */
export function activeFindings(report: ScanReport): readonly ReportedFinding[] {
  return report.findings.filter((f) => f.baselineState !== "unchanged");
}
